// A digest: the messages held for one subscriber until one time (their daily or weekly digest, or
// the end of their quiet hours), sent as one Telegram message (or a few, split between items).
// One item per subscriber × due time; campaigns join it with one conditional write while it is
// `open`; the tick claims it (`sending`) with another, so a campaign joining late goes to the next.
import * as z from 'zod';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { Campaign } from '../campaigns/campaign';
import type { TelegramMessage } from '../campaigns/telegram-format';
import { Instant, ShortId } from '../shared/schema';
import type { Language } from '../subscribers/subscriber';

export const DigestStatus = z.enum(['open', 'sending', 'sent']);

/** What became of one message of a digest: the items it carried and its send's outcome. */
export const DigestPart = z.object({
  campaigns: z.array(ShortId).min(1),
  status: z.enum(['sent', 'failed', 'blocked']),
  messageId: z.number().int().optional(),
  error: z.string().max(500).optional(),
  /** Sent after an unknown outcome (a timeout, or a claimer that died mid-send): a possible duplicate. */
  uncertain: z.boolean().optional(),
});
export type DigestPart = z.infer<typeof DigestPart>;

export const Digest = z.object({
  subscriberId: z.string().min(1),
  /** When it leaves (UTC ISO-8601). */
  dueAt: Instant,
  status: DigestStatus,
  /** Campaign ids, each once (a string set in the table: joining twice changes nothing). */
  campaigns: z.array(ShortId).min(1),
  /** The tick sending it, and until when its claim holds (a claimer gone past this is taken over). */
  owner: z.string().optional(),
  heldUntil: Instant.optional(),
  /** The messages sent so far, in order: a takeover sends only the items in none of them. */
  parts: z.array(DigestPart).optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Digest = z.infer<typeof Digest>;

export interface DigestRepository {
  /**
   * Adds a campaign to the subscriber's digest due at `dueAt`, creating it if needed: one
   * conditional write. False when that digest is no longer open (claimed or sent): try the next slot.
   */
  add(subscriberId: string, dueAt: string, campaignId: string, at: string): Promise<boolean>;
  /** Digests open or being sent whose time is at or before `until` (sparse index), oldest first. */
  listDue(until: string, limit: number): Promise<Digest[]>;
  /**
   * Claims a digest as read (`open`, or `sending` with this exact claim: a takeover): one
   * conditional write answering the digest as it now is, or undefined when another tick got it.
   */
  claim(read: Digest, owner: string, heldUntil: string, at: string): Promise<Digest | undefined>;
  /** Records the parts sent so far, while `owner` holds the claim (false: it was taken over). */
  recordParts(digest: Digest, owner: string, parts: DigestPart[], at: string): Promise<boolean>;
  /** Lets the claim go (a send put off: known not sent); the next tick takes it at once. */
  release(digest: Digest, owner: string, at: string): Promise<void>;
  /** `sent`: out of the due index, kept a week (TTL) so a late joiner finds it closed. */
  finish(digest: Digest, owner: string, at: string, expiresAt: Date): Promise<void>;
  /** Every digest of a subscriber (erasure), and the delete of one. */
  listBySubscriber(subscriberId: string): Promise<Digest[]>;
  delete(subscriberId: string, dueAt: string): Promise<void>;
}

/** One item of a digest: a campaign, with its questionnaire while it is open. */
export interface DigestEntry {
  campaign: Campaign;
  questionnaire?: Questionnaire;
}

/** How the Telegram adapter renders a digest: messages under Telegram's limits, split between items. */
export interface DigestFormat {
  render(entries: readonly DigestEntry[], language: Language): { message: TelegramMessage; campaignIds: string[] }[];
}
