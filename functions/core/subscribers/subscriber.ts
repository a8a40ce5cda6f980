// A subscriber: a Telegram user who opted in. Keyed by a pseudonym (HMAC of the chat id) so
// that responses, exports and logs never carry the chat id; the chat id is kept only to send.
import * as z from 'zod';
import { Instant, Slug } from '../shared/schema';
import { Territory, Theme } from '../demarches/places';

export const Language = z.enum(['fr', 'en']);
export type Language = z.infer<typeof Language>;

export const Frequency = z.enum(['instant', 'daily', 'weekly']);
export const SubscriberStatus = z.enum(['pending', 'active', 'blocked', 'left']);
export type SubscriberStatus = z.infer<typeof SubscriberStatus>;

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure au format HH:MM');

export const Follows = z.object({
  demarches: z.array(Slug).default([]),
  themes: z.array(Theme).default([]),
  territories: z.array(Territory).default([]),
});
export type Follows = z.infer<typeof Follows>;

export const Subscriber = z.object({
  id: z.string().min(1),
  chatId: z.number().int(),
  language: Language,
  frequency: Frequency,
  /** No message from `start` to `end` (Paris time; across midnight when end < start): they wait for `end`. */
  quietHours: z.object({ start: HourMinute, end: HourMinute }).optional(),
  /** Hour (Paris time, 0–23) of the daily or weekly digest; absent: DEFAULT_DIGEST_HOUR (core/digests/schedule.ts). */
  digestHour: z.number().int().min(0).max(23).optional(),
  /** Day of the weekly digest, ISO (1 = Monday … 7 = Sunday); absent: Monday. */
  digestDay: z.number().int().min(1).max(7).optional(),
  status: SubscriberStatus,
  follows: Follows,
  consentAt: Instant.optional(),
  /**
   * The version of the consent text accepted (core/subscribers/consent.ts). Absent on items from
   * before versioning: read as version 1. Below the current material version, nothing is sent
   * until they accept again.
   */
  consentVersion: z.number().int().min(1).optional(),
  /**
   * The version whose request replaced a message they would have received (consent.ts
   * `askConsentAgain`): set once per version by a conditional write, so they are asked once.
   */
  consentAskedFor: z.number().int().min(1).optional(),
  /**
   * The deep link (`t.me/<bot>?start=<payload>`) a newcomer came through, kept only while their
   * consent is pending or being renewed: once they accept, what it names is followed and this goes away.
   */
  startLink: z.string().min(1).max(64).optional(),
  /** The short-text question whose answer the subscriber's next message is (conversation state). */
  awaitingText: z.object({ questionnaireId: z.string(), questionId: z.string() }).optional(),
  /**
   * Set while `/supprimer` runs: the random pseudonym the responses are moving to, kept so that a
   * retry after a crash moves the rest to the same one. Gone with the item when the erasure ends.
   */
  erasingAs: z.string().min(1).optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Subscriber = z.infer<typeof Subscriber>;

export const emptyFollows = (): Follows => ({ demarches: [], themes: [], territories: [] });
