// Telegram's flood limits, enforced as strict rolling windows so a sender that is merely "about right" gets the
// 429s it would get in production: ~30 messages/s per bot, ~1/s per chat, up to 1,000/s with
// allow_paid_broadcast (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).

export interface RateLimits {
  /** Messages per second across all chats (Telegram: about 30). */
  perSecond: number;
  /** Messages per second to one chat (Telegram: about 1). */
  perChatPerSecond: number;
  /** Global ceiling for sends with allow_paid_broadcast (Telegram: 1,000). */
  paidPerSecond: number;
  /** Whether editMessageText/Caption/ReplyMarkup count as sends. Telegram throttles edits far less. */
  includeEdits: boolean;
}

export const TELEGRAM_RATE_LIMITS: RateLimits = {
  perSecond: 30,
  perChatPerSecond: 1,
  paidPerSecond: 1000,
  includeEdits: false,
};

const WINDOW_MS = 1000;

/** Timestamps of accepted sends inside the last window; push and evict are amortised O(1). */
export class RollingWindow {
  private times: number[] = [];
  private head = 0;

  evict(now: number) {
    while (this.head < this.times.length && this.times[this.head]! <= now - WINDOW_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  size(now: number): number {
    this.evict(now);
    return this.times.length - this.head;
  }

  /** When a slot frees up if the window holds `limit` sends: the (size - limit + 1)-th oldest leaves. */
  freeAt(limit: number): number {
    const index = this.head + Math.max(0, this.times.length - this.head - limit);
    return (this.times[index] ?? 0) + WINDOW_MS;
  }

  push(now: number) {
    this.times.push(now);
  }
}

export type RateVerdict = { ok: true } | { ok: false; retryAfter: number; scope: 'global' | 'chat' };

export class SendRateLimiter {
  private global = new RollingWindow();
  private readonly perChat = new Map<number, RollingWindow>();
  /** Highest number of accepted sends seen in any one-second window: what a benchmark compares to the ceiling. */
  peakPerSecond = 0;

  constructor(private readonly limits: RateLimits | false) {}

  appliesToEdits(): boolean {
    return this.limits !== false && this.limits.includeEdits;
  }

  /** Accepts and records a send, or says how long to wait, as Telegram's `retry_after` (whole seconds, ≥ 1). */
  take(chatId: number, now: number, paidBroadcast: boolean): RateVerdict {
    if (this.limits !== false) {
      let chatWindow = this.perChat.get(chatId);
      if (!chatWindow) {
        chatWindow = new RollingWindow();
        this.perChat.set(chatId, chatWindow);
      }
      const ceiling = paidBroadcast ? this.limits.paidPerSecond : this.limits.perSecond;
      if (chatWindow.size(now) >= this.limits.perChatPerSecond)
        return {
          ok: false,
          scope: 'chat',
          retryAfter: retryAfter(chatWindow.freeAt(this.limits.perChatPerSecond), now),
        };
      if (this.global.size(now) >= ceiling)
        return { ok: false, scope: 'global', retryAfter: retryAfter(this.global.freeAt(ceiling), now) };
      chatWindow.push(now);
    }
    this.global.push(now);
    this.peakPerSecond = Math.max(this.peakPerSecond, this.global.size(now));
    return { ok: true };
  }

  reset() {
    this.perChat.clear();
    this.global = new RollingWindow();
    this.peakPerSecond = 0;
  }
}

const retryAfter = (freeAt: number, now: number) => Math.max(1, Math.ceil((freeAt - now) / 1000));
