// The console's home: what leaves next, what is leaving now, what left last, and the audience.
import type { Context } from 'hono';
import type { Campaign, CampaignStatus } from '#core/campaigns/campaign';
import { listCampaigns } from '#core/campaigns/use-cases';
import type { SubscriberStatus } from '#core/subscribers/subscriber';
import type { HttpDeps } from '../../deps';
import type { ConsoleEnv } from '../env';
import { page } from '../layout';
import { StatusBadge, channelList, countsSummary } from '../ui/campaign-bits';
import { formatNumber, formatShortDateTime } from '../ui/format';

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

export async function homePage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const [scheduled, leaving, sent, subscribers] = await Promise.all([
    campaignsIn(deps, ['scheduled']),
    campaignsIn(deps, ['sending']),
    campaignsIn(deps, ['sent', 'failed']),
    deps.store.subscribers.countByStatus(),
  ]);
  const next = scheduled.sort((a, b) => a.sendAt.localeCompare(b.sendAt)).slice(0, 10);
  const latest = sent.sort((a, b) => (b.sentAt ?? b.sendAt).localeCompare(a.sentAt ?? a.sendAt)).slice(0, 5);
  return page(
    c,
    'Accueil',
    'accueil',
    <>
      <h1>Tableau de bord</h1>
      <section aria-labelledby="en-cours">
        <h2 id="en-cours">En cours d’envoi</h2>
        {leaving.length === 0 ? (
          <p class="muted">Aucune campagne n’est en cours d’envoi.</p>
        ) : (
          <ul>
            {leaving.map((campaign) => (
              <li>
                {campaignLink(campaign)} <StatusBadge status={campaign.status} /> —{' '}
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
          <div class="table-scroll">
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
          </div>
        )}
      </section>
      <section aria-labelledby="derniers">
        <h2 id="derniers">Derniers envois</h2>
        {latest.length === 0 ? (
          <p class="muted">Aucune campagne envoyée pour l’instant.</p>
        ) : (
          <div class="table-scroll">
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
          </div>
        )}
      </section>
      <section aria-labelledby="abonnes">
        <h2 id="abonnes">Abonné·es Telegram</h2>
        <table>
          <caption class="visually-hidden">Abonné·es par état</caption>
          <tbody>
            {(Object.keys(SUBSCRIBER_LABELS) as SubscriberStatus[]).map((status) => (
              <tr>
                <th scope="row">{SUBSCRIBER_LABELS[status]}</th>
                <td class="num">{formatNumber(subscribers[status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>,
  );
}
