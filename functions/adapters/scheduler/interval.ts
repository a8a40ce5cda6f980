// The local runtime's scheduler: runs a task every `everyMs` (dispatch every second, so a campaign
// leaves within a second or two of its time), never two runs at once, and stops cleanly: `stop()`
// resolves once the run in progress has finished. On AWS, EventBridge Scheduler plays this part.
import { type Timers, systemTimers } from '#adapters/system/timers';

export interface IntervalOptions {
  everyMs: number;
  /** A failed run is reported here and the ticker carries on (the next run retries). */
  onError?(error: unknown): void;
  /** The periods are spent on this time (tests pass virtual timers). */
  timers?: Timers;
}

export interface Interval {
  /** Runs the task now (after the run in progress, if any), e.g. at start-up. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startInterval(task: () => Promise<unknown>, options: IntervalOptions): Interval {
  const timers = options.timers ?? systemTimers;
  const stopping = new AbortController();
  let current: Promise<void> = Promise.resolve();

  const runOnce = () => {
    current = current.then(async () => {
      if (stopping.signal.aborted) return;
      try {
        await task();
      } catch (error) {
        options.onError?.(error);
      }
    });
    return current;
  };

  const wait = (ms: number) =>
    timers.sleep(ms, stopping.signal).then(
      () => void tick(),
      () => undefined, // stopped
    );
  const tick = async () => {
    const started = timers.now();
    await runOnce();
    // Measured from the start of the run: a slow run is followed at once, not after a full period.
    if (!stopping.signal.aborted) void wait(Math.max(0, options.everyMs - (timers.now() - started)));
  };
  void wait(options.everyMs);

  return {
    runNow: runOnce,
    async stop() {
      stopping.abort();
      await current;
    },
  };
}
