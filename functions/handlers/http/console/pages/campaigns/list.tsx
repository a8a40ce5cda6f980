// The campaigns, newest first, narrowed by status (`?etat=`): title, status, send time in Paris
// time, channels. Paged with the store's cursor (`?suite=`).
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { CAMPAIGN_STATUSES, type CampaignStatus, STATUS_LABELS } from '#core/campaigns/campaign';
import { listCampaigns } from '#core/campaigns/use-cases';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { StatusBadge, channelList } from '../../ui/campaign-bits';
import { formatShortDateTime } from '../../ui/format';
import { campaignPath } from './campaign-page';
import { ScrollRegion } from '../../ui/scroll-region';

const PAGE_SIZE = 25;

const isStatus = (value: string | undefined): value is CampaignStatus =>
  (CAMPAIGN_STATUSES as readonly string[]).includes(value ?? '');

const filterHref = (status?: CampaignStatus) => (status ? `/console/campagnes?etat=${status}` : '/console/campagnes');

async function listPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const asked = c.req.query('etat');
  const status = isStatus(asked) ? asked : undefined;
  const cursor = c.req.query('suite') || undefined;
  const result = await listCampaigns(deps, { status, limit: PAGE_SIZE, cursor });
  const title = status ? `Campagnes : ${STATUS_LABELS[status]}` : 'Campagnes';
  return page(
    c,
    title,
    'campagnes',
    <>
      <h1>{title}</h1>
      {hasRole(c.get('agent').role, 'editor') && (
        <p>
          <a class="button" href="/console/campagnes/nouvelle">
            Nouvelle campagne
          </a>
        </p>
      )}
      <nav aria-label="Filtrer par état">
        <ul class="status-filters">
          {[undefined, ...CAMPAIGN_STATUSES].map((s) => (
            <li>
              <a href={filterHref(s)} aria-current={s === status ? 'page' : undefined}>
                {s ? STATUS_LABELS[s] : 'toutes'}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {result.items.length === 0 ? (
        <p class="muted">Aucune campagne{status ? ` ${STATUS_LABELS[status]}` : ''}.</p>
      ) : (
        <ScrollRegion label="Liste des campagnes">
          <table>
            <caption>
              {status ? `Campagnes à l’état « ${STATUS_LABELS[status]} »` : 'Toutes les campagnes'}, les plus récentes
              d’abord
            </caption>
            <thead>
              <tr>
                <th scope="col">Campagne</th>
                <th scope="col">État</th>
                <th scope="col">Envoi (heure de Paris)</th>
                <th scope="col">Canaux</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((campaign) => (
                <tr>
                  <td>
                    <a href={campaignPath(campaign.id)}>{campaign.message.title}</a>
                  </td>
                  <td>
                    <StatusBadge status={campaign.status} />
                  </td>
                  <td>{formatShortDateTime(campaign.sendAt)}</td>
                  <td>{channelList(campaign)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {result.next && (
        <p>
          <a href={`${filterHref(status)}${status ? '&' : '?'}suite=${encodeURIComponent(result.next)}`}>
            Campagnes plus anciennes
          </a>
        </p>
      )}
    </>,
  );
}

export function listRoutes(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/campagnes', (c) => listPage(c, deps));
}
