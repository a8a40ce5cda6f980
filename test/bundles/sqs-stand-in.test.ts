// The SQS stand-in the bundle suite delivers through, held to the rules our delivery relies on, with
// the SDK's own client: a FIFO group gives nothing while one of its messages is in flight, others go
// on; a message received maxReceiveCount times goes to the dead-letter queue; a deduplication id is
// honoured for 5 minutes; a stale receipt handle is refused. Time is the test's clock.
import {
  ChangeMessageVisibilityCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { type SqsStandIn, startSqs } from '../support/aws/sqs';

// The SDK warns once per process that Node 20 support ends in 2027: true, but noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const clock = fixedClock('2026-12-02T08:00:00.000Z');
let sqs: SqsStandIn;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqs({ clock: () => clock.now().getTime() });
  client = new SQSClient({
    endpoint: sqs.url,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  client.destroy();
  await sqs.close();
});

const fifo = (name: string, maxReceiveCount = 3) => {
  const dlq = sqs.createQueue({ name: `${name}-dlq.fifo` });
  const queue = sqs.createQueue({
    name: `${name}.fifo`,
    visibilityTimeoutS: 60,
    redrive: { deadLetterTargetArn: dlq.arn, maxReceiveCount },
  });
  return { queue: queue.url, dlq: dlq.url };
};
const send = (queue: string, entries: { group: string; body: string; dedup?: string }[]) =>
  client.send(
    new SendMessageBatchCommand({
      QueueUrl: queue,
      Entries: entries.map((e, i) => ({
        Id: String(i),
        MessageBody: e.body,
        MessageGroupId: e.group,
        MessageDeduplicationId: e.dedup ?? `${e.group}-${e.body}`,
      })),
    }),
  );
const receive = async (queue: string, max = 10) =>
  (await client.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: max }))).Messages ?? [];

describe('SQS stand-in (FIFO)', () => {
  it('holds a group while one of its messages is in flight; another group goes on; in order', async () => {
    const { queue } = fifo('groups');
    await send(queue, [
      { group: 'telegram', body: 't1' },
      { group: 'telegram', body: 't2' },
      { group: 'x-c1', body: 'x1' },
    ]);
    expect((await receive(queue, 1)).map((m) => m.Body)).toEqual(['t1']);
    expect((await receive(queue)).map((m) => m.Body)).toEqual(['x1']);
    clock.advance(61_000);
    const again = await receive(queue);
    expect(again.map((m) => m.Body)).toEqual(['t1', 't2', 'x1']);
    expect(again[0]!.Attributes).toMatchObject({ ApproximateReceiveCount: '2', MessageGroupId: 'telegram' });
  });

  it('moves a message received maxReceiveCount times to the dead-letter queue', async () => {
    const { queue, dlq } = fifo('redrive', 2);
    await send(queue, [{ group: 'g', body: 'poison' }]);
    for (let i = 0; i < 2; i++) {
      const [m] = await receive(queue);
      await client.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: queue, ReceiptHandle: m!.ReceiptHandle, VisibilityTimeout: 0 }),
      );
    }
    expect(await receive(queue)).toEqual([]);
    expect(sqs.messages(dlq).map((m) => m.body)).toEqual(['poison']);
  });

  it('drops a message whose deduplication id it saw within 5 minutes, and refuses a stale receipt handle', async () => {
    const { queue } = fifo('dedup');
    await send(queue, [{ group: 'g', body: 'a', dedup: 'same' }]);
    await send(queue, [{ group: 'g', body: 'b', dedup: 'same' }]);
    expect(sqs.messages(queue)).toHaveLength(1);
    const [first] = await receive(queue);
    clock.advance(61_000);
    await receive(queue);
    expect(sqs.delete(queue, first!.ReceiptHandle!)).toBe(false);
    clock.advance(5 * 60_000);
    await send(queue, [{ group: 'g', body: 'c', dedup: 'same' }]);
    expect(sqs.messages(queue)).toHaveLength(2);
  });
});
