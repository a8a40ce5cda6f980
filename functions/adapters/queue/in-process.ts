// The local runtime's queue, with SQS's semantics so the send code cannot tell them apart: jobs
// travel as JSON (no shared objects), delivery is at-least-once (a job whose handler throws comes
// back after a delay), a job that fails `maxReceives` times goes to a dead-letter list, and at most
// `concurrency` handlers run at once. It lives in memory: a restart loses queued jobs, which the
// resume of stalled campaigns (core/delivery/finalize.ts) enqueues again.
import { type Timers, systemTimers } from '#adapters/system/timers';

export interface InProcessQueueOptions<J> {
  handle(job: J): Promise<unknown>;
  /** Handlers running at once (default 4). */
  concurrency?: number;
  /** Receives before a job is dead-lettered, as SQS's maxReceiveCount (default 5). */
  maxReceives?: number;
  /** Wait before a failed job comes back (SQS: the visibility timeout). Default 1 s, doubling, at most 30 s, or the error's `retryAt`. */
  retryDelayMs?: (receives: number, error: unknown) => number;
  /** Every failed receive, for logs. */
  onError?(error: unknown, job: J, receives: number): void;
  /** Retry delays are spent on this time (tests pass virtual timers). */
  timers?: Timers;
}

export interface DeadLetter<J> {
  job: J;
  receives: number;
  error: unknown;
  at: Date;
}

export interface InProcessQueue<J> {
  enqueue(jobs: readonly J[]): Promise<void>;
  /** Jobs that failed every receive, oldest first (a DLQ to read and redrive by hand). */
  readonly deadLetters: readonly DeadLetter<J>[];
  /** Resolves once nothing is queued, running or waiting for a retry. */
  idle(): Promise<void>;
  /** Stops handing out jobs, drops those waiting, and resolves once running handlers have finished. */
  stop(): Promise<void>;
  stats(): { queued: number; running: number; delayed: number; handled: number; failedReceives: number };
}

/** Longest wait honoured from an error's `retryAt` (X's 15-minute window, for instance). */
const MAX_RETRY_DELAY_MS = 15 * 60_000;

function defaultRetryDelay(receives: number, error: unknown, now: number): number {
  const backoff = Math.min(30_000, 1000 * 2 ** (receives - 1));
  // A channel that said when to come back (SendJobIncomplete, XPublishError) is believed.
  const retryAt = (error as { retryAt?: unknown } | undefined)?.retryAt;
  const until = typeof retryAt === 'string' ? Date.parse(retryAt) - now : Number.NaN;
  return Number.isFinite(until) ? Math.min(MAX_RETRY_DELAY_MS, Math.max(backoff, until)) : backoff;
}

interface Entry {
  body: string;
  receives: number;
}

export function createInProcessQueue<J>(options: InProcessQueueOptions<J>): InProcessQueue<J> {
  const concurrency = options.concurrency ?? 4;
  const maxReceives = options.maxReceives ?? 5;
  const timers = options.timers ?? systemTimers;
  const retryDelay = options.retryDelayMs ?? ((receives, error) => defaultRetryDelay(receives, error, timers.now()));
  const ready: Entry[] = [];
  /** One abort per job waiting out its retry delay: stop() drops them. */
  const delayed = new Set<AbortController>();
  const deadLetters: DeadLetter<J>[] = [];
  let running = 0;
  let handled = 0;
  let failedReceives = 0;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => ready.length === 0 && running === 0 && (delayed.size === 0 || stopped);
  const settle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const run = (entry: Entry) => {
    running++;
    entry.receives++;
    const job = JSON.parse(entry.body) as J;
    Promise.resolve()
      .then(() => options.handle(job))
      .then(
        () => void handled++,
        (error: unknown) => {
          failedReceives++;
          options.onError?.(error, job, entry.receives);
          if (entry.receives >= maxReceives) {
            deadLetters.push({ job, receives: entry.receives, error, at: new Date() });
            return;
          }
          if (stopped) return;
          const wait = new AbortController();
          delayed.add(wait);
          timers.sleep(retryDelay(entry.receives, error), wait.signal).then(
            () => {
              delayed.delete(wait);
              if (stopped) return; // woke as stop() ran: dropped like the others
              ready.push(entry);
              pump();
            },
            () => undefined, // dropped by stop()
          );
        },
      )
      .finally(() => {
        running--;
        pump();
      });
  };

  const pump = () => {
    while (!stopped && running < concurrency && ready.length > 0) run(ready.shift()!);
    settle();
  };

  return {
    deadLetters,
    enqueue(jobs) {
      if (stopped) return Promise.reject(new Error('la file d’envoi est arrêtée'));
      // Serialised as SQS would: the handler gets a copy, never the caller's object.
      for (const job of jobs) ready.push({ body: JSON.stringify(job), receives: 0 });
      pump();
      return Promise.resolve();
    },
    idle: () => (isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async stop() {
      stopped = true;
      for (const wait of delayed) wait.abort();
      delayed.clear();
      ready.length = 0;
      settle();
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    stats: () => ({ queued: ready.length, running, delayed: delayed.size, handled, failedReceives }),
  };
}
