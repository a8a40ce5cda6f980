// An HTTP request's time budget, on virtual time: a request that outlives it is answered 503 in French,
// logged with its method and path (never its query string) and counted; one that fits passes
// untouched; without a budget (the local runtime) nothing is timed.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Hono } from 'hono';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { METRIC } from '#adapters/metrics/names';
import { REQUEST_CUT_OFF, requestBudget } from '#handlers/http/request-budget';
import { type CapturedLogs, captureLogs } from '../../support/captured-logs';
import { VirtualTimers } from '../../support/virtual-timers';

let logs: CapturedLogs;
let timers: VirtualTimers;
let release = () => {};
beforeEach(() => {
  logs = captureLogs();
  timers = new VirtualTimers();
});
afterEach(() => {
  release();
  logs.restore();
});

function appWith(budgetMs: number | undefined) {
  const witness = {
    logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'INFO' }),
    metrics: new Metrics({ namespace: 'PorteVoix', serviceName: 'porte-voix-test' }),
  };
  const held = new Promise<void>((resolve) => (release = resolve));
  const app = new Hono();
  app.use(requestBudget(witness, { budgetMs, timers }));
  // An export that waits on the store longer than the budget; another that answers at once.
  app.get('/api/v1/campaigns/:id/export', async (c) => {
    await held;
    return c.json({ ok: true });
  });
  app.get('/api/v1/campaigns/:id', (c) => c.json({ id: c.req.param('id') }));
  return app;
}

it('answers 503 in French when the request outlives its budget, logged with its method and path, counted', async () => {
  const app = appWith(25_000);
  const answer = app.request('/api/v1/campaigns/c1/export?format=csv&q=texte');
  await vi.waitFor(() => expect(timers.sleeping).toBe(1), { interval: 2 });
  timers.next();
  const res = await answer;

  expect(res.status).toBe(503);
  expect(await res.json()).toEqual(REQUEST_CUT_OFF);
  expect(REQUEST_CUT_OFF.error.message).toMatch(/réessayez/);
  expect(logs.withMessage('http request cut off')).toEqual([
    expect.objectContaining({ method: 'GET', path: '/api/v1/campaigns/c1/export', budgetMs: 25_000, cutOff: true }),
  ]);
  expect(logs.lines.join('\n')).not.toContain('texte');
  expect(logs.metric(METRIC.cutOff)).toHaveLength(1);
});

it('lets a request that fits its budget through, and leaves no timer behind', async () => {
  const res = await appWith(25_000).request('/api/v1/campaigns/c2');
  expect(await res.json()).toEqual({ id: 'c2' });
  expect(timers.sleeping).toBe(0);
  expect(logs.withMessage('http request cut off')).toEqual([]);
});

it('times nothing without a budget (the local runtime)', async () => {
  const app = appWith(undefined);
  const answer = app.request('/api/v1/campaigns/c3/export');
  expect(timers.sleeping).toBe(0);
  release();
  expect((await answer).status).toBe(200);
});
