// Sends one campaign message to one chat through telegraf's `Telegram` client, which has no retry:
// 429 → wait `retry_after` seconds (every send pauses, as Telegram asks), then again; 403 → the
// citizen blocked the bot; 5xx or a refused connection → retried with backoff, a bounded number of
// times (known not sent); a timeout or a cut connection → outcome unknown, retried and flagged.
import { Telegram, TelegramError } from 'telegraf';
import type { TelegramSendOptions, TelegramSendResult, TelegramSender } from '#core/delivery/ports';
import { type Timers, systemTimers } from '#adapters/system/timers';
import type { TelegramCampaignMessage } from './campaign-message';
import { SendRateLimiter, type SendSlot, TELEGRAM_SEND_LIMITS } from './rate-limiter';

export interface TelegramSenderOptions {
  token: string;
  /** The Bot API's root: api.telegram.org, or the local simulator. */
  apiRoot?: string;
  /**
   * Pace; on AWS divide the global limits by the send function's concurrency (the limiter is per
   * process). `paidPerSecond`: the ceiling of sends with allow_paid_broadcast (Telegram: 1,000/s).
   */
  limits?: {
    perSecond?: number;
    paidPerSecond?: number;
    perChatPerSecond?: number;
  };
  /** A request without an answer by then has an unknown outcome (default 15 s). */
  requestTimeoutMs?: number;
  /** Requests per message that may fail with 5xx, a network error or a timeout before it is `failed` (default 4). */
  maxAttempts?: number;
  /** First backoff after such a failure, doubled each time (default 500 ms). */
  backoffMs?: number;
  /** Total `retry_after` one message may wait; beyond, it is `deferred` to a later job run (default 60 s). */
  maxRetryAfterMs?: number;
  /** Pacing, backoff and retry_after waits read and spend this time (tests pass virtual timers). */
  timers?: Timers;
}

export interface TelegramCampaignSender extends TelegramSender {
  /** Takes what this adapter's renderer made (campaign-message.ts): the core passes it through untouched. */
  send(chatId: number, message: TelegramCampaignMessage, options?: TelegramSendOptions): Promise<TelegramSendResult>;
  readonly limiter: SendRateLimiter;
  /** Bot API requests awaiting their answer: a test on virtual time moves the clock only when none is. */
  readonly inFlight: number;
  /** Refuses waiting sends (as `deferred`) and stops the limiter's timer. */
  close(): void;
}

type CallSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

type Failure =
  | { kind: 'rate_limited'; retryAfterMs: number; error: string }
  | { kind: 'blocked'; error: string }
  | { kind: 'rejected'; error: string }
  /** Known not delivered: the request never reached Telegram, or Telegram failed it (5xx). */
  | { kind: 'unavailable'; error: string }
  /** The request may have been delivered: no idempotency key in the Bot API, so a retry may duplicate. */
  | { kind: 'unknown'; error: string };

const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
]);

export function classifyTelegramFailure(error: unknown): Failure {
  if (error instanceof TelegramError) {
    const said = `${error.code} ${error.description}`.slice(0, 300);
    if (error.code === 429)
      return {
        kind: 'rate_limited',
        retryAfterMs: Math.max(1, error.parameters?.retry_after ?? 1) * 1000,
        error: said,
      };
    if (error.code === 403) return { kind: 'blocked', error: said };
    if (error.code >= 500) return { kind: 'unavailable', error: said };
    return { kind: 'rejected', error: said };
  }
  if (error instanceof Error) {
    const { code, type } = error as Error & { code?: string; type?: string };
    if (code && NOT_CONNECTED.has(code)) return { kind: 'unavailable', error: `réseau : ${code}` };
    if (error.name === 'AbortError' || type === 'aborted')
      return { kind: 'unknown', error: 'pas de réponse de Telegram dans le délai' };
    if (error.name === 'FetchError') return { kind: 'unknown', error: `réseau : ${code ?? type ?? 'erreur'}` };
  }
  throw error; // not a failure of Telegram or of the network: a bug of ours
}

export function createTelegramSender(options: TelegramSenderOptions): TelegramCampaignSender {
  const telegram = new Telegram(options.token, { apiRoot: options.apiRoot ?? 'https://api.telegram.org' });
  const limits = options.limits ?? {};
  const timers = options.timers ?? systemTimers;
  const limiter = new SendRateLimiter(
    {
      global: { limit: limits.perSecond ?? TELEGRAM_SEND_LIMITS.global.limit, windowMs: 1000 },
      paid: { limit: limits.paidPerSecond ?? TELEGRAM_SEND_LIMITS.paid.limit, windowMs: 1000 },
      perChat: { limit: limits.perChatPerSecond ?? TELEGRAM_SEND_LIMITS.perChat.limit, windowMs: 1000 },
    },
    timers,
  );
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;

  const request = async (chatId: number, message: TelegramCampaignMessage) => {
    // telegraf types `signal` with an old shim's class; node-fetch underneath takes Node's own AbortSignal.
    const signal = AbortSignal.timeout(requestTimeoutMs) as unknown as CallSignal;
    const common = {
      chat_id: chatId,
      parse_mode: 'HTML' as const,
      reply_markup: message.replyMarkup,
      // The agent's explicit choice, billed in Stars: Telegram then takes up to 1,000 messages/s.
      ...(message.paidBroadcast ? { allow_paid_broadcast: true } : {}),
    };
    if (message.photoUrl)
      return telegram.callApi('sendPhoto', { ...common, photo: message.photoUrl, caption: message.html }, { signal });
    const preview = message.previewUrl
      ? { link_preview_options: { url: message.previewUrl, prefer_large_media: true, show_above_text: true } }
      : {};
    return telegram.callApi('sendMessage', { ...common, text: message.html, ...preview }, { signal });
  };

  let inFlight = 0;
  return {
    limiter,
    get inFlight() {
      return inFlight;
    },
    close: () => limiter.close(),
    async send(chatId, message, { signal } = {}): Promise<TelegramSendResult> {
      let attempts = 0;
      let failures = 0;
      let waited = 0;
      let uncertain = false;
      let rateLimited = 0;
      const deferred = (error: string): TelegramSendResult => ({
        status: 'deferred',
        attempts,
        uncertain,
        rateLimited,
        error,
      });
      for (;;) {
        let slot: SendSlot;
        try {
          slot = await limiter.acquire(chatId, signal, message.paidBroadcast === true);
        } catch {
          return deferred('temps écoulé en attendant le débit autorisé par Telegram');
        }
        attempts++;
        let failure: Failure;
        try {
          inFlight++;
          // Whatever the answer, Telegram counted the request before it: the limiter paces from there.
          const sent = await request(chatId, message).finally(() => {
            slot.answered();
            inFlight--;
          });
          return { status: 'sent', attempts, uncertain, rateLimited, messageId: sent.message_id };
        } catch (error) {
          failure = classifyTelegramFailure(error);
        }
        if (failure.kind === 'blocked')
          return { status: 'blocked', attempts, uncertain, rateLimited, error: failure.error };
        if (failure.kind === 'rejected')
          return { status: 'failed', attempts, uncertain, rateLimited, error: failure.error };
        if (failure.kind === 'rate_limited') {
          rateLimited++;
          // Telegram's rule: no request before retry_after; the limiter holds every send, not just this one.
          waited += failure.retryAfterMs;
          if (waited > maxRetryAfterMs)
            return deferred(`${failure.error} (attente cumulée au-delà de ${maxRetryAfterMs / 1000} s)`);
          limiter.pauseUntil(timers.now() + failure.retryAfterMs);
          continue;
        }
        if (failure.kind === 'unknown') uncertain = true;
        if (++failures >= maxAttempts)
          return {
            status: 'failed',
            attempts,
            uncertain,
            rateLimited,
            error: `${failure.error} (après ${attempts} essais)`,
          };
        try {
          await timers.sleep(backoffMs * 2 ** (failures - 1) * (0.75 + Math.random() / 2), signal);
        } catch {
          return deferred(failure.error);
        }
      }
    },
  };
}
