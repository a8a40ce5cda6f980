// A delivery: the ledger line saying one campaign reached (or failed to reach) one recipient on
// one channel. Written with a conditional put per campaign × channel × recipient, so a recipient
// receives a campaign once however often dispatch runs.
import * as z from 'zod';
import { Channel } from '../campaigns/campaign';
import { Instant, ShortId } from '../shared/schema';

/**
 * `held`: a Telegram line for a subscriber whose message waits for their digest or the end of their
 * quiet hours (core/digests). Settled for finalize and resume (the campaign can finish); the digest
 * sender turns it into `sent`, its `externalId` the digest message's id.
 */
export const DeliveryStatus = z.enum(['pending', 'sent', 'failed', 'blocked', 'held']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = z.object({
  campaignId: ShortId,
  channel: Channel,
  /** Subscriber pseudonym for Telegram; `x` or `feeds` for the public channels. */
  recipient: z.string().min(1),
  status: DeliveryStatus,
  attempts: z.number().int().min(0),
  /** Id the channel gave the message (Telegram message_id, X post id, feed item id). */
  externalId: z.string().optional(),
  error: z.string().max(500).optional(),
  /** Pending, but known not to be in flight: its send was put off (429, time budget) and may be retried. */
  deferred: z.boolean().optional(),
  /** Sent again after an outcome that was unknown (timeout, crash in flight): a possible duplicate. */
  uncertain: z.boolean().optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * The lease of one Telegram send job (≤ 25 recipients): the one write that says a worker is sending
 * them. Outcome lines are written once each, after the outcome is known; the lease bounds which
 * recipients may have been in flight when a worker died, so a takeover knows what it resends blind.
 */
export const JobLease = z.object({
  campaignId: ShortId,
  /** The job's key: a hash of its recipients, sorted (the order they are sent in). */
  job: z.string().min(1).max(100),
  /** Sorted: the fixed order of the sends, so a finalize resume can hand the same job out again. */
  recipients: z.array(z.string().min(1)).min(1),
  /** The worker holding it (a fresh id per run). */
  owner: z.string().min(1),
  /**
   * Recipients the owner may have in flight with no line yet, at most (2 × concurrency − 1: the
   * sends in flight plus those put off since the first deferral, after which it starts nothing).
   * A takeover presumes that many of the first recipients without a line were in flight.
   */
  window: z.number().int().min(1),
  /** The round of the job that took it (absent: 0): a job of a newer round waits for it rather than leave it. */
  round: z.number().int().min(0).optional(),
  takenAt: Instant,
  /** Past this, the owner is presumed dead (it starts no send past 80% of the lease) and another worker may take over. */
  heldUntil: Instant,
});
export type JobLease = z.infer<typeof JobLease>;
