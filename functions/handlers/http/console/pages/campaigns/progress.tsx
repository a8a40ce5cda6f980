// Watching a campaign leave: per channel what went out, failed, was not delivered or is left, the
// pace and the estimated end (Paris time), the failures grouped by reason, and the pause, resume
// and cancel buttons. The region is refreshed every 2 s by the script from the fragment route
// until the fragment says the sending is over; without JavaScript, « Actualiser » reloads.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { Role } from '#core/agents/agent';
import type { Campaign, CampaignStatus } from '#core/campaigns/campaign';
import { getCampaign } from '#core/campaigns/use-cases';
import { type CampaignProgress, getCampaignProgress } from '#core/delivery/progress';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { isFragmentRequest } from '../../session-cookie';
import { StatusBadge } from '../../ui/campaign-bits';
import { countOf, formatDateTime, formatNumber, formatPercent } from '../../ui/format';
import { ErrorSummary } from '../../ui/forms';
import { CampaignActions } from './actions-view';
import { campaignPath } from './campaign-page';
import { ScrollRegion } from '../../ui/scroll-region';

/** Statuses after which nothing moves any more: the script stops polling. */
const FINAL: readonly CampaignStatus[] = ['sent', 'failed', 'cancelled', 'draft'];
const rate = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** « 0,3 message », « 28,5 messages »: French counts below 2 as one. */
const perSecond = (n: number) => `${rate.format(n)} ${Math.round(n * 10) / 10 < 2 ? 'message' : 'messages'}`;
/** To the second: the reading changes every 2 s, and the agent sees that it does. */
const clockTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const envoiPath = (id: string) => `${campaignPath(id)}/envoi`;

type Row = { label: string; done: number; failed: number; blocked?: number; uncertain?: number; remaining?: number };

function rowsOf(progress: CampaignProgress): Row[] {
  const rows: Row[] = [];
  const { telegram, x, feeds } = progress;
  if (telegram) rows.push({ label: 'Telegram (messages)', done: telegram.sent, ...telegram });
  if (x) rows.push({ label: 'X (publication)', done: x.posted + x.queued, failed: x.failed, remaining: x.remaining });
  if (feeds)
    rows.push({ label: 'Flux (article)', done: feeds.published, failed: feeds.failed, remaining: feeds.remaining });
  return rows;
}

const cell = (n: number | undefined) => (n === undefined ? '—' : formatNumber(n));

const ChannelTable: FC<{ progress: CampaignProgress }> = ({ progress }) => (
  <ScrollRegion label="Avancement par canal">
    <table>
      <caption>Avancement par canal</caption>
      <thead>
        <tr>
          <th scope="col">Canal</th>
          <th scope="col" class="num">
            Envoyés
          </th>
          <th scope="col" class="num">
            En échec
          </th>
          <th scope="col" class="num">
            Non joints
          </th>
          <th scope="col" class="num">
            Incertains
          </th>
          <th scope="col" class="num">
            Restants
          </th>
        </tr>
      </thead>
      <tbody>
        {rowsOf(progress).map((row) => (
          <tr>
            <th scope="row">{row.label}</th>
            <td class="num">{cell(row.done)}</td>
            <td class="num">{cell(row.failed)}</td>
            <td class="num">{cell(row.blocked)}</td>
            <td class="num">{cell(row.uncertain)}</td>
            <td class="num">{cell(row.remaining)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);

/** The Telegram fan-out as a bar and in words (the bar alone says nothing to a screen reader). */
const TelegramBar: FC<{ progress: CampaignProgress }> = ({ progress }) => {
  const { telegram, recipients } = progress;
  if (!telegram || recipients === undefined)
    return <p class="muted">Les destinataires Telegram seront comptés au début de l’envoi.</p>;
  const done = recipients - (telegram.remaining ?? recipients);
  const share = recipients === 0 ? 1 : done / recipients;
  const text = `${countOf(done, 'destinataire traité', 'destinataires traités')} sur ${formatNumber(recipients)} (${formatPercent(share)})`;
  return (
    <div class="progress-line">
      <progress
        max={Math.max(recipients, 1)}
        value={recipients === 0 ? 1 : done}
        aria-label="Avancement de l’envoi Telegram"
      >
        {text}
      </progress>
      <p>{text}</p>
    </div>
  );
};

const Failures: FC<{ failures: CampaignProgress['failures'] }> = ({ failures }) =>
  failures.length === 0 ? (
    <p class="muted">Aucun échec.</p>
  ) : (
    <ScrollRegion label="Échecs par raison">
      <table>
        <caption>Échecs Telegram par raison</caption>
        <thead>
          <tr>
            <th scope="col">Raison</th>
            <th scope="col" class="num">
              Messages
            </th>
          </tr>
        </thead>
        <tbody>
          {failures.map((f) => (
            <tr>
              <th scope="row">{f.reason}</th>
              <td class="num">{formatNumber(f.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

/** What the region shows, and what the fragment route answers. */
export const ProgressView: FC<{ campaign: Campaign; progress: CampaignProgress; role: Role }> = ({
  campaign,
  progress,
  role,
}) => (
  <>
    <p>
      <StatusBadge status={progress.status} /> Relevé à {clockTime.format(new Date(progress.updatedAt))} (heure de
      Paris)
    </p>
    {FINAL.includes(progress.status) && (
      <p data-poll-final class="muted">
        Cet envoi ne bouge plus : la page n’est plus actualisée.
      </p>
    )}
    <TelegramBar progress={progress} />
    <ChannelTable progress={progress} />
    <p>
      Rythme actuel : {perSecond(progress.ratePerSecond)} par seconde · Fin estimée :{' '}
      {progress.estimatedEnd ? `${formatDateTime(progress.estimatedEnd)} (heure de Paris)` : '—'}
    </p>
    <h2>Échecs</h2>
    <Failures failures={progress.failures} />
    <CampaignActions
      campaign={{ id: campaign.id, status: progress.status }}
      role={role}
      only={['pause', 'reprendre', 'annuler']}
      from="envoi"
    />
    <p>
      <a href={envoiPath(campaign.id)}>Actualiser</a>
    </p>
  </>
);

export async function progressPage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  campaign: Campaign,
  problem: { message?: string; status?: 400 | 409 } = {},
) {
  const progress = await getCampaignProgress(deps, campaign.id);
  const polling = !FINAL.includes(progress.status);
  return page(
    c,
    `Envoi : ${campaign.message.title}`,
    'campagnes',
    <>
      <p>
        <a href={campaignPath(campaign.id)}>Retour à la campagne</a>
      </p>
      <h1>Envoi : {campaign.message.title}</h1>
      <ErrorSummary violations={[]} message={problem.message} />
      <div
        id="avancement"
        data-poll={polling ? `${envoiPath(campaign.id)}/fragment` : undefined}
        data-every={polling ? '2000' : undefined}
      >
        <ProgressView campaign={campaign} progress={progress} role={c.get('agent').role} />
      </div>
    </>,
    problem.status ?? 200,
  );
}

async function fragment(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const campaign = await getCampaign(deps, c.req.param('id')!);
  const progress = await getCampaignProgress(deps, campaign.id);
  return c.html(<ProgressView campaign={campaign} progress={progress} role={c.get('agent').role} />);
}

export function progressRoutes(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/campagnes/:id/envoi/fragment', (c) => fragment(c, deps));
  app.get('/console/campagnes/:id/envoi', async (c) =>
    isFragmentRequest(c) ? fragment(c, deps) : progressPage(c, deps, await getCampaign(deps, c.req.param('id'))),
  );
}
