// Watching a campaign leave: per channel what went out, failed or is left, the pace of the
// Telegram fan-out and its estimated end, and the failures grouped by reason. Read from the ledger
// (the source of truth, one pass over its lines) every time an agent's page polls; once its lines may
// have expired (retention.ts), a finished campaign shows the counts it stored instead.
import * as z from 'zod';
import { type Campaign, CampaignStatus } from '../campaigns/campaign';
import { getCampaign } from '../campaigns/use-cases';
import type { CoreContext } from '../context';
import { Instant, ShortId } from '../shared/schema';
import { type ChannelCounts, type LedgerTally, tallyLedger } from './ledger';
import { linesMayHaveExpired } from './retention';

/** The pace is measured over this window: long enough to smooth a job's start, short enough to see a pause. */
const RATE_WINDOW_MS = 10_000;

const count = (description: string) => z.number().int().min(0).describe(description);
const remaining = count('Restant à envoyer');

export const CampaignProgress = z
  .object({
    campaignId: ShortId,
    status: CampaignStatus,
    recipients: count('Destinataires Telegram comptés à l’envoi (absent tant qu’ils ne sont pas comptés)').optional(),
    telegram: z
      .object({
        sent: count('Messages remis'),
        failed: count('Messages refusés ou en échec'),
        blocked: count('Abonné·es non joint·es (bot bloqué, parti·es)'),
        uncertain: count('Envois répétés après une issue inconnue : doublons possibles, déjà comptés'),
        remaining: remaining
          .optional()
          .describe('Restant à envoyer (absent tant que les destinataires ne sont pas comptés)'),
      })
      .optional(),
    x: z
      .object({
        posted: count('Publié sur X (0 ou 1)'),
        queued: count('En attente dans la boîte d’envoi X (0 ou 1)'),
        failed: count('Refusé par X (0 ou 1)'),
        remaining,
      })
      .optional(),
    feeds: z
      .object({ published: count('Publié dans les flux (0 ou 1)'), failed: count('Non publié (0 ou 1)'), remaining })
      .optional(),
    ratePerSecond: z.number().min(0).describe('Messages Telegram par seconde, sur les 10 dernières secondes'),
    estimatedEnd: Instant.optional().describe('Fin estimée à ce rythme (pendant l’envoi seulement)'),
    failures: z
      .array(z.object({ reason: z.string(), count: count('Messages concernés') }))
      .describe('Échecs Telegram (refusés ou bloqués) par raison, les plus fréquentes d’abord'),
    updatedAt: Instant.describe('Moment de ce relevé'),
  })
  .describe('Avancement de l’envoi d’une campagne, par canal : seuls les canaux de la campagne y figurent');
export type CampaignProgress = z.infer<typeof CampaignProgress>;

/** Statuses with nothing in the ledger yet: no reads, zeros. */
const NOT_STARTED: readonly CampaignStatus[] = ['draft', 'scheduled'];
/** Statuses whose counts are stored on the campaign (finalize, cancel): what is left once the lines go. */
const FINISHED: readonly CampaignStatus[] = ['sent', 'failed', 'cancelled'];

export async function getCampaignProgress(ctx: CoreContext, campaignId: string): Promise<CampaignProgress> {
  const campaign = await getCampaign(ctx, campaignId);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - RATE_WINDOW_MS).toISOString();
  const tally = NOT_STARTED.includes(campaign.status)
    ? undefined
    : (storedTally(campaign, now) ?? (await tallyLedger(ctx.store, campaignId, { since })));
  const progress = channelProgress(campaign, tally);
  const ratePerSecond = (tally?.writtenSince ?? 0) / (RATE_WINDOW_MS / 1000);
  const left = progress.telegram?.remaining;
  const estimatedEnd =
    campaign.status === 'sending' && ratePerSecond > 0 && left !== undefined
      ? new Date(now.getTime() + Math.ceil((left / ratePerSecond) * 1000)).toISOString()
      : undefined;
  return {
    campaignId,
    status: campaign.status,
    ...(campaign.recipientCount !== undefined ? { recipients: campaign.recipientCount } : {}),
    ...progress,
    ratePerSecond,
    ...(estimatedEnd ? { estimatedEnd } : {}),
    failures: [...(tally?.failures ?? [])]
      .map(([reason, n]) => ({ reason, count: n }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason, 'fr')),
    updatedAt: now.toISOString(),
  };
}

/**
 * Past the ledger's retention AWS has deleted some lines or all: a finished campaign's counts are then
 * those it stored when it finished (no pace, no failures by reason). Undefined while the lines are all there.
 */
function storedTally(campaign: Campaign, now: Date): LedgerTally | undefined {
  const { counts } = campaign;
  if (!FINISHED.includes(campaign.status) || !counts || !linesMayHaveExpired(campaign.sendAt, now)) return undefined;
  const all: ChannelCounts = {
    telegram: counts.telegram ?? { sent: 0, failed: 0, blocked: 0, uncertain: 0 },
    x: counts.x ?? { posted: 0, queued: 0, failed: 0 },
    feeds: counts.feeds ?? { published: 0, failed: 0 },
  };
  return {
    counts: all,
    // `uncertain` sends are already counted in sent or failed.
    final: {
      telegram: all.telegram.sent + all.telegram.failed + all.telegram.blocked,
      x: all.x.posted + all.x.queued + all.x.failed,
      feeds: all.feeds.published + all.feeds.failed,
    },
    pending: 0,
    finalRecipients: new Set(),
    failures: new Map(),
    writtenSince: 0,
  };
}

/** Each of the campaign's own channels; without a tally (not started), zeros. */
function channelProgress(campaign: Campaign, tally: LedgerTally | undefined) {
  const has = (channel: Campaign['channels'][number]) => campaign.channels.includes(channel);
  const counts = tally?.counts;
  const final = tally?.final ?? { telegram: 0, x: 0, feeds: 0 };
  const telegram = counts?.telegram ?? { sent: 0, failed: 0, blocked: 0, uncertain: 0 };
  const recipients = campaign.recipientCount;
  return {
    ...(has('telegram') && {
      telegram: {
        ...telegram,
        ...(recipients !== undefined && { remaining: Math.max(0, recipients - final.telegram) }),
      },
    }),
    ...(has('x') && {
      x: { ...(counts?.x ?? { posted: 0, queued: 0, failed: 0 }), remaining: final.x > 0 ? 0 : 1 },
    }),
    ...(has('feeds') && {
      feeds: { ...(counts?.feeds ?? { published: 0, failed: 0 }), remaining: final.feeds > 0 ? 0 : 1 },
    }),
  };
}
