// Small views of a campaign that several pages share: its status badge, its channels, its counts.
import type { FC } from 'hono/jsx';
import { type Campaign, type CampaignStatus, STATUS_LABELS } from '#core/campaigns/campaign';
import { countOf, formatNumber } from './format';

export const CHANNEL_LABELS = { telegram: 'Telegram', x: 'X', feeds: 'Flux' } as const;

export const StatusBadge: FC<{ status: CampaignStatus }> = ({ status }) => (
  <span class={`badge ${status}`}>{STATUS_LABELS[status]}</span>
);

export const channelList = (campaign: Pick<Campaign, 'channels'>) =>
  campaign.channels.map((c) => CHANNEL_LABELS[c]).join(', ');

/** « Telegram : 120 envoyés, 2 en échec, 3 bloqués · X : publié · Flux : publié » */
export function countsSummary(campaign: Campaign): string {
  const { telegram, x, feeds } = campaign.counts ?? {};
  const parts: string[] = [];
  if (telegram)
    parts.push(
      `Telegram : ${countOf(telegram.sent, 'envoyé', 'envoyés')}, ${formatNumber(telegram.failed)} en échec, ${countOf(telegram.blocked, 'non joint', 'non joints')}`,
    );
  if (x) parts.push(`X : ${x.posted ? 'publié' : x.queued ? 'en attente de publication manuelle' : 'en échec'}`);
  if (feeds) parts.push(`Flux : ${feeds.published ? 'publié' : 'en échec'}`);
  return parts.join(' · ') || '—';
}
