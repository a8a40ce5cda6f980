// Virtual time for the adapters that wait (the `Timers` port of adapters/system/timers.ts): nothing
// moves until the test moves it, so a verdict about windows, delays and periods reads the same on a
// busy machine as on an idle one, and a 2-second wait costs no second at all. The Telegram simulator
// can read the same clock (`clock: timers.now`), so its rolling windows judge the sender on the very
// time the sender paced itself by, with no network jitter between them.
// The one real wait: the driver below polls, every millisecond, for real I/O to finish before moving virtual time.
// eslint-disable-next-line no-restricted-imports -- polling for I/O to settle, never sleeping before an expect
import { setImmediate as nextTurn, setTimeout as realSleep } from 'node:timers/promises';
import type { Timers } from '#adapters/system/timers';

interface Sleeper {
  at: number;
  seq: number;
  wake(): void;
}

const aborted = () => new DOMException('The operation was aborted', 'AbortError');

export class VirtualTimers implements Timers {
  private clock: number;
  private sleepers: Sleeper[] = [];
  private seq = 0;

  constructor(start: number | string = '2026-03-02T08:00:00.000Z') {
    this.clock = typeof start === 'number' ? start : Date.parse(start);
  }

  /** An arrow, so it can be handed around as a plain clock function (the simulator's `clock`). */
  readonly now = (): number => this.clock;

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(aborted());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(aborted());
      };
      const sleeper: Sleeper = {
        at: this.clock + Math.max(0, ms),
        seq: this.seq++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Earliest first; equal times in the order they were asked, as Node's timers do.
      const index = this.sleepers.findIndex((s) => s.at > sleeper.at);
      this.sleepers.splice(index < 0 ? this.sleepers.length : index, 0, sleeper);
    });
  }

  /** Sleeps not yet over. */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Jumps to the earliest sleeper's time and wakes every sleeper due then; false if none sleeps. */
  next(): boolean {
    const first = this.sleepers[0];
    if (!first) return false;
    this.clock = Math.max(this.clock, first.at);
    const due = this.sleepers.filter((s) => s.at <= this.clock);
    this.sleepers = this.sleepers.slice(due.length);
    for (const sleeper of due) sleeper.wake();
    return true;
  }

  /** Moves the clock at once, waking nobody: for code that only reads the time (the simulator's windows). */
  shift(ms: number): void {
    this.clock += ms;
  }

  /** Moves time forward by `ms`, waking sleepers in order and letting each one's work run before the next wakes. */
  async advance(ms: number): Promise<void> {
    const target = this.clock + ms;
    for (;;) {
      await nextTurn();
      const first = this.sleepers[0];
      if (!first || first.at > target) break;
      this.next();
    }
    this.clock = target;
    await nextTurn();
  }
}

/**
 * Settles `work`, moving virtual time to the next sleeper each time nothing but time can move it:
 * `quiet()` says no real I/O is in flight (for the Telegram sender, `sender.inFlight === 0`), so a
 * request always reaches the simulator at the virtual instant it was sent. Real waits (a request's
 * own timeout) are simply waited for.
 */
export async function settleOnVirtualTime<T>(
  timers: VirtualTimers,
  work: Promise<T>,
  quiet: () => boolean = () => true,
  { maxVirtualMs = 60 * 60_000 } = {},
): Promise<T> {
  let settled = false;
  const done = work.then(
    () => void (settled = true),
    () => void (settled = true),
  );
  const until = timers.now() + maxVirtualMs;
  while (!settled) {
    await nextTurn();
    if (settled) break;
    if (!quiet() || !timers.next()) await realSleep(1);
    if (timers.now() > until) throw new Error(`still not settled after ${maxVirtualMs} ms of virtual time`);
  }
  await done;
  return work;
}

/**
 * For a whole harness whose work is not one promise (queues, workers): in the background, moves
 * virtual time to the next sleeper whenever `quiet()` holds. Returns the function that stops it.
 */
export function advanceWhenQuiet(timers: VirtualTimers, quiet: () => boolean): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await realSleep(1);
      if (running && quiet()) timers.next();
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}
