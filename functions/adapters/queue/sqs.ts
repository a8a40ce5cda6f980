// The send queue on AWS: SQS, written with SendMessageBatch (10 jobs per call, SQS's maximum).
// A batch can half-succeed: the entries SQS refused for its own reasons are sent again, a few times;
// what still fails is thrown, and dispatch reports the campaign for a later resume.
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
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

export function createSqsSendQueue(options: SqsSendQueueOptions): SendQueue {
  const maxAttempts = options.maxAttempts ?? 3;

  const sendBatch = async (jobs: readonly SendJob[]) => {
    let entries: SendMessageBatchRequestEntry[] = jobs.map((job, i) => ({
      Id: `job-${i}`,
      MessageBody: JSON.stringify(job),
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
