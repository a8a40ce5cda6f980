// One campaign's page: its status and time, the actions its status and the agent's role allow,
// the compose form while it may be edited (read-only otherwise), the previews, and its history.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { hasRole } from '#core/agents/agent';
import { wasExpired } from '#core/announcements/expiry';
import { RULE_LABELS } from '#core/announcements/rules';
import type { Campaign } from '#core/campaigns/campaign';
import { TERRITORIES, THEMES } from '#core/demarches/places';
import type { Violation } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { StatusBadge, channelList } from '../../ui/campaign-bits';
import { formatDateTime } from '../../ui/format';
import { ErrorSummary, type FormValues } from '../../ui/forms';
import { CampaignActions } from './actions-view';
import { AuditTrail, loadAuditTrail } from './audit-trail';
import { loadChoices } from './catalogs';
import { ComposeForm } from './compose-form';
import { formFromCampaign, inputFromForm, transientCampaign } from './form-values';
import { type PreviewData, Previews, buildPreview, schedulingBlocker } from './previews';

/** What a failed request leaves for the page to show: the agent's values, what went wrong, where to go. */
export interface PageProblem {
  values?: FormValues;
  violations?: readonly Violation[];
  message?: string;
  /** A link next to the message: reload the current version, link one's Telegram chat… */
  link?: { href: string; label: string };
  status?: 400 | 403 | 404 | 409;
}

const EDITABLE = ['draft', 'scheduled'] as const;
const isEditable = (c: Campaign): c is Campaign & { status: (typeof EDITABLE)[number] } =>
  (EDITABLE as readonly string[]).includes(c.status);
const WATCHABLE = ['sending', 'paused', 'sent', 'failed'];

export const campaignPath = (id: string) => `/console/campagnes/${id}`;

function audienceText(campaign: Campaign, demarches: Map<string, string>, questionnaires: Map<string, string>): string {
  const { audience } = campaign;
  if (audience.kind === 'everyone') return 'Tous les abonné·es';
  if (audience.kind === 'respondents') {
    const titles = audience.questionnaires.map((id) => `« ${questionnaires.get(id) ?? id} »`).join(', ');
    return `Les abonné·es qui ont répondu au${audience.questionnaires.length > 1 ? 'x' : ''} questionnaire${audience.questionnaires.length > 1 ? 's' : ''} ${titles}`;
  }
  const names = [
    ...audience.demarches.map((d) => `démarche « ${demarches.get(d) ?? d} »`),
    ...audience.themes.map((t) => `thème « ${THEMES[t]} »`),
    ...audience.territories.map((t) => TERRITORIES[t]?.label ?? t),
  ];
  return `Les abonné·es qui suivent : ${names.join(', ')}`;
}

const Summary: FC<{ campaign: Campaign; demarches: Map<string, string>; questionnaires: Map<string, string> }> = ({
  campaign,
  demarches,
  questionnaires,
}) => (
  <section aria-labelledby="resume-titre">
    <h2 id="resume-titre">La campagne</h2>
    <dl class="summary">
      <dt>Lien</dt>
      <dd>{campaign.message.link}</dd>
      {campaign.message.imageUrl && (
        <>
          <dt>Image</dt>
          <dd>{campaign.message.imageUrl}</dd>
        </>
      )}
      <dt>Canaux</dt>
      <dd>{channelList(campaign)}</dd>
      <dt>Audience</dt>
      <dd>{audienceText(campaign, demarches, questionnaires)}</dd>
      <dt>Démarche</dt>
      <dd>{campaign.demarcheSlug ? (demarches.get(campaign.demarcheSlug) ?? campaign.demarcheSlug) : 'Aucune'}</dd>
      <dt>Texte pour X</dt>
      <dd>{campaign.xText ?? 'Le titre, le texte et le lien'}</dd>
    </dl>
  </section>
);

/** Where a campaign no agent wrote comes from: a step of a démarche's timeline, or an imported feed entry. */
const CampaignOrigin: FC<{ origin: NonNullable<Campaign['origin']> }> = ({ origin }) =>
  origin.kind === 'announcement' ? (
    <p class="muted">
      Annonce générée par le calendrier de la démarche{' '}
      <a href={`/console/demarches/${encodeURIComponent(origin.demarcheSlug)}`}>{origin.demarcheSlug}</a> (
      {RULE_LABELS[origin.rule]}) : <a href="/console/annonces">toutes les annonces</a>
    </p>
  ) : (
    <p class="muted">
      Annonce d’un article importé : <a href="/console/sources">sources importées</a>
    </p>
  );

/** Title, status, time and channels; what went wrong, if anything; the way to the sending's progress. */
const CampaignHeader: FC<{ campaign: Campaign; problem: PageProblem }> = ({ campaign, problem }) => (
  <>
    <p>
      <a href="/console/campagnes">Toutes les campagnes</a>
    </p>
    <h1>{campaign.message.title}</h1>
    <p>
      <StatusBadge status={campaign.status} /> Envoi : {formatDateTime(campaign.sendAt)} (heure de Paris) ·{' '}
      {channelList(campaign)}
    </p>
    {wasExpired(campaign) && (
      <p>
        <strong>Périmée</strong> : annulée sans être envoyée, son heure limite ({formatDateTime(campaign.notAfter!)})
        était passée.
      </p>
    )}
    {campaign.origin && <CampaignOrigin origin={campaign.origin} />}
    <ErrorSummary violations={problem.violations ?? []} message={problem.message} />
    {problem.link && (
      <p>
        <a href={problem.link.href}>{problem.link.label}</a>
      </p>
    )}
    {WATCHABLE.includes(campaign.status) && (
      <p>
        <a href={`${campaignPath(campaign.id)}/envoi`}>Suivre l’envoi : chiffres par canal</a>
      </p>
    )}
  </>
);

/** The blocker of « Programmer »: what a channel would refuse in the stored campaign, or a time already past. */
const blockerOf = (preview: PreviewData, campaign: Campaign, now: Date) =>
  schedulingBlocker(preview) ??
  (campaign.sendAt <= now.toISOString()
    ? 'l’heure d’envoi est passée : choisissez une heure à venir et enregistrez.'
    : undefined);

/** The campaign's page, for its GET and for any POST that failed (status from `problem`). */
export async function campaignPage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  campaign: Campaign,
  problem: PageProblem = {},
) {
  const agent = c.get('agent');
  const editing = isEditable(campaign) && hasRole(agent.role, 'editor');
  const values = problem.values ?? formFromCampaign(campaign);
  const shown = editing ? transientCampaign(inputFromForm(values, deps.clock.now()), deps.clock.now()) : campaign;
  const [preview, choices, events] = await Promise.all([
    buildPreview(deps, shown),
    loadChoices(deps, campaign.questionnaireId),
    loadAuditTrail(deps, campaign.id),
  ]);
  // The « Programmer » button schedules the stored campaign: what blocks it is judged on that, not on the form.
  const stored = editing && problem.values ? await buildPreview(deps, campaign) : preview;
  const blocker = blockerOf(stored, campaign, deps.clock.now());
  return page(
    c,
    campaign.message.title,
    'campagnes',
    <>
      <CampaignHeader campaign={campaign} problem={problem} />
      <CampaignActions campaign={campaign} role={agent.role} blocker={blocker} />
      {editing ? (
        <ComposeForm
          action={campaignPath(campaign.id)}
          mode={campaign.status}
          values={values}
          violations={problem.violations ?? []}
          choices={choices}
          preview={preview}
        />
      ) : (
        <>
          <Summary
            campaign={campaign}
            demarches={new Map(choices.demarches.map((d) => [d.value, d.label]))}
            questionnaires={new Map(choices.answered.map((q) => [q.value, q.label]))}
          />
          <Previews preview={preview} />
        </>
      )}
      <AuditTrail events={events} />
    </>,
    problem.status ?? 200,
  );
}
