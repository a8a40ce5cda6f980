// The send-queue consumer (SQS on AWS, the in-process queue locally; batches of up to 10 jobs):
// validates each message, processes it, and reports only the failed ones in `batchItemFailures`, so
// one job's retry does not resend the others. A message that is not a send job can never succeed:
// it goes to the dead-letter queue at once with its reason and is acked (see `ReceivedQueue`). Two
// deadlines keep it inside its Lambda's timeout: past its budget no send starts (telegraf calls must
// all be awaited before the handler returns; what is not started is left to the job's retry), and a
// job still running just before the timeout is reported failed rather than killed with its batch;
// both are logged and counted as cut-offs.
import { setMaxListeners } from 'node:events';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type Timers, systemTimers } from '#adapters/system/timers';
import { SendJob, SendJobIncomplete } from '#core/delivery/ports';
import { type SendDeps, type SendJobOptions, processSendJob } from '#core/delivery/send-job';
import { CUT_OFF, reportCutOff, within } from '#handlers/time-budget';

/**
 * What the handler may ask of the queue that handed it the batch, beyond reporting failures: on AWS
 * a SendMessage to the dead-letter queue and ChangeMessageVisibility (adapters/queue/sqs-received.ts),
 * locally the in-process queue itself.
 *
 * Why the handler dead-letters a malformed message itself rather than report it failed until
 * maxReceiveCount: it would be received 5 times for nothing (30 min with a 360 s visibility
 * timeout), and land in the DLQ without its reason, which only the logs would hold. Parked at once
 * with its reason as a message attribute, a person reads both side by side. Without this port (no
 * DLQ URL configured), or if the DLQ refuses, the message is reported failed: SQS's redrive still
 * parks it after maxReceiveCount, and nothing is lost.
 */
export interface ReceivedQueue {
  /** Copies the message to the dead-letter queue with `reason`; the handler then acks it. */
  deadLetter(record: SQSRecord, reason: string): Promise<void>;
  /** A message reported failed comes back no earlier than `at` (a channel said when: X's rate window). */
  retryAt(record: SQSRecord, at: Date): Promise<void>;
}

export interface SendHandlerDeps extends SendDeps {
  logger: Logger;
  /** CloudWatch metrics (embedded metric format): what operators graph and alarm on. */
  metrics?: Metrics;
  queue?: ReceivedQueue;
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
  /** The function's own budget (TIME_BUDGET_MS, 40 s of 60 on AWS): no send starts past it either. */
  budgetMs?: number;
  /**
   * A job still running this long before the timeout is reported failed (it comes back; its lease and
   * its lines make the retry safe), so the handler answers for the jobs that did finish (default 2 s).
   */
  exitMarginMs?: number;
  /** Time for both deadlines (tests pass virtual timers). */
  timers?: Timers;
  job?: Omit<SendJobOptions, 'signal'>;
}

const DEFAULT_SAFETY_MARGIN_MS = 20_000;
const DEFAULT_EXIT_MARGIN_MS = 2_000;

const errorName = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Parses an SQS body into a job, or says why it is not one (it then goes to the DLQ for a person to read). */
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
    const timers = options.timers ?? systemTimers;
    const remaining = context.getRemainingTimeInMillis();
    const batchDone = new AbortController();
    const stopSending = new AbortController();
    const stopAfter = Math.min(
      options.budgetMs ?? Number.POSITIVE_INFINITY,
      remaining - (options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS),
    );
    void timers.sleep(Math.max(0, stopAfter), batchDone.signal).then(
      () => stopSending.abort(new DOMException('time budget spent', 'TimeoutError')),
      () => undefined,
    );
    const signal = stopSending.signal;
    // One signal for the batch's jobs, each of whose sends in flight listens to it (10 jobs × 5 sends).
    setMaxListeners(event.Records.length * 10 + 10, signal);
    const answerWithin = remaining - (options.exitMarginMs ?? DEFAULT_EXIT_MARGIN_MS);
    try {
      const failures = await Promise.all(
        event.Records.map((record) => handleInTime(d, record, { options, signal, timers, answerWithin })),
      );
      const batchItemFailures = failures.filter((id) => id !== undefined).map((itemIdentifier) => ({ itemIdentifier }));
      d.metrics?.addMetric('sendJobsRetried', MetricUnit.Count, batchItemFailures.length);
      d.metrics?.publishStoredMetrics();
      return { batchItemFailures };
    } finally {
      batchDone.abort();
    }
  };
}

interface RecordRun {
  options: SendHandlerOptions;
  /** Aborts when no send may start any more (the budget, or the safety margin before the timeout). */
  signal: AbortSignal;
  timers: Timers;
  /** Ms from the batch's start by which every record must have its answer. */
  answerWithin: number;
}

/**
 * One record, answered in time: a job still running when the batch must answer is reported failed and
 * comes back (its lease is held until it expires or the job ends, so the retry never sends in parallel).
 */
async function handleInTime(d: SendHandlerDeps, record: SQSRecord, run: RecordRun): Promise<string | undefined> {
  const outcome = await within(handleRecord(d, record, run.options, run.signal), run.answerWithin, run.timers);
  if (outcome !== CUT_OFF) return outcome;
  reportCutOff(d, 'send job', { messageId: record.messageId, ...jobIds(record), stage: 'answer' }, { publish: false });
  return record.messageId;
}

/** The job's ids for a log line, read again from the body (a cut-off line names what was cut). */
function jobIds(record: SQSRecord): { campaignId?: string; channel?: string } {
  const job = parseJob(record);
  if ('issues' in job) return {};
  return { campaignId: 'campaignId' in job ? job.campaignId : undefined, channel: job.channel };
}

/** One record: its messageId when it must come back, undefined when done (or parked in the DLQ). */
async function handleRecord(
  d: SendHandlerDeps,
  record: SQSRecord,
  options: SendHandlerOptions,
  signal: AbortSignal,
): Promise<string | undefined> {
  const job = parseJob(record);
  if ('issues' in job) return rejectMalformed(d, record, job.issues);
  try {
    const report = await processSendJob(d, job, { ...options.job, signal });
    d.logger.info('send job done', {
      messageId: record.messageId,
      campaignId: 'campaignId' in job ? job.campaignId : undefined,
      channel: job.channel,
      ...report,
    });
    countJob(d.metrics, job.channel, report);
    return undefined;
  } catch (error) {
    const ids = {
      messageId: record.messageId,
      campaignId: 'campaignId' in job ? job.campaignId : undefined,
      channel: job.channel,
    };
    d.logger.warn('send job to retry', { ...ids, error: errorName(error) });
    // Left unfinished because the time was up (not a 429 or an outage): what was cut is counted.
    if (error instanceof SendJobIncomplete && signal.aborted)
      reportCutOff(d, 'send job', { ...ids, stage: 'budget' }, { publish: false });
    // A channel that said when to come back (X's rate window) is believed, rather than the queue's fixed delay.
    if (error instanceof SendJobIncomplete && error.retryAt && d.queue)
      await d.queue.retryAt(record, new Date(error.retryAt)).catch(() => undefined);
    return record.messageId;
  }
}

/** Not a send job: to the DLQ with its reason, acked, so it never comes back nor holds the batch. */
async function rejectMalformed(d: SendHandlerDeps, record: SQSRecord, issues: string) {
  const reason = `pas une tâche d’envoi : ${issues}`;
  d.logger.error('send job rejected: not a SendJob', { messageId: record.messageId, issues });
  d.metrics?.addMetric('sendJobsRejected', MetricUnit.Count, 1);
  if (!d.queue) return record.messageId;
  try {
    await d.queue.deadLetter(record, reason.slice(0, 1000));
    return undefined;
  } catch (error) {
    d.logger.error('dead-letter queue refused the message', {
      messageId: record.messageId,
      error: errorName(error),
    });
    return record.messageId;
  }
}
