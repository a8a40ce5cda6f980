// Time for the adapters that wait: the send rate limiter, the sender's backoff and retry_after, the
// in-process queue's retry delays, the local ticker. One port, so a test moves time by hand (see
// test/support/virtual-timers.ts) and reads the same verdict on a busy machine as on an idle one.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Timers {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects (an AbortError) as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined),
};
