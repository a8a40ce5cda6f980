// Client-side pacing of Bot API sends, so Telegram's flood limits are met before they are hit:
// ~30 messages/s per bot and ~1/s per chat (https://core.telegram.org/bots/faq#broadcasting-to-users).
// Both are rolling windows, as Telegram (and our simulator) count them. Sends are also spread evenly
// (one per window/limit): a burst of 30 requests leaves together but arrives spread by queueing, so
// the 31st, one window later, would land inside the window of the last of them. A small margin
// absorbs the remaining jitter. A 429 pauses every send (Telegram asks for no request before `retry_after`).
// Time comes through the `Timers` port: tests check the windows on virtual time, exactly.
import { type Timers, systemTimers } from '#adapters/system/timers';

export interface WindowLimit {
  /** Sends allowed in any window. */
  limit: number;
  windowMs: number;
}

export interface SendLimits {
  global: WindowLimit;
  perChat: WindowLimit;
  /** Added to each window: a send is counted a little longer than Telegram counts it. */
  marginMs: number;
}

export const TELEGRAM_SEND_LIMITS: SendLimits = {
  global: { limit: 30, windowMs: 1000 },
  perChat: { limit: 1, windowMs: 1000 },
  marginMs: 30,
};

/** The times of the last `limit` sends, oldest first in ring order. */
class RollingWindow {
  private readonly times: number[] = [];
  private oldest = 0;

  constructor(private readonly limit: number) {}

  /** When the next send may start: at once while the window is not full, else when its oldest send leaves it. */
  freeAt(spanMs: number): number {
    return this.times.length < this.limit ? -Infinity : this.times[this.oldest]! + spanMs;
  }

  latest(): number {
    return this.times.length < this.limit
      ? (this.times[this.times.length - 1] ?? -Infinity)
      : this.times[(this.oldest + this.limit - 1) % this.limit]!;
  }

  record(at: number) {
    if (this.times.length < this.limit) this.times.push(at);
    else {
      this.times[this.oldest] = at;
      this.oldest = (this.oldest + 1) % this.limit;
    }
  }
}

interface Waiter {
  chatId: number;
  grant(): void;
  refuse(reason: unknown): void;
}

/** Chats remembered beyond this are swept of those idle for a window: memory stays bounded over big fan-outs. */
const CHAT_SWEEP_AT = 10_000;

export class SendRateLimiter {
  private readonly global: RollingWindow;
  private readonly chats = new Map<number, RollingWindow>();
  private readonly waiters: Waiter[] = [];
  private pausedUntil = -Infinity;
  private lastGrant = -Infinity;
  /** Aborts the pending wake-up (rescheduled earlier, or closed). */
  private wake: AbortController | undefined;
  private wakeAt = Infinity;

  constructor(
    readonly limits: SendLimits = TELEGRAM_SEND_LIMITS,
    private readonly timers: Timers = systemTimers,
  ) {
    this.global = new RollingWindow(limits.global.limit);
  }

  /** Resolves when a send to `chatId` may start (and counts it); rejects if `signal` aborts first. */
  acquire(chatId: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        chatId,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** After a 429: nothing leaves before `at` (epoch ms). */
  pauseUntil(at: number) {
    this.pausedUntil = Math.max(this.pausedUntil, at);
    this.schedule(this.pausedUntil);
  }

  /** Refuses every waiting send (shutting down). */
  close(reason: unknown = new Error('rate limiter closed')) {
    this.wake?.abort();
    this.wake = undefined;
    this.wakeAt = Infinity;
    for (const waiter of this.waiters.splice(0)) waiter.refuse(reason);
  }

  get waiting(): number {
    return this.waiters.length;
  }

  private span(limit: WindowLimit) {
    return limit.windowMs + this.limits.marginMs;
  }

  /** Grants, oldest first, every waiter whose chat and the bot both have room; then sleeps until the next may. */
  private pump() {
    const now = this.timers.now();
    while (this.waiters.length > 0) {
      const { limit, windowMs } = this.limits.global;
      const globalFree = Math.max(
        this.pausedUntil,
        this.global.freeAt(this.span(this.limits.global)),
        this.lastGrant + windowMs / limit,
      );
      if (globalFree > now) return this.schedule(globalFree);
      // First in line whose chat has room: one busy chat does not hold back the others.
      let earliestChat = Infinity;
      const index = this.waiters.findIndex((w) => {
        const free = this.chats.get(w.chatId)?.freeAt(this.span(this.limits.perChat)) ?? -Infinity;
        earliestChat = Math.min(earliestChat, free);
        return free <= now;
      });
      if (index < 0) return this.schedule(earliestChat);
      const [waiter] = this.waiters.splice(index, 1);
      this.record(waiter!.chatId, now);
      waiter!.grant();
    }
  }

  private record(chatId: number, at: number) {
    this.lastGrant = at;
    this.global.record(at);
    let chat = this.chats.get(chatId);
    if (!chat) {
      if (this.chats.size >= CHAT_SWEEP_AT) this.sweep(at);
      chat = new RollingWindow(this.limits.perChat.limit);
      this.chats.set(chatId, chat);
    }
    chat.record(at);
  }

  private sweep(now: number) {
    const span = this.span(this.limits.perChat);
    for (const [chatId, window] of this.chats) if (window.latest() + span <= now) this.chats.delete(chatId);
  }

  private schedule(at: number) {
    if (this.waiters.length === 0 || (this.wake && this.wakeAt <= at)) return;
    this.wake?.abort();
    const wake = new AbortController();
    this.wake = wake;
    this.wakeAt = at;
    this.timers.sleep(Math.max(0, at - this.timers.now()), wake.signal).then(
      () => {
        // A sleep that ended just as it was replaced must not pump twice.
        if (this.wake !== wake) return;
        this.wake = undefined;
        this.wakeAt = Infinity;
        this.pump();
      },
      () => undefined, // aborted: an earlier wake-up replaced it, or the limiter closed
    );
  }
}
