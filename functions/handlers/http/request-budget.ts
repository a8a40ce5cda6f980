// An HTTP request's time budget (TIME_BUDGET_MS: the admin API's 25 s of its 29 s, the feeds' 8 s of
// 10): a request that outlives it is answered 503 by us, in French, logged with its method and path
// and counted, rather than cut by Lambda's timeout (or API Gateway's 30 s) into a bare error with no
// line saying which request it was. Its work is abandoned, not undone: every write is a conditional
// put or update, so the agent's retry finds what was done and does the rest.
import type { MiddlewareHandler } from 'hono';
import { type Timers, systemTimers } from '#adapters/system/timers';
import { CUT_OFF, type CutOffWitness, reportCutOff, within } from '#handlers/time-budget';
import type { ErrorBody } from './errors';

export interface RequestBudgetOptions {
  /** Absent (the local runtime): no budget. */
  budgetMs?: number;
  /** Time for the budget (tests pass virtual timers). */
  timers?: Timers;
}

/** The answer to a request cut off: a 503, so the agent (or the console's poll) may simply try again. */
export const REQUEST_CUT_OFF: ErrorBody = {
  error: {
    code: 'Timeout',
    message: 'la requête a pris trop de temps et a été interrompue ; réessayez dans un instant',
    violations: [{ field: '', rule: 'time_budget', message: 'la requête a dépassé le temps imparti' }],
  },
};

export function requestBudget(witness: CutOffWitness, options: RequestBudgetOptions): MiddlewareHandler {
  const { budgetMs } = options;
  return async (c, next) => {
    if (budgetMs === undefined) return next();
    if ((await within(next(), budgetMs, options.timers ?? systemTimers)) !== CUT_OFF) return;
    // The path names démarches, campaigns and agents by id, never a citizen; the query string is left out.
    reportCutOff(witness, 'http request', { method: c.req.method, path: c.req.path, budgetMs });
    return c.json(REQUEST_CUT_OFF, 503);
  };
}
