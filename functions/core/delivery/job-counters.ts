// A campaign's running counters: each send job run that wrote ledger lines adds what it wrote to one
// item beside the lines (one UpdateItem ADD per job run: 0.04 writes per message for jobs of 25), so
// finalize and the progress page know how far a campaign got without reading its whole ledger. They
// are a HINT, never the truth: a job that dies between its lines and its ADD leaves them short, a
// recipient erased mid-send or a send repeated by overlapping jobs leaves them long. Finalize tallies
// the ledger (the truth) once they say done, or when a resume is due, and then writes the exact
// numbers back; the campaign's `counts` always come from that tally.
import * as z from 'zod';
import type { Campaign, Channel } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { Instant, ShortId } from '../shared/schema';
import type { LedgerTally } from './ledger';
import type { SendJobReport } from './send-job';

const counter = z.number().int().min(0).default(0);

export const JobCounters = z.object({
  campaignId: ShortId,
  /** Lines written with an outcome (or held for a digest), per channel. */
  telegramLines: counter,
  xLines: counter,
  feedsLines: counter,
  /** Telegram outcomes, as the lines say them. */
  sent: counter,
  failed: counter,
  blocked: counter,
  uncertain: counter,
  held: counter,
  /**
   * Telegram job runs parked since the campaign's last resume (no bot token: send-job.ts). Each
   * resume sets it back to 0, so at finalize's give-up a count above 0 says the last attempt met
   * the missing token: what is unreached then is « Telegram non configuré », not a failure.
   */
  parked: counter,
  /** The last job run that wrote a line: when the campaign last moved. */
  updatedAt: Instant,
  /** Finalize's last exact tally that did not finish the campaign: it waits a quiet minute before the next. */
  talliedAt: Instant.optional(),
});
export type JobCounters = z.infer<typeof JobCounters>;
export type CounterName = Exclude<keyof JobCounters, 'campaignId' | 'updatedAt' | 'talliedAt'>;

/**
 * Counters unmoved (and untallied) this long: finalize tallies the ledger once, in case the hint is
 * short (a send Lambda killed between its lines and its count) and the campaign is in fact done.
 */
export const QUIET_TALLY_MS = 60_000;

/** Telegram report fields that each mean one line written (`held`: a line waiting for a digest, issue #10). */
const TELEGRAM_LINE_FIELDS = ['sent', 'failed', 'blocked', 'held'] as const;

const LINES_OF: Record<Channel, CounterName> = { telegram: 'telegramLines', x: 'xLines', feeds: 'feedsLines' };

/** What one job run adds: nothing (no write) when it wrote no line, as a redelivered job. */
export function countersOf(channel: Channel, report: SendJobReport): Partial<Record<CounterName, number>> {
  const of = (field: string) => (report as unknown as Partial<Record<string, number>>)[field] ?? 0;
  if (channel !== 'telegram') return { [LINES_OF[channel]]: of('sent') + of('failed') };
  const lines = TELEGRAM_LINE_FIELDS.reduce((n, field) => n + of(field), 0);
  const parked = of('parked') > 0 ? { parked: of('parked') } : {};
  if (lines === 0) return parked;
  return {
    telegramLines: lines,
    ...Object.fromEntries(TELEGRAM_LINE_FIELDS.map((f) => [f, of(f)])),
    uncertain: of('uncertain'),
    ...parked,
  };
}

/** Adds a job run's lines to its campaign's counters (one UpdateItem, none when it wrote nothing). */
export async function countJob(deps: CoreContext, campaignId: string, channel: Channel, report: SendJobReport) {
  const change = countersOf(channel, report);
  if (Object.values(change).some((n) => n > 0))
    await deps.store.deliveries.addCounters(campaignId, change, deps.clock.now().toISOString());
}

/** Whether the counters say every line is written: then finalize's one exact tally is worth its reads. */
export function countersSayDone(campaign: Campaign, counters: JobCounters | undefined): boolean {
  if (campaign.channels.includes('telegram')) {
    if (campaign.recipientCount === undefined) return false;
    if ((counters?.telegramLines ?? 0) < campaign.recipientCount) return false;
  }
  if (campaign.channels.includes('x') && !counters?.xLines) return false;
  if (campaign.channels.includes('feeds') && !counters?.feedsLines) return false;
  return true;
}

/**
 * The exact counters a tally gives at `now`, to write back over a hint that drifted; `since`: when it
 * moved, if the ledger is empty; `parked`: kept from the hint (no line says it), 0 at a resume.
 */
export function countersOfTally(
  campaignId: string,
  tally: LedgerTally,
  since: string,
  now: Date,
  parked = 0,
): JobCounters {
  const { sent, failed, blocked, uncertain, held } = tally.counts.telegram as typeof tally.counts.telegram & {
    held?: number;
  };
  return {
    campaignId,
    telegramLines: tally.final.telegram,
    xLines: tally.final.x,
    feedsLines: tally.final.feeds,
    sent,
    failed,
    blocked,
    uncertain,
    held: held ?? 0,
    parked,
    updatedAt: tally.lastChange ?? since,
    talliedAt: now.toISOString(),
  };
}
