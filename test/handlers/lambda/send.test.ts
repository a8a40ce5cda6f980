// The send Lambda's entry as Lambda runs it (SQS batches), right after `cdk deploy`: the bot token
// is "" in its secret (or the secret cannot be read yet). The feeds job goes, the Telegram job is parked — acked, counted
// `telegram.parked`, nothing reported failed, so nothing heads for the DLQ — and once the operator
// writes the token a warm container sends with it past the max age, with no redeploy.
import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
// Types only: the module itself is imported once the environment is set.
import type { handler as SendHandler } from '#handlers/lambda/send';
import { METRIC } from '#adapters/metrics/names';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { randomIds } from '#adapters/system/ids';
import { systemClock } from '#adapters/system/clock';
import { createCampaign } from '#core/campaigns/use-cases';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import type { SendJob } from '#core/delivery/ports';
import { demarche } from '../../adapters/dynamodb/fixtures';
import { capturingQueue } from '../../core/delivery/support';
import { type LambdaWorld, SUBSCRIBER_KEY, lambdaContext, startLambdaWorld } from './support';

let w: LambdaWorld;
let handler: typeof SendHandler;
beforeAll(async () => {
  w = await startLambdaWorld({ adminToken: 'a'.repeat(40) });
  ({ handler } = await import('#handlers/lambda/send'));
});
afterAll(() => w.close());

const SLUG = 'plan-velo';
const CHATS = [5001, 5002];

/** A campaign on Telegram and the feeds, dispatched: its jobs as the queue would hand them. */
async function dispatchedJobs(): Promise<SendJob[]> {
  const ctx = { store: w.store, clock: systemClock, ids: randomIds, telegramFormat: telegramCampaignFormat };
  await w.store.demarches.create(demarche({ slug: SLUG }));
  for (const chatId of CHATS) {
    const at = new Date().toISOString();
    await w.store.subscribers.put({
      id: `s-${chatId}`,
      chatId,
      language: 'fr',
      frequency: 'instant',
      status: 'active',
      follows: { demarches: [SLUG], themes: [], territories: [] },
      createdAt: at,
      updatedAt: at,
    });
    w.sim.openChat(chatId);
  }
  await createCampaign(
    ctx,
    { agentId: 'ag1', name: 'Camille' },
    {
      message: { title: 'Le plan vélo avance', text: 'Donnez votre avis.', link: 'https://participer.example/velo' },
      channels: ['telegram', 'feeds'],
      audience: { kind: 'followers', demarches: [SLUG], themes: [], territories: [] },
      sendAt: new Date(w.now() + 60_000).toISOString(),
    },
    { schedule: true },
  );
  w.later(61_000);
  const queue = capturingQueue();
  await dispatchDueCampaigns({ ...ctx, queue });
  return queue.jobs;
}

const batch = (jobs: SendJob[]): SQSEvent => ({
  Records: jobs.map((job) => ({
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: JSON.stringify(job),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(w.now()),
      SenderId: 'dispatch',
      ApproximateFirstReceiveTimestamp: String(w.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-3:123456789012:send.fifo',
    awsRegion: 'eu-west-3',
  })),
});
const metric = (name: string) =>
  w.printed().reduce((n, line) => n + (typeof line[name] === 'number' ? line[name] : 0), 0);

it('parks the Telegram job while the feeds go, then sends with the token the operator writes', async () => {
  const jobs = await dispatchedJobs();
  expect(jobs.map((j) => j.channel).sort()).toEqual(['feeds', 'telegram']);
  // The Telegram secret cannot be read at first (the SDK's 3 attempts fail): parked too, not failed.
  w.sm.failNext(3, { status: 500, type: 'InternalServiceError' });
  const first = await handler(batch(jobs), lambdaContext(60_000));
  // Nothing reported failed: no retry, no dead-letter queue.
  expect(first).toEqual({ batchItemFailures: [] });
  expect(metric('feeds.sent')).toBe(1);
  expect(metric('telegram.parked')).toBe(1);
  expect(metric(METRIC.secretReadFailed)).toBe(1);
  // Read again (the failure was not kept): the token is "" — parked again.
  w.later(1000);
  const telegramJob = jobs.filter((j) => j.channel === 'telegram');
  expect(await handler(batch(telegramJob), lambdaContext(60_000))).toEqual({ batchItemFailures: [] });
  expect(metric('telegram.parked')).toBe(2);
  expect(metric(METRIC.secretReadFailed)).toBe(1);
  for (const chatId of CHATS) expect(w.sim.lastBotMessage(chatId)).toBeUndefined();

  w.sm.put('porte-voix/telegram', { botToken: w.sim.token, webhookSecret: '', subscriberKey: SUBSCRIBER_KEY });
  w.later(301_000);
  // finalize's resume enqueues the parked job again (core/delivery/parked.test.ts); here, handed over as it was.
  expect(await handler(batch(telegramJob), lambdaContext(60_000))).toEqual({ batchItemFailures: [] });
  expect(metric('telegram.sent')).toBe(2);
  for (const chatId of CHATS) expect(w.sim.lastBotMessage(chatId)?.text).toContain('Le plan vélo avance');
  expect(JSON.stringify(w.printed())).not.toContain(w.sim.token);
});
