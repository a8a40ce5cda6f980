// The send Lambda's dead-letter and retry-later calls against a stand-in of SQS's JSON API at the
// HTTP boundary (a node:http server recording each request): the malformed message reaches the DLQ
// with its reason as an attribute, a retry-later becomes ChangeMessageVisibility on its receipt handle.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSqsReceivedQueue, queueUrlOf } from '#adapters/queue/sqs-received';

let server: Server;
let url: string;
const calls: { target: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body = JSON.parse(raw) as Record<string, unknown>;
    calls.push({ target: String(req.headers['x-amz-target']), body });
    const answer =
      typeof body.MessageBody === 'string'
        ? { MessageId: 'dlq-1', MD5OfMessageBody: createHash('md5').update(body.MessageBody).digest('hex') }
        : {};
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const record = {
  messageId: 'm-1',
  receiptHandle: 'rh-1',
  body: 'pas du JSON',
  attributes: { ApproximateReceiveCount: '1' },
  eventSourceARN: 'arn:aws:sqs:eu-west-3:123456789012:porte-voix-send',
} as SQSRecord;

it('copies a message to the DLQ with its reason, and delays a retry with ChangeMessageVisibility', async () => {
  const client = new SQSClient({
    endpoint: url,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const queue = createSqsReceivedQueue({
    client,
    deadLetterQueueUrl: `${url}/123456789012/porte-voix-dlq`,
    sendQueueUrl: `${url}/123456789012/porte-voix-send`,
    now: () => Date.parse('2026-03-02T08:00:00.000Z'),
  });
  await queue.deadLetter(record, 'pas une tâche d’envoi : corps JSON illisible');
  await queue.retryAt(record, new Date('2026-03-02T08:15:00.500Z'));
  expect(calls).toEqual([
    {
      target: 'AmazonSQS.SendMessage',
      body: {
        QueueUrl: `${url}/123456789012/porte-voix-dlq`,
        MessageBody: 'pas du JSON',
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: 'pas une tâche d’envoi : corps JSON illisible' },
          sourceMessageId: { DataType: 'String', StringValue: 'm-1' },
          receiveCount: { DataType: 'Number', StringValue: '1' },
        },
      },
    },
    {
      target: 'AmazonSQS.ChangeMessageVisibility',
      body: { QueueUrl: `${url}/123456789012/porte-voix-send`, ReceiptHandle: 'rh-1', VisibilityTimeout: 901 },
    },
  ]);
  await expect(createSqsReceivedQueue({ client }).deadLetter(record, 'x')).rejects.toThrow(
    'SEND_DEAD_LETTER_QUEUE_URL',
  );
  expect(queueUrlOf(record.eventSourceARN)).toBe('https://sqs.eu-west-3.amazonaws.com/123456789012/porte-voix-send');
});

it('gives a FIFO dead-letter queue the group and deduplication id it requires', async () => {
  calls.length = 0;
  const client = new SQSClient({
    endpoint: url,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const queue = createSqsReceivedQueue({ client, deadLetterQueueUrl: `${url}/123456789012/porte-voix-dlq.fifo` });
  await queue.deadLetter(record, 'pas une tâche d’envoi');
  expect(calls).toMatchObject([
    {
      target: 'AmazonSQS.SendMessage',
      body: { MessageGroupId: 'malformed', MessageDeduplicationId: 'm-1', MessageBody: 'pas du JSON' },
    },
  ]);
});
