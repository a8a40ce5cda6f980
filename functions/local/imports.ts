// Feed imports in the local runtime: a timer runs the import tick (the import Lambda's own handler)
// every FEED_IMPORT_EVERY_MINUTES. On AWS: an EventBridge schedule every 15 minutes.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '#config';
import { startInterval } from '#adapters/scheduler/interval';
import type { Timers } from '#adapters/system/timers';
import type { ImportDeps } from '#core/imports/check-source';
import { createImportHandler } from '#handlers/imports/import-tick';

export interface LocalImports {
  /** Runs one poll round now (tests, and « at start-up »). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startLocalImports(
  config: Config,
  deps: ImportDeps,
  logger: Logger,
  options: { timers?: Timers } = {},
): LocalImports {
  const tick = createImportHandler({ ...deps, logger });
  const interval = startInterval(tick, {
    everyMs: config.FEED_IMPORT_EVERY_MINUTES * 60_000,
    timers: options.timers,
    onError: (error) =>
      logger.error('feed import failed', {
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      }),
  });
  return { tick: () => interval.runNow(), stop: () => interval.stop() };
}
