// The send queue on AWS: SQS, written with SendMessageBatch (10 jobs per call, SQS's maximum).
// A batch can half-succeed: the entries SQS refused for its own reasons are sent again, a few times;
// what still fails is thrown, and dispatch reports the campaign for a later resume.
// The stack's queue is FIFO (docs/aws.md, "One Telegram budget"): every Telegram job shares one
// message group, so Lambda hands them to one invocation at a time and the sender paces at the bot's
// whole ceiling; X and feeds jobs have a group per campaign and run beside it.
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import type { SendJob, SendQueue } from '#core/delivery/ports';

export interface SqsSendQueueOptions {
  client: SQSClient;
  queueUrl: string;
  /** Calls per batch for entries SQS failed on its side (default 3). */
  maxAttempts?: number;
}

/** Jobs SQS would not take: dispatch stops enqueueing that campaign, and finalize resumes it later. */
export class EnqueueFailed extends Error {
  override name = 'EnqueueFailed';
  constructor(
    message: string,
    readonly failed: number,
  ) {
    super(message);
  }
}

const SQS_BATCH_MAX = 10;

/**
 * The FIFO message group of a job: one for all of Telegram, digests included (one consumer, one
 * budget), one per campaign otherwise.
 */
export const messageGroupOf = (job: SendJob) =>
  job.channel === 'telegram' || job.channel === 'digests' ? 'telegram' : `${job.channel}-${job.campaignId}`;

/**
 * A FIFO entry's fields. The deduplication id is the entry's own, never derived from its body: a
 * resume enqueues the very same job again within SQS's 5-minute deduplication window, and it must not
 * be dropped. It is drawn once per entry, so the entries this adapter sends again are deduplicated.
 */
const fifoFields = (job: SendJob) => ({ MessageGroupId: messageGroupOf(job), MessageDeduplicationId: randomUUID() });

export function createSqsSendQueue(options: SqsSendQueueOptions): SendQueue {
  const maxAttempts = options.maxAttempts ?? 3;
  const fifo = options.queueUrl.endsWith('.fifo');

  const sendBatch = async (jobs: readonly SendJob[]) => {
    let entries: SendMessageBatchRequestEntry[] = jobs.map((job, i) => ({
      Id: `job-${i}`,
      MessageBody: JSON.stringify(job),
      ...(fifo ? fifoFields(job) : {}),
    }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const out = await options.client.send(
        new SendMessageBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }),
      );
      const failed = out.Failed ?? [];
      if (failed.length === 0) return;
      // SenderFault: the message itself is wrong (too big, bad attribute); sending it again cannot help.
      const ours = failed.find((f) => f.SenderFault);
      if (ours || attempt >= maxAttempts)
        throw new EnqueueFailed(
          `SQS a refusé ${failed.length} tâche(s) d’envoi : ${(ours ?? failed[0])?.Code ?? 'raison inconnue'}`,
          failed.length,
        );
      const retry = new Set(failed.map((f) => f.Id));
      entries = entries.filter((e) => retry.has(e.Id));
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  };

  return {
    async enqueue(jobs) {
      for (let start = 0; start < jobs.length; start += SQS_BATCH_MAX)
        await sendBatch(jobs.slice(start, start + SQS_BATCH_MAX));
    },
  };
}

/** Wait before a failed job's next try: 10 s, then doubled at each receive, at most 5 minutes. */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(300, 10 * 2 ** Math.max(0, receiveCount - 1));
}

export interface PromptRetriesOptions {
  client: SQSClient;
  queueUrl: string;
  /** Where a failed visibility change is reported: the job then waits the queue's own visibility timeout. */
  onError?: (error: unknown) => void;
}

/**
 * Wraps the send handler so that a failed job comes back after `retryDelaySeconds` instead of the
 * queue's visibility timeout (6 × the function's timeout). On the FIFO queue a failed message holds
 * its whole group: a Telegram job put off by a 429 would otherwise stall every Telegram job for six
 * minutes, where Telegram asked for seconds.
 */
export function withPromptRetries<C>(
  handler: (event: { Records: SQSRecord[] }, context: C) => Promise<SQSBatchResponse>,
  options: PromptRetriesOptions,
) {
  return async (event: { Records: SQSRecord[] }, context: C): Promise<SQSBatchResponse> => {
    const response = await handler(event, context);
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    const records = event.Records.filter((r) => failed.has(r.messageId));
    for (let start = 0; start < records.length; start += SQS_BATCH_MAX) {
      const entries = records.slice(start, start + SQS_BATCH_MAX).map((r, i) => ({
        Id: `retry-${start + i}`,
        ReceiptHandle: r.receiptHandle,
        VisibilityTimeout: retryDelaySeconds(Number(r.attributes.ApproximateReceiveCount) || 1),
      }));
      try {
        await options.client.send(
          new ChangeMessageVisibilityBatchCommand({ QueueUrl: options.queueUrl, Entries: entries }),
        );
      } catch (error) {
        options.onError?.(error);
      }
    }
    return response;
  };
}
