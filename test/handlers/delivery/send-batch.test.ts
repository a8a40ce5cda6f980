// The send-queue consumer as SQS drives it: a batch of records, one malformed; the good jobs are
// sent, only the bad record is reported back for retry (then the DLQ), and the counts go out as
// CloudWatch metrics in the embedded metric format.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { createSendHandler } from '#handlers/delivery/send-batch';
import {
  type DeliveryHarness,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from '../../core/delivery/support';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

const record = (messageId: string, body: string) => ({ messageId, body }) as SQSEvent['Records'][number];

it('sends the valid jobs, reports only the malformed record, and publishes the counts as metrics', async () => {
  const subscribers = await h.addSubscribers(3, following('batch-demarche'));
  await h.scheduleDue({ audience: followersOf('batch-demarche') });
  const queue = capturingQueue();
  await dispatchDueCampaigns({ ...h.ctx, queue });
  expect(queue.jobs.length).toBeGreaterThan(0);

  const emitted: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    emitted.push(String(chunk));
    return true;
  });
  try {
    const handler = createSendHandler({
      ...h.sendDeps,
      logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'PorteVoixTest', serviceName: 'test' }),
    });
    const event = {
      Records: [
        ...queue.jobs.map((job, i) => record(`ok-${i}`, JSON.stringify(job))),
        record('bad', '{"channel":"pigeon"}'),
      ],
    };
    const result = await handler(event, { getRemainingTimeInMillis: () => 60_000 });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
  } finally {
    write.mockRestore();
  }
  for (const s of subscribers) expect(h.botMessages(s.chatId)).toHaveLength(1);
  const emf = emitted
    .map((line) => line.trim())
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line));
  expect(emf).toHaveLength(1);
  expect(emf[0]['telegram.sent']).toBe(3);
  expect(emf[0].sendJobsRetried).toBe(1);
  expect(emf[0]._aws.CloudWatchMetrics[0].Namespace).toBe('PorteVoixTest');
});
