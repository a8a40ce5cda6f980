// The console's home: what leaves next, what is leaving now, what left last, and the audience.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { Campaign, CampaignStatus } from '#core/campaigns/campaign';
import { listCampaigns } from '#core/campaigns/use-cases';
import { type CampaignProgress, getCampaignProgress } from '#core/delivery/progress';
import { type WeekGrowth, subscriberGrowth } from '#core/subscribers/growth';
import type { SubscriberStatus } from '#core/subscribers/subscriber';
import type { HttpDeps } from '../../deps';
import type { ConsoleEnv } from '../env';
import { page } from '../layout';
import { StatusBadge, channelList, countsSummary } from '../ui/campaign-bits';
import { formatDate, formatNumber, formatShortDateTime, formatSigned } from '../ui/format';
import { ScrollRegion } from '../ui/scroll-region';
import { EvaluationProposalsNotice } from './evaluations/notices';
import { ModerationWidget } from './moderation/overview';

const SUBSCRIBER_LABELS: Record<SubscriberStatus, string> = {
  active: 'Actif·ves',
  pending: 'En attente de consentement',
  blocked: 'Ont bloqué le bot',
  left: 'Désabonné·es',
};

async function campaignsIn(deps: HttpDeps, statuses: CampaignStatus[]): Promise<Campaign[]> {
  const pages = await Promise.all(statuses.map((status) => listCampaigns(deps, { status, limit: 100 })));
  return pages.flatMap((p) => p.items);
}

const campaignLink = (c: Campaign) => <a href={`/console/campagnes/${c.id}`}>{c.message.title}</a>;

/** « 1 200 sur 10 000 envoyés, 28 msg/s » */
function progressLine(progress: CampaignProgress): string {
  const telegram = progress.telegram;
  if (!telegram) return 'canaux publics en cours';
  const done = telegram.sent + telegram.failed + telegram.blocked;
  const total =
    progress.recipients === undefined
      ? 'destinataires en cours de décompte'
      : `sur ${formatNumber(progress.recipients)}`;
  return `${formatNumber(done)} ${total} traités, ${formatNumber(Math.round(progress.ratePerSecond))} msg/s`;
}

const GrowthTable: FC<{ weeks: readonly WeekGrowth[] }> = ({ weeks }) => (
  <ScrollRegion label="Arrivées et départs par semaine">
    <table>
      <caption>Arrivées et départs par semaine (8 dernières semaines)</caption>
      <thead>
        <tr>
          <th scope="col">Semaine du</th>
          <th scope="col" class="num">
            Arrivées
          </th>
          <th scope="col" class="num">
            Départs
          </th>
          <th scope="col" class="num">
            Solde
          </th>
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr>
            <th scope="row">{formatDate(`${week.weekStart}T12:00:00Z`)}</th>
            <td class="num">{formatNumber(week.joined)}</td>
            <td class="num">{formatNumber(week.left)}</td>
            <td class="num">{formatSigned(week.joined - week.left)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);

export async function homePage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const [scheduled, leaving, sent, subscribers, growth] = await Promise.all([
    campaignsIn(deps, ['scheduled']),
    campaignsIn(deps, ['sending', 'paused']),
    campaignsIn(deps, ['sent', 'failed']),
    deps.store.subscribers.countByStatus(),
    subscriberGrowth(deps, 8),
  ]);
  const progress = await Promise.all(leaving.map((campaign) => getCampaignProgress(deps, campaign.id)));
  const next = scheduled.sort((a, b) => a.sendAt.localeCompare(b.sendAt)).slice(0, 10);
  const latest = sent.sort((a, b) => (b.sentAt ?? b.sendAt).localeCompare(a.sentAt ?? a.sendAt)).slice(0, 5);
  return page(
    c,
    'Accueil',
    'accueil',
    <>
      <h1>Tableau de bord</h1>
      <EvaluationProposalsNotice deps={deps} />
      <section aria-labelledby="en-cours">
        <h2 id="en-cours">En cours d’envoi</h2>
        {leaving.length === 0 ? (
          <p class="muted">Aucune campagne n’est en cours d’envoi.</p>
        ) : (
          <ul>
            {leaving.map((campaign, i) => (
              <li>
                {campaignLink(campaign)} <StatusBadge status={campaign.status} /> — {progressLine(progress[i]!)} —{' '}
                <a href={`/console/campagnes/${campaign.id}/envoi`}>suivre l’envoi</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="prochains">
        <h2 id="prochains">Prochains envois</h2>
        {next.length === 0 ? (
          <p class="muted">
            Aucune campagne programmée. <a href="/console/campagnes/nouvelle">Écrire une campagne</a>
          </p>
        ) : (
          <ScrollRegion label="Prochains envois">
            <table>
              <caption class="visually-hidden">Campagnes programmées, la plus proche d’abord (heure de Paris)</caption>
              <thead>
                <tr>
                  <th scope="col">Campagne</th>
                  <th scope="col">Envoi (heure de Paris)</th>
                  <th scope="col">Canaux</th>
                </tr>
              </thead>
              <tbody>
                {next.map((campaign) => (
                  <tr>
                    <td>{campaignLink(campaign)}</td>
                    <td>{formatShortDateTime(campaign.sendAt)}</td>
                    <td>{channelList(campaign)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="derniers">
        <h2 id="derniers">Derniers envois</h2>
        {latest.length === 0 ? (
          <p class="muted">Aucune campagne envoyée pour l’instant.</p>
        ) : (
          <ScrollRegion label="Derniers envois">
            <table>
              <caption class="visually-hidden">Dernières campagnes envoyées et leur bilan par canal</caption>
              <thead>
                <tr>
                  <th scope="col">Campagne</th>
                  <th scope="col">Envoyée le</th>
                  <th scope="col">État</th>
                  <th scope="col">Bilan</th>
                </tr>
              </thead>
              <tbody>
                {latest.map((campaign) => (
                  <tr>
                    <td>{campaignLink(campaign)}</td>
                    <td>{formatShortDateTime(campaign.sentAt ?? campaign.sendAt)}</td>
                    <td>
                      <StatusBadge status={campaign.status} />
                    </td>
                    <td>{countsSummary(campaign)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <ModerationWidget deps={deps} />
      <section aria-labelledby="abonnes">
        <h2 id="abonnes">Abonné·es Telegram</h2>
        <table>
          <caption>Abonné·es par état, aujourd’hui</caption>
          <tbody>
            {(Object.keys(SUBSCRIBER_LABELS) as SubscriberStatus[]).map((status) => (
              <tr>
                <th scope="row">{SUBSCRIBER_LABELS[status]}</th>
                <td class="num">{formatNumber(subscribers[status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <GrowthTable weeks={growth.weeks} />
      </section>
    </>,
  );
}
