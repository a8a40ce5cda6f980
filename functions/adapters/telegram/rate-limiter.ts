// Client-side pacing of Bot API sends, so Telegram's flood limits are met before they are hit:
// ~30 messages/s per bot, up to 1,000/s for sends with allow_paid_broadcast, ~1/s per chat
// (https://core.telegram.org/bots/faq#broadcasting-to-users). Telegram counts a request when it
// ARRIVES, over rolling windows. The arrival is not seen from here, but it is bounded: not before the
// request left (the grant), not after its answer came back. So a send counts from its grant until a
// window after its answer (a request still unanswered counts), and a new send starts only while fewer
// than `limit` sends count: the window property holds on arrivals, whatever the network's jitter or
// the event loop's delays, with no margin to guess. The price is one round trip per window (30 sends
// per 1,000 ms + a round trip): well under 1 % against the local simulator. Grants follow an ideal
// timeline (one every window/limit): a timer that fires late grants the slots it missed at once, as
// far as the window allows, instead of pushing every later send back by its lateness.
// A 429 pauses every send (Telegram asks for no request before `retry_after`).
// Time comes through the `Timers` port: tests check the windows on virtual time, exactly.
import { type Timers, systemTimers } from '#adapters/system/timers';

export interface WindowLimit {
  /** Sends allowed in any window. */
  limit: number;
  windowMs: number;
}

export interface SendLimits {
  global: WindowLimit;
  /** Sends with allow_paid_broadcast, counted in the same window as the others (Telegram: 1,000/s). */
  paid: WindowLimit;
  perChat: WindowLimit;
}

export const TELEGRAM_SEND_LIMITS: SendLimits = {
  global: { limit: 30, windowMs: 1000 },
  paid: { limit: 1000, windowMs: 1000 },
  perChat: { limit: 1, windowMs: 1000 },
};

/** A granted send: the sender says when its answer came back, which bounds when Telegram counted it. */
export interface SendSlot {
  answered(): void;
}

interface Entry {
  /** Latest instant the request may have arrived: its answer (Infinity until it comes back). */
  arrivedBy: number;
}

/** Beyond this many, the earliest arrivals are found by sorting rather than by insertion. */
const SMALL_SELECTION = 32;

/** The `k` smallest of `values`, ascending: one pass keeping a short sorted list (k is 1 or 2 at a steady pace). */
function smallest(values: Iterable<number>, k: number): number[] {
  const kept: number[] = [];
  for (const value of values) {
    if (kept.length === k && value >= kept[k - 1]!) continue;
    let i = kept.length;
    while (i > 0 && kept[i - 1]! > value) i--;
    kept.splice(i, 0, value);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/** The sends whose arrival may still lie within a window, in grant order. */
class ArrivalWindow {
  private entries: Entry[] = [];
  private head = 0;

  /** Drops the oldest entries as they leave every window from `now` on (an unanswered one keeps those after it). */
  private evict(now: number, windowMs: number) {
    while (this.head < this.entries.length && this.entries[this.head]!.arrivedBy + windowMs <= now) this.head++;
    if (this.head > 256 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  get empty() {
    return this.head >= this.entries.length;
  }

  private *arrivals() {
    for (let i = this.head; i < this.entries.length; i++) yield this.entries[i]!.arrivedBy;
  }

  /**
   * When a send may start under `limit`: once at least (count − limit + 1) of the recorded sends
   * have left the window, i.e. the (count − limit + 1)-th earliest `arrivedBy` plus the window.
   */
  freeAt(now: number, { limit, windowMs }: WindowLimit): number {
    this.evict(now, windowMs);
    const k = this.entries.length - this.head - limit + 1;
    if (k <= 0) return -Infinity;
    const earliest = k <= SMALL_SELECTION ? smallest(this.arrivals(), k) : [...this.arrivals()].sort((a, b) => a - b);
    return earliest[k - 1]! + windowMs;
  }

  record(entry: Entry) {
    this.entries.push(entry);
  }
}

interface Waiter {
  chatId: number;
  paid: boolean;
  grant(slot: SendSlot): void;
  refuse(reason: unknown): void;
}

/** Chats remembered beyond this are swept of those idle for a window: memory stays bounded over big fan-outs. */
const CHAT_SWEEP_AT = 10_000;
/** A limiter that was idle may grant at once the slots of this share of a window, no more: no burst after idling. */
const CATCH_UP_SHARE = 0.1;

export class SendRateLimiter {
  private readonly global: ArrivalWindow;
  private readonly chats = new Map<number, ArrivalWindow>();
  private readonly waiters: Waiter[] = [];
  private pausedUntil = -Infinity;
  /** The ideal instant of the last grant: the next one is due one spacing after it, whenever the timer fires. */
  private lastSlot = -Infinity;
  private plainUnanswered = 0;
  /** Aborts the pending wake-up (rescheduled earlier, or closed). */
  private wake: AbortController | undefined;
  private wakeAt = Infinity;

  constructor(
    readonly limits: SendLimits = TELEGRAM_SEND_LIMITS,
    private readonly timers: Timers = systemTimers,
  ) {
    this.global = new ArrivalWindow();
  }

  /** Resolves when a send to `chatId` may start (and counts it); rejects if `signal` aborts first. */
  acquire(chatId: number, signal?: AbortSignal, paid = false): Promise<SendSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<SendSlot>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        chatId,
        paid,
        grant: (slot) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(slot);
        },
        refuse: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // After idling, the timeline restarts near now: the slots nobody wanted are not owed in a burst.
      if (this.waiters.length === 0) {
        const { windowMs, limit } = this.limits.global;
        const earliest = this.timers.now() - windowMs * CATCH_UP_SHARE - windowMs / limit;
        this.lastSlot = Math.max(this.lastSlot, earliest);
      }
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

  /**
   * The ideal instant the next send may have: spacing, window and pause all allow it. A plain send
   * still unanswered may arrive after a paid one granted later, and Telegram then counts the paid one
   * against the plain ceiling: while one is, paid sends keep to the plain ceiling's window too.
   */
  private slotFor(now: number, paid: boolean) {
    const own = paid ? this.limits.paid : this.limits.global;
    const window = paid && this.plainUnanswered > 0 ? this.limits.global : own;
    return Math.max(this.pausedUntil, this.global.freeAt(now, window), this.lastSlot + own.windowMs / own.limit);
  }

  /** Grants, oldest first, every waiter whose chat and the bot both have room; then sleeps until the next may. */
  private pump() {
    const now = this.timers.now();
    while (this.waiters.length > 0) {
      // At most two ceilings (plain and paid): each one's slot is computed once per grant.
      const slots = new Map<boolean, number>();
      const slotOf = (paid: boolean) => {
        let slot = slots.get(paid);
        if (slot === undefined) {
          slot = this.slotFor(now, paid);
          slots.set(paid, slot);
        }
        return slot;
      };
      // First in line whose chat has room: one busy chat does not hold back the others.
      let earliest = Infinity;
      const index = this.waiters.findIndex((w) => {
        const slot = slotOf(w.paid);
        const chatFree = this.chats.get(w.chatId)?.freeAt(now, this.limits.perChat) ?? -Infinity;
        earliest = Math.min(earliest, Math.max(slot, chatFree));
        return slot <= now && chatFree <= now;
      });
      if (index < 0) return this.schedule(earliest);
      const [waiter] = this.waiters.splice(index, 1);
      this.lastSlot = slotOf(waiter!.paid);
      waiter!.grant(this.record(waiter!.chatId, now, waiter!.paid));
    }
  }

  private record(chatId: number, now: number, paid: boolean): SendSlot {
    const entry: Entry = { arrivedBy: Infinity };
    if (!paid) this.plainUnanswered++;
    this.global.record(entry);
    let chat = this.chats.get(chatId);
    if (!chat) {
      if (this.chats.size >= CHAT_SWEEP_AT) this.sweep(now);
      chat = new ArrivalWindow();
      this.chats.set(chatId, chat);
    }
    chat.record(entry);
    return {
      answered: () => {
        if (entry.arrivedBy !== Infinity) return;
        entry.arrivedBy = this.timers.now();
        if (!paid) this.plainUnanswered--;
        if (this.waiters.length > 0) this.pump();
      },
    };
  }

  private sweep(now: number) {
    for (const [chatId, window] of this.chats) {
      window.freeAt(now, this.limits.perChat); // evicts what left the window
      if (window.empty) this.chats.delete(chatId);
    }
  }

  private schedule(at: number) {
    // Infinity: the window waits for an answer, whose `answered()` pumps again.
    if (this.waiters.length === 0 || at === Infinity || (this.wake && this.wakeAt <= at)) return;
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
