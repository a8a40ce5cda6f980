// A campaign's history as the audit trail recorded it: who did what, when (Paris time), and which
// fields changed.
import type { FC } from 'hono/jsx';
import type { AuditEvent } from '#core/audit/audit-event';
import type { HttpDeps } from '../../../deps';
import { formatShortDateTime } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

const ACTIONS: Record<string, string> = {
  'campaign.create': 'Création',
  'campaign.update': 'Modification',
  'campaign.schedule': 'Programmation',
  'campaign.unschedule': 'Déprogrammation',
  'campaign.cancel': 'Annulation',
  'campaign.expire': 'Annulation : périmée',
  'campaign.pause': 'Mise en pause',
  'campaign.resume': 'Reprise',
  'campaign.test': 'Envoi d’un test',
  'campaign.x_posted': 'Publication sur X à la main',
};

const FIELDS: Record<string, string> = {
  message: 'message',
  channels: 'canaux',
  audience: 'audience',
  sendAt: 'heure d’envoi',
  questionnaireId: 'questionnaire',
  demarcheSlug: 'démarche',
  xText: 'texte pour X',
  xPoll: 'sondage X',
  xPost: 'publication X',
  xPublication: 'publication X',
  status: 'état',
  counts: 'compteurs',
  round: 'reprise',
  resumedAt: 'reprise',
};

const changedFields = (event: AuditEvent) =>
  [
    ...new Set(
      Object.keys(event.changes)
        .map((key) => FIELDS[key])
        .filter(Boolean),
    ),
  ].join(', ');

export const loadAuditTrail = async (deps: HttpDeps, id: string) =>
  (await deps.store.audit.list({ entity: { type: 'campaign', id }, limit: 50 })).items;

export const AuditTrail: FC<{ events: AuditEvent[] }> = ({ events }) => (
  <section aria-labelledby="journal-titre">
    <h2 id="journal-titre">Historique</h2>
    {events.length === 0 ? (
      <p class="muted">Rien n’est encore inscrit au journal pour cette campagne.</p>
    ) : (
      <ScrollRegion label="Historique de la campagne">
        <table>
          <caption class="visually-hidden">Historique de la campagne, le plus récent d’abord (heure de Paris)</caption>
          <thead>
            <tr>
              <th scope="col">Quand</th>
              <th scope="col">Qui</th>
              <th scope="col">Action</th>
              <th scope="col">Champs modifiés</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <td>{formatShortDateTime(event.at)}</td>
                <td>{event.actor.name}</td>
                <td>{ACTIONS[event.action] ?? event.action}</td>
                <td>{changedFields(event) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    )}
  </section>
);
