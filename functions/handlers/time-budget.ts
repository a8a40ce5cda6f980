// A handler's own time budget, shorter than its Lambda's timeout (the stack checks it at synth and
// passes it as TIME_BUDGET_MS): what does not fit is cut off by the handler itself, logged with what
// was cut, counted (METRIC.cutOff) and answered, instead of being killed by Lambda mid-way with no
// log line and an answer nobody can explain (API Gateway's bare 5xx, a whole batch retried).
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { METRIC } from '#adapters/metrics/names';
import { type Timers, systemTimers } from '#adapters/system/timers';

/** What `within` answers when the budget ran out before the work did. */
export const CUT_OFF: unique symbol = Symbol('cut off');
export type CutOff = typeof CUT_OFF;

/**
 * Races `work` against `ms` of `timers`' time. The work is not stopped (JavaScript cannot stop a
 * promise): the caller says what an unfinished piece means, and may only cut off work that a later
 * run finds half done without harm (conditional writes, the delivery ledger, the update's claim).
 */
export async function within<T>(work: Promise<T>, ms: number, timers: Timers = systemTimers): Promise<T | CutOff> {
  // No budget (the local runtime): no timer at all (Node would fire one of Infinity ms at once).
  if (!Number.isFinite(ms)) return work;
  const settled = new AbortController();
  const deadline = timers.sleep(Math.max(0, ms), settled.signal).then(
    (): CutOff => CUT_OFF,
    (): CutOff => CUT_OFF,
  );
  try {
    return await Promise.race([work, deadline]);
  } finally {
    settled.abort();
  }
}

/** Where a cut-off is told: the log line says what was cut, the metric is what the alarm watches. */
export interface CutOffWitness {
  logger: Pick<Logger, 'warn'>;
  /** Absent (the local runtime, tests that do not count): the log line alone. */
  metrics?: Pick<Metrics, 'addMetric' | 'publishStoredMetrics'>;
}

/**
 * Logs `<what> cut off` at WARN with `fields` (ids and counts only: no chat id, no citizen's text) and
 * counts one `handler.cutOff`. `publish: false` leaves the metric to the handler's own flush (send-batch).
 */
export function reportCutOff(
  witness: CutOffWitness,
  what: string,
  fields: Record<string, unknown>,
  options: { publish?: boolean } = {},
): void {
  witness.logger.warn(`${what} cut off`, { ...fields, cutOff: true });
  witness.metrics?.addMetric(METRIC.cutOff, 'Count', 1);
  if (options.publish !== false) witness.metrics?.publishStoredMetrics();
}

/** A deadline that started now: how much is left of `budgetMs`, on `timers`' time. */
export function deadlineIn(budgetMs: number, timers: Timers = systemTimers) {
  const at = timers.now() + budgetMs;
  return {
    at,
    remaining: () => Math.max(0, at - timers.now()),
    passed: () => timers.now() >= at,
  };
}
