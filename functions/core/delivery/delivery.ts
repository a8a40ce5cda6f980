// A delivery: the ledger line saying one campaign reached (or failed to reach) one recipient on
// one channel. Written with a conditional put per campaign × channel × recipient, so a recipient
// receives a campaign once however often dispatch runs.
import * as z from 'zod';
import { Channel } from '../campaigns/campaign';
import { Instant, ShortId } from '../shared/schema';

export const DeliveryStatus = z.enum(['pending', 'sent', 'failed', 'blocked']);
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
