// The send consumer inside its Lambda's timeout, on virtual time: past its budget no send starts and
// the job comes back for the rest; a job still running just before the timeout is reported failed
// rather than killed with the whole batch. Both are logged with the job's ids and counted.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { METRIC } from '#adapters/metrics/names';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { createSendHandler } from '#handlers/delivery/send-batch';
import { type CapturedLogs, captureLogs } from '../../support/captured-logs';
import { VirtualTimers } from '../../support/virtual-timers';
import {
  type DeliveryHarness,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from '../../core/delivery/support';

let h: DeliveryHarness;
let logs: CapturedLogs;
beforeEach(async () => {
  logs = captureLogs();
  h = await startDeliveryHarness();
});
afterEach(async () => {
  await h.close();
  logs.restore();
});

const record = (messageId: string, body: string) => ({ messageId, body }) as SQSEvent['Records'][number];

async function oneJob(recipients: number) {
  await h.addSubscribers(recipients, following('budget-demarche'));
  const campaign = await h.scheduleDue({ audience: followersOf('budget-demarche'), channels: ['telegram'] });
  const queue = capturingQueue();
  await dispatchDueCampaigns({ ...h.ctx, queue });
  expect(queue.jobs).toHaveLength(1);
  return { campaign, event: { Records: [record('job-1', JSON.stringify(queue.jobs[0]))] } };
}

/**
 * The handler's deadlines run on their own virtual time, moved only by the test: the harness's time
 * (the sender's, the simulator's) runs ahead whenever no request is in flight, even during store I/O.
 */
let deadlines: VirtualTimers;
const handlerWith = (deps: Partial<Parameters<typeof createSendHandler>[0]>, budgetMs: number) => {
  deadlines = new VirtualTimers(h.timers.now());
  return createSendHandler(
    {
      ...h.sendDeps,
      logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'INFO' }),
      metrics: new Metrics({ namespace: 'PorteVoix', serviceName: 'porte-voix-test' }),
      ...deps,
    },
    { budgetMs, timers: deadlines },
  );
};
const LAMBDA = { getRemainingTimeInMillis: () => 60_000 };

it('starts no send past its budget: the job comes back for the rest, logged and counted as cut off', async () => {
  const { campaign, event } = await oneJob(20);
  const handler = handlerWith({}, 40_000);
  // The budget runs out as the 6th send starts.
  h.beforeSend((n) => void (n === 6 && deadlines.next()));
  const result = await handler(event, LAMBDA);

  expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'job-1' }]);
  const sent = h.sim.stats().sent;
  expect(sent).toBeGreaterThanOrEqual(5);
  expect(sent).toBeLessThan(20);
  const [cut] = logs.withMessage('send job cut off');
  expect(cut).toMatchObject({ messageId: 'job-1', campaignId: campaign.id, channel: 'telegram', stage: 'budget' });
  expect(logs.metric(METRIC.cutOff)).toEqual([expect.objectContaining({ [METRIC.cutOff]: 1, sendJobsRetried: 1 })]);
});

it('answers for the batch before the timeout: a job still running is reported failed, not killed with it', async () => {
  const { campaign, event } = await oneJob(1);
  const handler = handlerWith({}, 40_000);
  // The send is held up before it leaves: the job cannot end in time.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let reached = false;
  h.beforeSend(async () => {
    reached = true;
    await held;
  });
  const started = deadlines.now();
  const answer = handler(event, LAMBDA);
  await vi.waitFor(() => expect(reached && deadlines.sleeping === 2).toBe(true), { interval: 2 });
  deadlines.next(); // 40 s: the budget, no new send
  deadlines.next(); // 58 s: 2 s before the timeout, the batch answers
  const result = await answer;

  expect(deadlines.now() - started).toBe(58_000);
  expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'job-1' }]);
  const [cut] = logs.withMessage('send job cut off');
  expect(cut).toMatchObject({ messageId: 'job-1', campaignId: campaign.id, channel: 'telegram', stage: 'answer' });
  expect(logs.metric(METRIC.cutOff)).toHaveLength(1);
  // The held send goes on (a Lambda would freeze it): it ends, and its retry will find its line.
  release();
  await vi.waitFor(
    () => expect(logs.withMessage('send job done').length + logs.withMessage('send job to retry').length).toBe(1),
    {
      interval: 2,
    },
  );
});

it('lets a job that fits its budget end without a cut-off', async () => {
  const { event } = await oneJob(3);
  const result = await handlerWith({}, 40_000)(event, LAMBDA);
  expect(result.batchItemFailures).toEqual([]);
  expect(h.sim.stats().sent).toBe(3);
  expect(logs.withMessage('send job cut off')).toEqual([]);
  expect(logs.metric(METRIC.cutOff)).toEqual([]);
  // The deadlines' timers went with the batch.
  expect(deadlines.sleeping).toBe(0);
});
