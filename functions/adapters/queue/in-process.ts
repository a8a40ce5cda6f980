// The local runtime's queue, with SQS's semantics so the send handler cannot tell them apart: it
// hands the consumer SQS-shaped events (records with a messageId and a JSON body, batches of up to
// 10), reads `batchItemFailures` as a Lambda event source with ReportBatchItemFailures does (only the
// records named come back; a throw returns the whole batch), a message received `maxReceives` times
// goes to the dead letters, and at most `concurrency` batches run at once. The consumer may also park
// a message in the dead letters itself, with its reason, and say when a failed one should come back
// (SQS: a SendMessage to the DLQ, ChangeMessageVisibility). It lives in memory: a restart loses
// queued jobs, which the resume of stalled campaigns (core/delivery/finalize.ts) enqueues again.
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type Timers, systemTimers } from '#adapters/system/timers';

export interface InProcessQueueOptions {
  /** The consumer (the send Lambda's own handler): one batch in, the failed records out. */
  handle(event: SQSEvent): Promise<SQSBatchResponse | void>;
  /** Records per batch, at most 10 as SQS's Lambda event source (default 10). */
  batchSize?: number;
  /** Batches handled at once (default 2: the send function's maximum concurrency on AWS). */
  concurrency?: number;
  /** Receives before a message is dead-lettered, as SQS's maxReceiveCount (default 5). */
  maxReceives?: number;
  /** Wait before a failed message comes back (SQS: the visibility timeout). Default 1 s, doubling, at most 30 s. */
  retryDelayMs?: (receives: number) => number;
  /** Every failed receive (a record reported failed, or the whole batch on a throw), for logs. */
  onError?(record: SQSRecord, receives: number, error?: unknown): void;
  /** Retry delays are spent on this time (tests pass virtual timers). */
  timers?: Timers;
}

export interface DeadLetter {
  messageId: string;
  /** The message as it was sent: what a person reads, fixes and redrives. */
  body: string;
  receives: number;
  /** Why it is here: the consumer's reason, or that it failed every receive. */
  reason: string;
  at: Date;
}

export interface InProcessQueue<J> {
  enqueue(jobs: readonly J[]): Promise<void>;
  /** Sends a raw body, as anything with the queue's URL could (tests: a malformed message). */
  sendRaw(body: string): void;
  /** Messages that failed every receive or that the consumer parked, oldest first (a DLQ to read and redrive by hand). */
  readonly deadLetters: readonly DeadLetter[];
  /** Parks a received message in the dead letters with its reason (the consumer then acks it). */
  deadLetter(record: Pick<SQSRecord, 'messageId' | 'body' | 'attributes'>, reason: string): Promise<void>;
  /** A failed message comes back no earlier than `at` (SQS: ChangeMessageVisibility on its receipt handle). */
  retryAt(record: Pick<SQSRecord, 'receiptHandle'>, at: Date): Promise<void>;
  /** Resolves once nothing is queued, running or waiting for a retry. */
  idle(): Promise<void>;
  /** Stops handing out batches, drops the messages waiting, and resolves once running handlers have finished. */
  stop(): Promise<void>;
  stats(): { queued: number; running: number; delayed: number; handled: number; failedReceives: number };
}

/** SQS's Lambda event source hands at most 10 records per batch. */
const SQS_BATCH_MAX = 10;
/** Longest wait honoured from `retryAt` (X's 15-minute window, for instance). */
const MAX_RETRY_DELAY_MS = 15 * 60_000;

const defaultRetryDelay = (receives: number) => Math.min(30_000, 1000 * 2 ** (receives - 1));

interface Message {
  messageId: string;
  body: string;
  receives: number;
  sentAt: number;
  /** Set by `retryAt` during the current receive; a receipt handle is valid for one receive only. */
  receiptHandle?: string;
  visibleAt?: number;
}

/** The record SQS's event source would build for `message` (the fields our handlers and Powertools read). */
function toRecord(message: Message, receiptHandle: string, now: number): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receives),
      SentTimestamp: String(message.sentAt),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(now),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:porte-voix-send',
    awsRegion: 'local',
  };
}

export function createInProcessQueue<J>(options: InProcessQueueOptions): InProcessQueue<J> {
  const batchSize = Math.min(SQS_BATCH_MAX, Math.max(1, options.batchSize ?? SQS_BATCH_MAX));
  const concurrency = options.concurrency ?? 2;
  const maxReceives = options.maxReceives ?? 5;
  const timers = options.timers ?? systemTimers;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const ready: Message[] = [];
  /** Messages being handled, by receipt handle (for `retryAt` and `deadLetter`). */
  const inFlight = new Map<string, Message>();
  /** One abort per message waiting out its retry delay: stop() drops them. */
  const delayed = new Set<AbortController>();
  const deadLetters: DeadLetter[] = [];
  const parked = new Set<string>();
  let running = 0;
  let handled = 0;
  let failedReceives = 0;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => ready.length === 0 && running === 0 && (delayed.size === 0 || stopped);
  const settle = () => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const send = (body: string) => ready.push({ messageId: randomUUID(), body, receives: 0, sentAt: timers.now() });

  /** A failed receive: back after the visibility delay, or to the dead letters after the last one. */
  const fail = (message: Message, record: SQSRecord, error?: unknown) => {
    failedReceives++;
    options.onError?.(record, message.receives, error);
    if (message.receives >= maxReceives) {
      deadLetters.push({
        messageId: message.messageId,
        body: message.body,
        receives: message.receives,
        reason: `échec à chacune des ${message.receives} réceptions`,
        at: new Date(timers.now()),
      });
      return;
    }
    if (stopped) return;
    const asked = message.visibleAt === undefined ? undefined : message.visibleAt - timers.now();
    const delay = asked === undefined ? retryDelay(message.receives) : Math.min(MAX_RETRY_DELAY_MS, Math.max(0, asked));
    const wait = new AbortController();
    delayed.add(wait);
    timers.sleep(delay, wait.signal).then(
      () => {
        delayed.delete(wait);
        if (stopped) return; // woke as stop() ran: dropped like the others
        ready.push(message);
        pump();
      },
      () => undefined, // dropped by stop()
    );
  };

  const run = (batch: Message[]) => {
    running++;
    const records = batch.map((message) => {
      message.receives++;
      message.visibleAt = undefined;
      message.receiptHandle = randomUUID();
      inFlight.set(message.receiptHandle, message);
      return toRecord(message, message.receiptHandle, timers.now());
    });
    Promise.resolve()
      .then(() => options.handle({ Records: records }))
      .then(
        (response) => {
          const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          batch.forEach((message, i) => {
            if (failed.has(message.messageId) && !parked.has(message.messageId)) fail(message, records[i]!);
            else handled++;
          });
        },
        // A throw: SQS hands the whole batch back.
        (error: unknown) =>
          batch.forEach((message, i) =>
            parked.has(message.messageId) ? handled++ : fail(message, records[i]!, error),
          ),
      )
      .finally(() => {
        for (const message of batch) {
          inFlight.delete(message.receiptHandle!);
          parked.delete(message.messageId);
        }
        running--;
        pump();
      });
  };

  const pump = () => {
    while (!stopped && running < concurrency && ready.length > 0) run(ready.splice(0, batchSize));
    settle();
  };

  return {
    deadLetters,
    enqueue(jobs) {
      if (stopped) return Promise.reject(new Error('la file d’envoi est arrêtée'));
      // Serialised as SQS would: the handler gets a copy, never the caller's object.
      for (const job of jobs) send(JSON.stringify(job));
      pump();
      return Promise.resolve();
    },
    sendRaw(body) {
      send(body);
      pump();
    },
    deadLetter(record, reason) {
      parked.add(record.messageId);
      deadLetters.push({
        messageId: record.messageId,
        body: record.body,
        receives: Number(record.attributes.ApproximateReceiveCount),
        reason,
        at: new Date(timers.now()),
      });
      return Promise.resolve();
    },
    retryAt(record, at) {
      const message = inFlight.get(record.receiptHandle);
      if (message) message.visibleAt = at.getTime();
      return Promise.resolve();
    },
    idle: () => (isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async stop() {
      stopped = true;
      for (const wait of delayed) wait.abort();
      delayed.clear();
      ready.length = 0;
      settle();
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    stats: () => ({ queued: ready.length, running, delayed: delayed.size, handled, failedReceives }),
  };
}
