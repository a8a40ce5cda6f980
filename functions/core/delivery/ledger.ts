// How the send use cases read the delivery ledger: what a line's state means for a retry, the
// notes a line carries (deferred, uncertain, the last error), and the tally of a campaign's lines
// into its counts per channel. How lines are written: ledger-line.ts.
import type { Campaign, Channel, DeliveryCounts, FeedCounts, TelegramCounts, XCounts } from '../campaigns/campaign';
import type { Store } from '../store';
import type { Delivery, DeliveryStatus } from './delivery';
import { failureReason } from './failure-reasons';

/** `held` is settled too: its send is the digest's, never the job's again (core/digests). */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['sent', 'failed', 'blocked', 'held'];
export const isFinal = (line: Pick<Delivery, 'status'>) => FINAL_STATUSES.includes(line.status);

/** The recipient of the one line of a public channel (X, feeds). */
export const PUBLIC_RECIPIENT = { x: 'x', feeds: 'feeds' } as const;

/** The `externalId` of an X line whose post went to the outbox (no X credentials) instead of X. */
export const X_OUTBOX_ID = 'outbox';

const ERROR_MAX = 500;

export interface LineNote {
  deferred: boolean;
  uncertain: boolean;
  message?: string;
}

export function readNote(line: Pick<Delivery, 'error' | 'deferred' | 'uncertain'>): LineNote {
  return {
    deferred: line.deferred === true,
    uncertain: line.uncertain === true,
    ...(line.error ? { message: line.error } : {}),
  };
}

/** The fields of a line that carry a note; absent flags are left out of the item (no `false` stored). */
export function writeNote(note: LineNote): Pick<Delivery, 'error' | 'deferred' | 'uncertain'> {
  const message =
    note.message && note.message.length > ERROR_MAX ? `${note.message.slice(0, ERROR_MAX - 1)}…` : note.message;
  return { deferred: note.deferred || undefined, uncertain: note.uncertain || undefined, error: message || undefined };
}

export type LineState =
  | { kind: 'final' }
  /** Claimed by a worker that may still be sending it: leave it alone. */
  | { kind: 'in_flight' }
  /** Claimed, never resolved, older than the lease: its worker died, maybe mid-send. */
  | { kind: 'abandoned' }
  /** Put off with a known outcome (not sent): safe to send again. */
  | { kind: 'deferred'; uncertain: boolean };

/** What a claimed line means for a worker that finds it while retrying. */
export function lineState(line: Delivery, now: Date, inFlightLeaseMs: number): LineState {
  if (isFinal(line)) return { kind: 'final' };
  const note = readNote(line);
  if (note.deferred) return { kind: 'deferred', uncertain: note.uncertain };
  return now.getTime() - Date.parse(line.updatedAt) >= inFlightLeaseMs ? { kind: 'abandoned' } : { kind: 'in_flight' };
}

/** Counts of every channel; a campaign keeps those of its own channels. */
export interface ChannelCounts {
  telegram: TelegramCounts;
  x: XCounts;
  feeds: FeedCounts;
}

const emptyCounts = (): ChannelCounts => ({
  telegram: { sent: 0, failed: 0, blocked: 0, uncertain: 0 },
  x: { posted: 0, queued: 0, failed: 0 },
  feeds: { published: 0, failed: 0 },
});

export interface LedgerTally {
  counts: ChannelCounts;
  /** Lines with an outcome, per channel. */
  final: Record<Channel, number>;
  /** X and feeds lines claimed and not resolved yet (Telegram lines are only written final). */
  pending: number;
  /** Telegram recipients whose line is written: a resume does not enqueue them again. */
  finalRecipients: Set<string>;
  /** The latest `updatedAt` of any line, if any: when the campaign last moved. */
  lastChange?: string;
  /** Telegram lines failed or blocked, per reason (failure-reasons.ts). */
  failures: Map<string, number>;
  /** Telegram lines written after `since` (the pace of the fan-out); 0 without `since`. */
  writtenSince: number;
}

/** Reads every line of a campaign, in one pass, and counts the final ones, per channel. */
export async function tallyLedger(
  store: Store,
  campaignId: string,
  options: { since?: string } = {},
): Promise<LedgerTally> {
  const tally: LedgerTally = {
    counts: emptyCounts(),
    final: { telegram: 0, x: 0, feeds: 0 },
    pending: 0,
    finalRecipients: new Set(),
    failures: new Map(),
    writtenSince: 0,
  };
  let cursor: string | undefined;
  do {
    const page = await store.deliveries.listByCampaign(campaignId, { limit: 100, cursor });
    for (const line of page.items) {
      if (!tally.lastChange || line.updatedAt > tally.lastChange) tally.lastChange = line.updatedAt;
      if (!isFinal(line)) {
        tally.pending++;
        continue;
      }
      countLine(tally.counts, line);
      tally.final[line.channel]++;
      if (line.channel === 'telegram') tallyTelegramLine(tally, line, options.since);
    }
    cursor = page.next;
  } while (cursor);
  return tally;
}

/** A Telegram line is written once, final: its `updatedAt` is when its send ended. */
function tallyTelegramLine(tally: LedgerTally, line: Delivery, since: string | undefined) {
  tally.finalRecipients.add(line.recipient);
  if (since !== undefined && line.updatedAt > since) tally.writtenSince++;
  if (line.status === 'failed' || line.status === 'blocked') {
    const reason = failureReason(line.error);
    tally.failures.set(reason, (tally.failures.get(reason) ?? 0) + 1);
  }
}

/** The counts of the campaign's own channels. */
export function countsOf(campaign: Pick<Campaign, 'channels'>, all: ChannelCounts): DeliveryCounts {
  const has = (channel: Channel) => campaign.channels.includes(channel);
  return {
    ...(has('telegram') ? { telegram: all.telegram } : {}),
    ...(has('x') ? { x: all.x } : {}),
    ...(has('feeds') ? { feeds: all.feeds } : {}),
  };
}

/** A final line in its channel's terms: a Telegram message, an X post (or its outbox copy), a feed item. */
function countLine(counts: ChannelCounts, line: Delivery) {
  const got = line.status === 'sent';
  switch (line.channel) {
    case 'telegram':
      // Held for a digest or quiet hours: counted apart (optional field), until the digest sends it.
      if (line.status === 'held') counts.telegram.held = (counts.telegram.held ?? 0) + 1;
      else if (line.status !== 'pending') counts.telegram[line.status]++;
      if (readNote(line).uncertain) counts.telegram.uncertain++;
      return;
    case 'x':
      if (!got) counts.x.failed++;
      else if (line.externalId === X_OUTBOX_ID) counts.x.queued++;
      else counts.x.posted++;
      return;
    case 'feeds':
      if (got) counts.feeds.published++;
      else counts.feeds.failed++;
  }
}
