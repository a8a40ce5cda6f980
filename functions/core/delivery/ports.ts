// Ports of delivery: the send job that crosses the queue (validated with zod at every edge, since
// SQS hands back bare strings), the queue itself, and the Telegram sender the send use case drives.
import * as z from 'zod';
import type { TelegramMessage } from '../campaigns/telegram-format';
import { Instant, ShortId } from '../shared/schema';

/** Telegram recipients per job: small enough that one job is a few seconds at 30 msg/s, big enough to keep queue traffic low. */
export const TELEGRAM_JOB_SIZE = 25;
export const TELEGRAM_JOB_MAX = 100;

export const SendJob = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('telegram'),
    campaignId: ShortId,
    /** Subscriber pseudonyms; the chat id is read at send time, so queues and dead letters never hold it. */
    recipients: z.array(z.string().min(1).max(100)).min(1).max(TELEGRAM_JOB_MAX),
    /** The campaign's round when the job was enqueued (absent: 0): a job of an older round stops, the resume re-enqueued its work. */
    round: z.number().int().min(0).optional(),
  }),
  z.object({ channel: z.literal('x'), campaignId: ShortId }),
  z.object({ channel: z.literal('feeds'), campaignId: ShortId }),
  /**
   * Send the subscribers' digests due by `dueBy` (core/digests): enqueued by the delivery tick so that
   * digests leave through the one Telegram consumer and share its budget (docs/aws.md).
   */
  z.object({ channel: z.literal('digests'), dueBy: Instant }),
]);
export type SendJob = z.infer<typeof SendJob>;

/** Where dispatch puts send jobs: at-least-once, so a job may be processed twice (the ledger absorbs it). */
export interface SendQueue {
  enqueue(jobs: readonly SendJob[]): Promise<void>;
}

// ---- Telegram: what the sender answers. What it sends is rendered by the Telegram adapter
// (campaigns/telegram-format.ts): the core never builds HTML, buttons or Bot API fields.

interface Attempted {
  /** Requests made to the Bot API for this message, 429s included. */
  attempts: number;
  /** A request's outcome was unknown (timeout, connection cut after sending) and the message was sent again: a possible duplicate. */
  uncertain: boolean;
  /** Requests Telegram answered 429 (retry_after honoured, then sent again): what the dashboard sets against DESIGN's 0.5 %. */
  rateLimited?: number;
}

export type TelegramSendResult =
  | (Attempted & { status: 'sent'; messageId: number })
  /** 403: the citizen blocked the bot (or deleted their account): they left. */
  | (Attempted & { status: 'blocked'; error: string })
  /** Refused for good (400 chat not found…), or still failing after the bounded retries. */
  | (Attempted & { status: 'failed'; error: string })
  /** Not sent, known for sure (429 or 5xx waits would outlast the caller's time): try again later. */
  | (Attempted & { status: 'deferred'; error: string });

export interface TelegramSendOptions {
  /** Aborts waits (rate limiter, retry_after, backoff), never a request in flight: the result is then `deferred`. */
  signal?: AbortSignal;
}

export interface TelegramSender {
  /**
   * Sends a message its own adapter rendered (`TelegramFormat.render`). Never throws for what
   * Telegram answers: every answer is a result; a throw is a bug or a crash.
   */
  send(chatId: number, message: TelegramMessage, options?: TelegramSendOptions): Promise<TelegramSendResult>;
  /**
   * Throws `TelegramNotConfigured` while there is no bot token (on AWS, from the first deploy until
   * the operator writes it), before a job takes its lease. Absent: the sender always has a token.
   * `send` throws it too, should the token go between this check and a send.
   */
  checkConfigured?(): Promise<void>;
}

/**
 * No bot token yet: a state, not a failure. A Telegram or digests job meeting it is parked — acked
 * with no ledger line and no retry — and finalize's resume enqueues the campaign's rest again, so
 * it leaves once the token is there; X and feeds jobs go meanwhile, and nothing reaches the DLQ.
 */
export class TelegramNotConfigured extends Error {
  override name = 'TelegramNotConfigured';
}

export const isTelegramNotConfigured = (e: unknown): e is TelegramNotConfigured => e instanceof TelegramNotConfigured;

/** A send job that could not finish (rate limits, time running out, a channel failing for now): the queue retries it. */
export class SendJobIncomplete extends Error {
  override name = 'SendJobIncomplete';
  constructor(
    message: string,
    /** Earliest useful retry (UTC ISO-8601), when a channel said so. */
    readonly retryAt?: string,
  ) {
    super(message);
  }
}
