// The SQS send queue against a recorded-response stub of SQS's JSON API at the HTTP boundary (no AWS
// account here): batches of 10, entries SQS failed on its side sent again, sender faults thrown.
import { createHash } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnqueueFailed, createSqsSendQueue, retryDelaySeconds, withPromptRetries } from '#adapters/queue/sqs';
import type { SQSRecord } from 'aws-lambda';
import type { SendJob } from '#core/delivery/ports';

interface Entry {
  Id: string;
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  ReceiptHandle?: string;
  VisibilityTimeout?: number;
}
interface Call {
  target: string | undefined;
  entries: Entry[];
}

let server: Server;
let url: string;
const calls: Call[] = [];
/** Decides, per call, which entries SQS fails and how. */
let fail: (entry: Entry, call: number) => { Code: string; SenderFault: boolean } | undefined = () => undefined;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body = JSON.parse(raw) as { Entries: Entry[] };
    calls.push({ target: req.headers['x-amz-target'] as string | undefined, entries: body.Entries });
    const Successful: unknown[] = [];
    const Failed: unknown[] = [];
    for (const entry of body.Entries) {
      const failure = fail(entry, calls.length);
      if (failure) Failed.push({ Id: entry.Id, Message: 'stub', ...failure });
      else
        Successful.push({
          Id: entry.Id,
          MessageId: `m-${calls.length}-${entry.Id}`,
          MD5OfMessageBody: createHash('md5')
            .update(entry.MessageBody ?? '')
            .digest('hex'),
        });
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ Successful, Failed }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.length = 0;
  fail = () => undefined;
});

const client = () =>
  new SQSClient({
    endpoint: url,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
const queue = (name = 'porte-voix-send') =>
  createSqsSendQueue({ client: client(), queueUrl: `${url}/123456789012/${name}` });
const jobs = (count: number): SendJob[] =>
  Array.from({ length: count }, (_, i) => ({ channel: 'telegram', campaignId: 'c1', recipients: [`sub${i}`] }));

describe('SQS send queue', () => {
  it('sends jobs as JSON bodies, ten per SendMessageBatch', async () => {
    await queue().enqueue(jobs(23));
    expect(calls.map((c) => c.entries.length)).toEqual([10, 10, 3]);
    expect(calls[0]!.target).toBe('AmazonSQS.SendMessageBatch');
    expect(JSON.parse(calls[2]!.entries[2]!.MessageBody)).toEqual({
      channel: 'telegram',
      campaignId: 'c1',
      recipients: ['sub22'],
    });
  });

  it('sends again only the entries SQS failed on its side', async () => {
    fail = (entry, call) =>
      call === 1 && entry.Id === 'job-3' ? { Code: 'InternalError', SenderFault: false } : undefined;
    await queue().enqueue(jobs(5));
    expect(calls.map((c) => c.entries.map((e) => e.Id))).toEqual([
      ['job-0', 'job-1', 'job-2', 'job-3', 'job-4'],
      ['job-3'],
    ]);
  });

  it('throws when SQS blames the message, or keeps failing', async () => {
    fail = (entry) => (entry.Id === 'job-1' ? { Code: 'InvalidMessageContents', SenderFault: true } : undefined);
    await expect(queue().enqueue(jobs(2))).rejects.toBeInstanceOf(EnqueueFailed);
    expect(calls).toHaveLength(1);

    calls.length = 0;
    fail = () => ({ Code: 'ServiceUnavailable', SenderFault: false });
    await expect(queue().enqueue(jobs(1))).rejects.toMatchObject({ name: 'EnqueueFailed', failed: 1 });
    expect(calls).toHaveLength(3);
  });
});

describe('SQS FIFO send queue (the stack’s: one Telegram budget)', () => {
  const fifo = () => queue('porte-voix-send.fifo');

  it('puts every Telegram job in one message group, X and feeds in a group per campaign', async () => {
    await fifo().enqueue([
      { channel: 'x', campaignId: 'c1' },
      { channel: 'feeds', campaignId: 'c1' },
      ...jobs(2),
      { channel: 'telegram', campaignId: 'c2', recipients: ['sub9'] },
    ]);
    expect(calls[0]!.entries.map((e) => e.MessageGroupId)).toEqual([
      'x-c1',
      'feeds-c1',
      'telegram',
      'telegram',
      'telegram',
    ]);
  });

  it('gives each entry its own deduplication id, so a resume’s same job is not dropped; an entry sent again keeps its id', async () => {
    fail = (entry, call) =>
      call === 1 && entry.Id === 'job-1' ? { Code: 'InternalError', SenderFault: false } : undefined;
    const q = fifo();
    await q.enqueue(jobs(2));
    await q.enqueue(jobs(2)); // a resume: the same jobs again
    const ids = calls.flatMap((c) => c.entries.map((e) => e.MessageDeduplicationId));
    expect(ids[2]).toBe(ids[1]); // job-1 sent again after SQS failed it on its side
    expect(new Set(ids).size).toBe(4);
  });

  it('leaves a standard queue’s entries without group or deduplication id', async () => {
    await queue().enqueue(jobs(1));
    expect(calls[0]!.entries[0]).not.toHaveProperty('MessageGroupId');
  });
});

describe('prompt retries of failed jobs', () => {
  const record = (messageId: string, receiveCount: number) =>
    ({
      messageId,
      receiptHandle: `handle-${messageId}`,
      body: '{}',
      attributes: { ApproximateReceiveCount: String(receiveCount) },
    }) as unknown as SQSRecord;

  it('back off from 10 s, doubled at each receive, at most 5 minutes', () => {
    expect([1, 2, 3, 5, 6, 10].map(retryDelaySeconds)).toEqual([10, 20, 40, 160, 300, 300]);
  });

  it('bring a failed job back after its backoff, not after the queue’s visibility timeout', async () => {
    const handler = withPromptRetries(
      () => Promise.resolve({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }] }),
      { client: client(), queueUrl: `${url}/123456789012/porte-voix-send.fifo` },
    );
    const response = await handler({ Records: [record('m1', 1), record('m2', 1), record('m3', 3)] }, {});
    expect(response.batchItemFailures).toHaveLength(2);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.target).toBe('AmazonSQS.ChangeMessageVisibilityBatch');
    expect(calls[0]!.entries.map((e) => [e.ReceiptHandle, e.VisibilityTimeout])).toEqual([
      ['handle-m2', 10],
      ['handle-m3', 40],
    ]);
  });

  it('changes nothing when every job succeeded', async () => {
    const handler = withPromptRetries(() => Promise.resolve({ batchItemFailures: [] }), {
      client: client(),
      queueUrl: `${url}/q.fifo`,
    });
    await handler({ Records: [record('m1', 1)] }, {});
    expect(calls).toEqual([]);
  });
});
