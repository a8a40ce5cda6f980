// The local runtime's scheduler: runs a task every `everyMs` (dispatch every second, so a campaign
// leaves within a second or two of its time), never two runs at once, and stops cleanly: `stop()`
// resolves once the run in progress has finished. On AWS, EventBridge Scheduler plays this part.

export interface IntervalOptions {
  everyMs: number;
  /** A failed run is reported here and the ticker carries on (the next run retries). */
  onError?(error: unknown): void;
}

export interface Interval {
  /** Runs the task now (after the run in progress, if any), e.g. at start-up. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startInterval(task: () => Promise<unknown>, options: IntervalOptions): Interval {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();

  const runOnce = () => {
    current = current.then(async () => {
      if (stopped) return;
      try {
        await task();
      } catch (error) {
        options.onError?.(error);
      }
    });
    return current;
  };

  const tick = async () => {
    const started = Date.now();
    await runOnce();
    // Measured from the start of the run: a slow run is followed at once, not after a full period.
    if (!stopped) timer = setTimeout(() => void tick(), Math.max(0, options.everyMs - (Date.now() - started)));
  };
  timer = setTimeout(() => void tick(), options.everyMs);

  return {
    runNow: runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
