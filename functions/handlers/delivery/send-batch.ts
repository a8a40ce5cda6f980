// The send-queue consumer (SQS on AWS, batches of up to 10 jobs): validates each message, processes
// it, and reports only the failed ones in `batchItemFailures`, so one job's retry does not resend
// the others. It stops claiming recipients shortly before its timeout: telegraf calls must all be
// awaited before the handler returns, and what is not started is left to the job's retry.
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { SendJob } from '#core/delivery/ports';
import { type SendDeps, type SendJobOptions, processSendJob } from '#core/delivery/send-job';

export interface SendHandlerDeps extends SendDeps {
  logger: Logger;
  /** CloudWatch metrics (embedded metric format): what operators graph and alarm on. */
  metrics?: Metrics;
}

/** Every count of a job's report, as a metric named after it, per channel (e.g. `telegram.sent`). */
function countJob(metrics: Metrics | undefined, channel: string, report: object) {
  if (!metrics) return;
  for (const [name, value] of Object.entries(report))
    if (typeof value === 'number' && value > 0) metrics.addMetric(`${channel}.${name}`, MetricUnit.Count, value);
}

export interface SendHandlerOptions {
  /**
   * Kept free before the timeout so the sends in flight finish and their outcomes are written: more
   * than the sender's request timeout (default 20 s, for the sender's 15 s).
   */
  safetyMarginMs?: number;
  job?: Omit<SendJobOptions, 'signal'>;
}

const errorName = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Parses an SQS body into a job, or says why it is not one (it then goes back, and on to the DLQ for a person to read). */
function parseJob(record: SQSRecord): SendJob | { issues: string } {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return { issues: 'corps JSON illisible' };
  }
  const parsed = SendJob.safeParse(body);
  return parsed.success
    ? parsed.data
    : { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export function createSendHandler(
  deps: SendHandlerDeps | (() => Promise<SendHandlerDeps>),
  options: SendHandlerOptions = {},
) {
  let ready: Promise<SendHandlerDeps> | undefined;
  return async (event: SQSEvent, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SQSBatchResponse> => {
    ready ??= Promise.resolve(typeof deps === 'function' ? deps() : deps);
    const d = await ready;
    const signal = AbortSignal.timeout(
      Math.max(0, context.getRemainingTimeInMillis() - (options.safetyMarginMs ?? 20_000)),
    );
    const failures = await Promise.all(
      event.Records.map(async (record) => {
        const job = parseJob(record);
        if ('issues' in job) {
          d.logger.error('send job rejected: not a SendJob', { messageId: record.messageId, issues: job.issues });
          return record.messageId;
        }
        try {
          const report = await processSendJob(d, job, { ...options.job, signal });
          d.logger.info('send job done', {
            messageId: record.messageId,
            campaignId: job.campaignId,
            channel: job.channel,
            ...report,
          });
          countJob(d.metrics, job.channel, report);
          return undefined;
        } catch (error) {
          d.logger.warn('send job to retry', {
            messageId: record.messageId,
            campaignId: job.campaignId,
            channel: job.channel,
            error: errorName(error),
          });
          return record.messageId;
        }
      }),
    );
    const batchItemFailures = failures.filter((id) => id !== undefined).map((itemIdentifier) => ({ itemIdentifier }));
    d.metrics?.addMetric('sendJobsRetried', MetricUnit.Count, batchItemFailures.length);
    d.metrics?.publishStoredMetrics();
    return { batchItemFailures };
  };
}
