// The dispatch Lambda inside its timeout, on virtual time: a tick whose step outlives the budget is cut
// off, logged with that step and those left out, counted, and the campaign is carried on by what the
// step had begun; a campaign's alarm still waiting when the budget ends is cut off the same way.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { METRIC } from '#adapters/metrics/names';
import type { SendJob, SendQueue } from '#core/delivery/ports';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { type CapturedLogs, captureLogs } from '../../support/captured-logs';
import { VirtualTimers } from '../../support/virtual-timers';
import { type DeliveryHarness, followersOf, following, startDeliveryHarness } from '../../core/delivery/support';

let h: DeliveryHarness;
let logs: CapturedLogs;
let deadlines: VirtualTimers;
beforeEach(async () => {
  logs = captureLogs();
  h = await startDeliveryHarness();
  deadlines = new VirtualTimers(h.clock.now().getTime());
});
afterEach(async () => {
  await h.close();
  logs.restore();
});

/** The send queue, held shut until the test opens it: the dispatch step stays in its enqueue. */
function heldQueue() {
  const jobs: SendJob[] = [];
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  let waiting = 0;
  const queue: SendQueue = {
    async enqueue(more) {
      waiting++;
      await opened;
      jobs.push(...more);
    },
  };
  return { queue, jobs, open, waiting: () => waiting };
}

/** Waits for the work a cut-off left running to write its last (the campaign's enqueued round). */
const enqueued = (campaignId: string) =>
  vi.waitFor(async () => expect((await h.store.campaigns.get(campaignId))?.enqueuedRound).toBe(0), { interval: 5 });

const tickWith = (queue: SendQueue, budgetMs: number, sleep?: (ms: number) => Promise<void>) =>
  createDispatchHandler(
    {
      ...h.ctx,
      queue,
      publicUrl: 'https://participer.example',
      logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'INFO' }),
      metrics: new Metrics({ namespace: 'PorteVoix', serviceName: 'porte-voix-test' }),
    },
    { budgetMs, timers: deadlines, sleep },
  );

it('cuts off the step that outlives the budget, runs none after it, and says which', async () => {
  await h.addSubscribers(3, following('tick-demarche'));
  const campaign = await h.scheduleDue({ audience: followersOf('tick-demarche'), channels: ['telegram'] });
  const held = heldQueue();
  const answer = tickWith(held.queue, 150_000)();
  await vi.waitFor(() => expect(held.waiting() > 0 && deadlines.sleeping === 1).toBe(true), { interval: 2 });
  const started = deadlines.now();
  deadlines.next();

  expect(await answer).toMatchObject({ cutOff: 'dispatch' });
  expect(deadlines.now() - started).toBe(150_000);
  expect(logs.withMessage('delivery tick cut off')).toEqual([
    expect.objectContaining({
      step: 'dispatch',
      skipped: ['finalize', 'restitutions', 'announcements', 'digests'],
      budgetMs: 150_000,
      cutOff: true,
    }),
  ]);
  expect(logs.metric(METRIC.cutOff)).toHaveLength(1);
  // The claim stands and the enqueue it began goes through: nothing was lost by the cut.
  expect((await h.store.campaigns.get(campaign.id))?.status).toBe('sending');
  held.open();
  await enqueued(campaign.id);
  expect(held.jobs.length).toBeGreaterThan(0);
});

it('cuts off an alarm still waiting for its campaign when the budget ends: the minute’s tick takes it', async () => {
  await h.addSubscribers(2, following('alarm-demarche'));
  const campaign = await h.scheduleDue({ audience: followersOf('alarm-demarche'), channels: ['telegram'] });
  // The alarm comes two minutes early; this budget (a minute) is shorter than the wait.
  h.clock.advance(Date.parse(campaign.sendAt) - 120_000 - h.clock.now().getTime());
  const held = heldQueue();
  held.open();
  const sleep = async (ms: number) => {
    await deadlines.sleep(ms);
    h.clock.advance(ms);
  };
  const answer = tickWith(held.queue, 60_000, sleep)({ campaignId: campaign.id });
  await vi.waitFor(() => expect(deadlines.sleeping).toBe(2), { interval: 2 });
  deadlines.next();

  expect(await answer).toEqual({ dispatched: 0, expired: 0, cutOff: true });
  expect(logs.withMessage('campaign alarm cut off')).toEqual([
    expect.objectContaining({ campaignId: campaign.id, budgetMs: 60_000, cutOff: true }),
  ]);
  expect(logs.metric(METRIC.cutOff)).toHaveLength(1);
  // Lambda would freeze the wait; here it ends and dispatches, as the next tick would have.
  deadlines.next();
  await enqueued(campaign.id);
  expect(held.jobs.length).toBeGreaterThan(0);
});

it('runs every step of a tick that fits its budget, with no cut-off', async () => {
  const held = heldQueue();
  held.open();
  const report = await tickWith(held.queue, 150_000)();
  expect(report).not.toHaveProperty('cutOff');
  expect(logs.withMessage('delivery tick cut off')).toEqual([]);
  expect(deadlines.sleeping).toBe(0);
});
