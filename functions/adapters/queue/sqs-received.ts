// The send Lambda's side of SQS beyond `batchItemFailures` (handlers/delivery/send-batch.ts
// ReceivedQueue): a message that is not a send job is copied to the dead-letter queue with its reason
// as a message attribute (the handler then acks it), and a job a channel asked to retry later (X's
// rate window) is made invisible until then with ChangeMessageVisibility on its receipt handle.
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

/** SQS's longest visibility timeout: 12 hours. */
const MAX_VISIBILITY_S = 12 * 60 * 60;
/** SQS message attribute values are at most 256 KB; a reason is a line, cut well before. */
const REASON_MAX = 1000;

export interface SqsReceivedQueueOptions {
  client: SQSClient;
  /** The dead-letter queue (SEND_DEAD_LETTER_QUEUE_URL); without it, `deadLetter` refuses and the handler reports the message failed. */
  deadLetterQueueUrl?: string;
  /** The send queue; default: built from the record's ARN (arn:aws:sqs:<region>:<account>:<name>). */
  sendQueueUrl?: string;
  now?: () => number;
}

export const queueUrlOf = (arn: string) => {
  const [, , , region, account, name] = arn.split(':');
  return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
};

export function createSqsReceivedQueue(options: SqsReceivedQueueOptions) {
  const now = options.now ?? Date.now;
  return {
    async deadLetter(record: SQSRecord, reason: string) {
      if (!options.deadLetterQueueUrl) throw new Error('configuration: SEND_DEAD_LETTER_QUEUE_URL is not set');
      await options.client.send(
        new SendMessageCommand({
          QueueUrl: options.deadLetterQueueUrl,
          MessageBody: record.body,
          // The stack's dead-letter queue is FIFO, as its send queue (docs/aws.md « One Telegram budget »).
          ...(options.deadLetterQueueUrl.endsWith('.fifo')
            ? { MessageGroupId: 'malformed', MessageDeduplicationId: record.messageId }
            : {}),
          MessageAttributes: {
            reason: { DataType: 'String', StringValue: reason.slice(0, REASON_MAX) },
            sourceMessageId: { DataType: 'String', StringValue: record.messageId },
            receiveCount: { DataType: 'Number', StringValue: record.attributes.ApproximateReceiveCount },
          },
        }),
      );
    },
    async retryAt(record: SQSRecord, at: Date) {
      const seconds = Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil((at.getTime() - now()) / 1000)));
      await options.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: options.sendQueueUrl ?? queueUrlOf(record.eventSourceARN),
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
  };
}
