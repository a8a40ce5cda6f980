// Lambda's SQS event source mapping, as the template configures it (BatchSize, ReportBatchItemFailures):
// receives from the queue stand-in, hands the batch to the function as an SQS event with the FIFO
// attributes, then deletes what succeeded (all of it, or all but the batchItemFailures). It polls only
// when a test drains it, so each step of a test says when the queue is read. The event source calls
// SQS with the function's role: its receives and deletes are recorded as the function's calls.
import type { AwsCall } from './aws-endpoint';
import type { BundledFunction, InvokeOutcome } from './lambda';
import type { SqsStandIn } from '../../support/aws/sqs';
import { REGION } from './template';

export interface EventSourceSpec {
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
}

export class SqsEventSource {
  constructor(
    private readonly sqs: SqsStandIn,
    private readonly fn: BundledFunction,
    readonly spec: EventSourceSpec,
    private readonly calls: AwsCall[],
  ) {}

  /** Invokes the function until the queue has no visible message left; returns each invocation's outcome. */
  async drain(options: { maxBatches?: number } = {}): Promise<InvokeOutcome[]> {
    const outcomes: InvokeOutcome[] = [];
    for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
      this.calls.push({ action: 'sqs:ReceiveMessage', resource: this.spec.queueUrl });
      const messages = this.sqs.receive(this.spec.queueUrl, this.spec.batchSize);
      if (messages.length === 0) break;
      const outcome = await this.fn.invoke({
        Records: messages.map((m) => ({
          messageId: m.MessageId,
          receiptHandle: m.ReceiptHandle,
          body: m.Body,
          attributes: m.Attributes,
          messageAttributes: Object.fromEntries(
            Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
              k,
              { stringValue: v.StringValue, stringListValues: [], binaryListValues: [], dataType: v.DataType },
            ]),
          ),
          md5OfBody: m.MD5OfBody,
          eventSource: 'aws:sqs',
          eventSourceARN: this.spec.queueArn,
          awsRegion: REGION,
        })),
      });
      outcomes.push(outcome);
      // A failed invocation deletes nothing; with ReportBatchItemFailures, only the failures stay.
      if (outcome.error) continue;
      const failed = new Set<string>(
        this.spec.reportBatchItemFailures
          ? ((outcome.result?.batchItemFailures ?? []) as { itemIdentifier: string }[]).map((f) => f.itemIdentifier)
          : [],
      );
      for (const m of messages.filter((x) => !failed.has(x.MessageId))) {
        this.calls.push({ action: 'sqs:DeleteMessage', resource: this.spec.queueUrl });
        this.sqs.delete(this.spec.queueUrl, m.ReceiptHandle);
      }
    }
    return outcomes;
  }
}
