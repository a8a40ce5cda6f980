// A stand-in of Amazon SQS at the HTTP boundary (no AWS account here): a node:http server speaking the
// service's JSON protocol (`X-Amz-Target: AmazonSQS.<Operation>`) for what Porte-voix and Lambda's SQS
// event source call — SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch),
// ChangeMessageVisibility(Batch), GetQueueAttributes — with the FIFO rules that shape our delivery
// (one message group in flight at a time, in order; deduplication ids over 5 minutes), visibility
// timeouts, receive counts and the redrive to a dead-letter queue after maxReceiveCount. Time is the
// test's `clock` (visibility, delays, deduplication), so a test moves it instead of waiting. Queues are found by the last segment of
// the QueueUrl, so URLs may keep AWS's own host (https://sqs.<region>.amazonaws.com/<account>/<name>).
import { createHash, randomUUID } from 'node:crypto';
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-3';
/** SQS FIFO deduplication window. */
const DEDUPLICATION_MS = 5 * 60_000;

export interface QueueSpec {
  name: string;
  /** Seconds a received message stays invisible (the queue's VisibilityTimeout; SQS's default 30). */
  visibilityTimeoutS?: number;
  /** The dead-letter queue's ARN and after how many receives a message goes there. */
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  contentBasedDeduplication?: boolean;
}

export interface StoredMessage {
  messageId: string;
  body: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Invisible until then (ms since the epoch); 0: visible. */
  invisibleUntil: number;
  receiptHandle?: string;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: Record<string, string>;
  MessageAttributes?: StoredMessage['messageAttributes'];
}

interface Queue extends QueueSpec {
  fifo: boolean;
  arn: string;
  url: string;
  messages: StoredMessage[];
  deduplication: Map<string, { messageId: string; until: number }>;
  sequence: bigint;
}

export interface SqsStandIn {
  readonly url: string;
  /** Creates a queue (a `.fifo` name makes it FIFO); returns its URL and ARN as CloudFormation would. */
  createQueue(spec: QueueSpec): { url: string; arn: string };
  /** Receives as Lambda's event source does, in-process (same rules as the ReceiveMessage API). */
  receive(queueUrlOrName: string, max: number): ReceivedMessage[];
  /** Deletes by receipt handle; false when the handle is stale (the message was received again since). */
  delete(queueUrlOrName: string, receiptHandle: string): boolean;
  /** Every message still in the queue, visible or not. */
  messages(queueUrlOrName: string): readonly StoredMessage[];
  /** Every request: its operation and the queue it named. */
  readonly requests: { operation: string; queue: string | undefined }[];
  close(): Promise<void>;
}

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const nameOf = (urlOrName: string) => urlOrName.split('/').at(-1) ?? urlOrName;

export async function startSqs(options: { clock: () => number }): Promise<SqsStandIn> {
  const now = options.clock;
  const queues = new Map<string, Queue>();
  const requests: SqsStandIn['requests'] = [];

  const queue = (urlOrName: string | undefined): Queue => {
    const found = urlOrName === undefined ? undefined : queues.get(nameOf(urlOrName));
    if (!found) throw new SqsError('AWS.SimpleQueueService.NonExistentQueue', `no queue ${urlOrName}`);
    return found;
  };
  const byArn = (arn: string) => [...queues.values()].find((q) => q.arn === arn);

  function send(q: Queue, entry: SendEntry): { MessageId: string; MD5OfMessageBody: string; SequenceNumber?: string } {
    if (q.fifo && !entry.MessageGroupId) throw new SqsError('MissingParameter', 'MessageGroupId is required on FIFO');
    const deduplicationId =
      entry.MessageDeduplicationId ?? (q.contentBasedDeduplication ? md5(entry.MessageBody) : undefined);
    if (q.fifo && !deduplicationId)
      throw new SqsError(
        'InvalidParameterValue',
        'MessageDeduplicationId is required (no content-based deduplication)',
      );
    const seen = deduplicationId ? q.deduplication.get(deduplicationId) : undefined;
    if (seen && seen.until > now()) return { MessageId: seen.messageId, MD5OfMessageBody: md5(entry.MessageBody) };
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: entry.MessageBody,
      groupId: entry.MessageGroupId,
      deduplicationId,
      sequenceNumber: q.fifo ? String((q.sequence += 1n)).padStart(20, '1') : undefined,
      messageAttributes: entry.MessageAttributes,
      sentAt: now(),
      receiveCount: 0,
      invisibleUntil: now() + (entry.DelaySeconds ?? 0) * 1000,
    };
    q.messages.push(message);
    if (deduplicationId)
      q.deduplication.set(deduplicationId, { messageId: message.messageId, until: now() + DEDUPLICATION_MS });
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: md5(entry.MessageBody),
      ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}),
    };
  }

  function receive(q: Queue, max: number, visibilityTimeoutS?: number): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    // FIFO: a group with a message in flight gives nothing until that message is deleted or visible again.
    const blocked = new Set(
      q.messages.filter((m) => m.receiveCount > 0 && m.invisibleUntil > now()).map((m) => m.groupId),
    );
    for (const m of [...q.messages]) {
      if (out.length >= max) break;
      if (m.invisibleUntil > now() || (q.fifo && blocked.has(m.groupId))) {
        if (q.fifo) blocked.add(m.groupId);
        continue;
      }
      if (q.redrive && m.receiveCount >= q.redrive.maxReceiveCount) {
        moveToDeadLetter(q, m);
        continue;
      }
      m.receiveCount += 1;
      m.firstReceivedAt ??= now();
      m.invisibleUntil = now() + (visibilityTimeoutS ?? q.visibilityTimeoutS ?? 30) * 1000;
      m.receiptHandle = randomUUID();
      out.push(view(m));
    }
    return out;
  }

  function moveToDeadLetter(q: Queue, m: StoredMessage) {
    const target = q.redrive && byArn(q.redrive.deadLetterTargetArn);
    if (!target) throw new SqsError('AWS.SimpleQueueService.NonExistentQueue', 'dead-letter queue missing');
    q.messages.splice(q.messages.indexOf(m), 1);
    target.messages.push({ ...m, invisibleUntil: 0, receiptHandle: undefined });
  }

  const view = (m: StoredMessage): ReceivedMessage => ({
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle!,
    MD5OfBody: md5(m.body),
    Body: m.body,
    Attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'AIDASTANDIN',
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
      ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
      ...(m.deduplicationId ? { MessageDeduplicationId: m.deduplicationId } : {}),
      ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}),
    },
    ...(m.messageAttributes ? { MessageAttributes: m.messageAttributes } : {}),
  });

  const byHandle = (q: Queue, handle: string | undefined) => {
    const m = q.messages.find((x) => x.receiptHandle !== undefined && x.receiptHandle === handle);
    if (!m) throw new SqsError('ReceiptHandleIsInvalid', 'stale or unknown receipt handle');
    return m;
  };
  const remove = (q: Queue, handle: string | undefined) => {
    q.messages.splice(q.messages.indexOf(byHandle(q, handle)), 1);
  };
  const changeVisibility = (q: Queue, handle: string | undefined, seconds: number) => {
    byHandle(q, handle).invisibleUntil = now() + seconds * 1000;
  };

  /** Runs each entry of a batch call, answering SQS's Successful / Failed lists. */
  const batch = <E extends { Id: string }>(entries: E[], run: (e: E) => object) => {
    const Successful: object[] = [];
    const Failed: object[] = [];
    for (const entry of entries) {
      try {
        Successful.push({ Id: entry.Id, ...run(entry) });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        Failed.push({ Id: entry.Id, Code: error.type, Message: error.message, SenderFault: true });
      }
    }
    return { Successful, Failed };
  };

  const operations: Record<string, (body: any) => object> = {
    SendMessage: (b) => send(queue(b.QueueUrl), b),
    SendMessageBatch: (b) => batch<SendEntry & { Id: string }>(b.Entries, (e) => send(queue(b.QueueUrl), e)),
    ReceiveMessage: (b) => ({ Messages: receive(queue(b.QueueUrl), b.MaxNumberOfMessages ?? 1, b.VisibilityTimeout) }),
    DeleteMessage: (b) => (remove(queue(b.QueueUrl), b.ReceiptHandle), {}),
    DeleteMessageBatch: (b) =>
      batch<{ Id: string; ReceiptHandle: string }>(b.Entries, (e) => (remove(queue(b.QueueUrl), e.ReceiptHandle), {})),
    ChangeMessageVisibility: (b) => (changeVisibility(queue(b.QueueUrl), b.ReceiptHandle, b.VisibilityTimeout), {}),
    ChangeMessageVisibilityBatch: (b) =>
      batch<{ Id: string; ReceiptHandle: string; VisibilityTimeout: number }>(b.Entries, (e) => {
        changeVisibility(queue(b.QueueUrl), e.ReceiptHandle, e.VisibilityTimeout);
        return {};
      }),
    GetQueueAttributes: (b) => {
      const q = queue(b.QueueUrl);
      return {
        Attributes: {
          QueueArn: q.arn,
          ApproximateNumberOfMessages: String(q.messages.filter((m) => m.invisibleUntil <= now()).length),
          ApproximateNumberOfMessagesNotVisible: String(q.messages.filter((m) => m.invisibleUntil > now()).length),
        },
      };
    },
  };

  const answer = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      ...(type ? { 'x-amzn-query-error': `${type};Sender` } : {}),
    });
    res.end(JSON.stringify(type ? { __type: `com.amazonaws.sqs#${type}`, message: (body as Error).message } : body));
  };

  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
    const body = (raw ? JSON.parse(raw) : {}) as { QueueUrl?: string };
    requests.push({ operation, queue: body.QueueUrl && nameOf(body.QueueUrl) });
    const run = operations[operation];
    if (!run) return answer(res, 400, new Error(`stand-in: no ${operation}`), 'InvalidAction');
    try {
      answer(res, 200, run(body));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      answer(res, error.status, error, error.type);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    createQueue(spec) {
      const created: Queue = {
        ...spec,
        fifo: spec.name.endsWith('.fifo'),
        arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${spec.name}`,
        url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${spec.name}`,
        messages: [],
        deduplication: new Map(),
        sequence: 0n,
      };
      queues.set(spec.name, created);
      return { url: created.url, arn: created.arn };
    },
    receive: (q, max) => receive(queue(q), max),
    delete(q, handle) {
      try {
        remove(queue(q), handle);
        return true;
      } catch (error) {
        if (error instanceof SqsError && error.type === 'ReceiptHandleIsInvalid') return false;
        throw error;
      }
    },
    messages: (q) => queue(q).messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface SendEntry {
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  MessageAttributes?: StoredMessage['messageAttributes'];
  DelaySeconds?: number;
}
