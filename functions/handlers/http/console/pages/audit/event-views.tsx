// How one audit event reads in the journal: the action in French words, the entity named and
// linked to its console page, and its changed fields, short (before → after). Everything escaped.
import type { FC } from 'hono/jsx';
import type { AuditEvent } from '#core/audit/audit-event';
import { formatShortDateTime } from '../../ui/format';

type EntityType = AuditEvent['entity']['type'];

/** The actions the core records, as a sentence's verb: « Camille a programmé la campagne … ». */
export const ACTION_LABELS: Record<string, string> = {
  'demarche.create': 'a créé la démarche',
  'demarche.update': 'a modifié la démarche',
  'questionnaire.create': 'a créé le questionnaire',
  'questionnaire.update': 'a modifié le questionnaire',
  'questionnaire.publish_results': 'a publié les résultats du questionnaire',
  'questionnaire.restitution': 'a lancé « Voici ce que vous avez dit » pour le questionnaire',
  'moderation.approve': 'a approuvé un texte écrit en réponse au questionnaire',
  'moderation.reject': 'a rejeté un texte écrit en réponse au questionnaire',
  'campaign.create': 'a créé la campagne',
  'campaign.update': 'a modifié la campagne',
  'campaign.schedule': 'a programmé la campagne',
  'campaign.unschedule': 'a déprogrammé la campagne',
  'campaign.cancel': 'a annulé la campagne',
  'campaign.expire': 'a annulé la campagne, périmée (son heure était passée depuis trop longtemps)',
  'campaign.pause': 'a mis en pause l’envoi de la campagne',
  'campaign.resume': 'a repris l’envoi de la campagne',
  'campaign.test': 'a envoyé un test de la campagne',
  'campaign.x_posted': 'a publié à la main sur X la campagne',
  'agent.create': 'a créé l’agent',
  'agent.revoke': 'a révoqué l’agent',
  'agent.telegram_link': 'a lié son chat Telegram, pour l’agent',
};

export const ENTITY_LABELS: Record<EntityType, string> = {
  demarche: 'Démarches',
  questionnaire: 'Questionnaires',
  campaign: 'Campagnes',
  agent: 'Agents',
};

const ENTITY_PAGES: Record<EntityType, (id: string) => string> = {
  demarche: (id) => `/console/demarches/${encodeURIComponent(id)}`,
  questionnaire: (id) => `/console/questionnaires/${encodeURIComponent(id)}`,
  campaign: (id) => `/console/campagnes/${encodeURIComponent(id)}`,
  agent: () => '/console/agents',
};

/** Field names as agents know them; the others are shown as they are in the API. */
const FIELD_LABELS: Record<string, string> = {
  title: 'titre',
  name: 'nom',
  role: 'rôle',
  status: 'état',
  sendAt: 'envoi',
  message: 'message',
  channels: 'canaux',
  audience: 'audience',
  questions: 'questions',
  opensAt: 'ouverture',
  closesAt: 'clôture',
  resultsPolicy: 'résultats',
  publicFrom: 'réponses publiques à partir du',
  publishedAt: 'résultats publiés le',
  restitution: '« Voici ce que vous avez dit »',
  redactions: 'passages retirés',
  text: 'texte (question et empreinte)',
  publishedText: 'texte publié',
  reason: 'motif',
  category: 'catégorie',
  steps: 'étapes',
  telegramLinked: 'chat Telegram lié',
  lastActiveAt: 'dernière activité',
};

const SHORT = 80;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** A value, short: instants in Paris time, booleans in French, anything else as JSON cut to 80 characters. */
export function shortValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return formatShortDateTime(value);
  return [...text].length > SHORT ? `${[...text].slice(0, SHORT - 1).join('')}…` : text;
}

const Changes: FC<{ changes: AuditEvent['changes'] }> = ({ changes }) => {
  const entries = Object.entries(changes);
  if (entries.length === 0) return <span class="muted">—</span>;
  const list = (
    <ul class="changes">
      {entries.map(([field, { before, after }]) => (
        <li>
          <span class="field-name">{FIELD_LABELS[field] ?? field}</span> : {shortValue(before)}{' '}
          <span aria-hidden="true">→</span>
          <span class="visually-hidden">devient</span> {shortValue(after)}
        </li>
      ))}
    </ul>
  );
  // A creation lists every field: folded, so the journal stays a list of events.
  return entries.length > 4 ? (
    <details>
      <summary>{entries.length} champs</summary>
      {list}
    </details>
  ) : (
    list
  );
};

export const EventRow: FC<{ event: AuditEvent; entityName?: string; canSeeAgents: boolean }> = ({
  event,
  entityName,
  canSeeAgents,
}) => {
  const { type, id } = event.entity;
  const name = entityName ?? id;
  const linked = type !== 'agent' || canSeeAgents;
  return (
    <tr>
      <td>{formatShortDateTime(event.at)}</td>
      <td>{event.actor.name}</td>
      <td>
        {ACTION_LABELS[event.action] ?? `action « ${event.action} » sur`}{' '}
        {linked ? <a href={ENTITY_PAGES[type](id)}>{name}</a> : <span>{name}</span>}{' '}
        <a
          class="muted"
          href={`/console/journal?type=${type}&objet=${encodeURIComponent(id)}`}
          aria-label={`Historique de ${name}`}
        >
          (historique)
        </a>
      </td>
      <td>
        <Changes changes={event.changes} />
      </td>
    </tr>
  );
};
