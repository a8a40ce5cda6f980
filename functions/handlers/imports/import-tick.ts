// The import tick: polls every feed source once (core/imports pollFeedSources) and logs what each
// came to. Run by EventBridge every 15 minutes on AWS (handlers/lambda/import.ts) and by the local
// runtime's timer (local/imports.ts). A failing source is logged and recorded in its status; the
// tick itself never throws for it. Past its time budget (TIME_BUDGET_MS, 4 of the Lambda's 5 minutes)
// no source starts: the round is cut off, logged with how many sources wait for the next one, counted;
// the checks in flight end within their own 10 s.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ImportDeps } from '#core/imports/check-source';
import { isFailing } from '#core/imports/feed-source';
import { listFeedSources, pollFeedSources } from '#core/imports/use-cases';
import { type Timers, systemTimers } from '#adapters/system/timers';
import { type CutOffWitness, reportCutOff } from '#handlers/time-budget';

export interface ImportTickDeps extends ImportDeps {
  logger: Logger;
  /** Where a cut-off is counted (`handler.cutOff`); absent, it is logged only. */
  metrics?: CutOffWitness['metrics'];
}

export interface ImportTickSummary {
  checked: number;
  imported: number;
  failing: number;
  /** Sources not polled this round: its budget ran out first. */
  leftOut?: number;
}

export interface ImportTickOptions {
  /** The function's own budget (TIME_BUDGET_MS); absent, none (the local runtime's timer). */
  budgetMs?: number;
  /** Time for the budget (tests pass virtual timers). */
  timers?: Timers;
}

export function createImportHandler(
  deps: ImportTickDeps | (() => Promise<ImportTickDeps>),
  options: ImportTickOptions = {},
) {
  let ready: Promise<ImportTickDeps> | undefined;
  return async (): Promise<ImportTickSummary> => {
    ready ??= typeof deps === 'function' ? deps() : Promise.resolve(deps);
    const d = await ready;
    const roundDone = new AbortController();
    const timeUp = new AbortController();
    if (options.budgetMs !== undefined)
      void (options.timers ?? systemTimers).sleep(options.budgetMs, roundDone.signal).then(
        () => timeUp.abort(),
        () => undefined,
      );
    const outcomes = await pollFeedSources(d, { signal: timeUp.signal }).finally(() => roundDone.abort());
    const leftOut = timeUp.signal.aborted ? (await listFeedSources(d)).length - outcomes.length : 0;
    if (leftOut > 0)
      reportCutOff(d, 'feed import round', { polled: outcomes.length, leftOut, budgetMs: options.budgetMs });
    for (const { source, imported, error } of outcomes) {
      if (error !== undefined)
        d.logger.error('feed source import failed', {
          sourceId: source.id,
          errorName: (error as Error)?.name,
          errorMessage: (error as Error)?.message,
        });
      else if (isFailing(source.status))
        d.logger.warn('feed source failing', { sourceId: source.id, reason: source.status.lastError });
      else if (imported > 0) d.logger.info('feed source imported', { sourceId: source.id, imported });
    }
    return {
      checked: outcomes.length,
      imported: outcomes.reduce((n, o) => n + o.imported, 0),
      failing: outcomes.filter((o) => isFailing(o.source.status)).length,
      ...(leftOut > 0 ? { leftOut } : {}),
    };
  };
}
