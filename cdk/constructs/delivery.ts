// The delivery pipeline: each scheduled campaign's alarm (campaign-alarms.ts) and, as a safety net,
// a one-minute tick run dispatch, which claims due campaigns and enqueues send jobs; the send function
// drains the queue into Telegram, X and the feeds. Failed jobs retry through the queue, then land in
// a dead-letter queue. The queue is FIFO and every Telegram job shares one message group: one
// invocation sends to Telegram at a time, so the bot's one budget holds (docs/aws.md).
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CampaignAlarms } from './campaign-alarms';
import { PorteVoixFunction } from './lambda-function';
import type { Storage } from './storage';

export interface DeliveryProps {
  readonly storage: Storage;
  readonly telegramSecret: secretsmanager.ISecret;
  readonly xSecret: secretsmanager.ISecret;
  /** Environment every function gets (TABLE_NAME, PUBLIC_URL, LOG_LEVEL, Powertools…). */
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
}

export const SEND_TIMEOUT = Duration.seconds(60);
/**
 * No send starts past 40 s: the last 20 s let the sends in flight end (the sender's request timeout is
 * 15 s) and their lines be written; a job still running 2 s before the timeout is reported failed,
 * logged and counted, and comes back (handlers/delivery/send-batch.ts).
 */
const SEND_BUDGET = Duration.seconds(40);
/**
 * Receives before a job is parked in the DLQ. A failed job comes back after 10 s, 20 s, 40 s… at most
 * 5 min (adapters/queue/sqs.ts `retryDelaySeconds`): ten receives ride out about 25 minutes of 429
 * storm or outage before a person looks.
 */
export const SEND_MAX_RECEIVE_COUNT = 10;
/**
 * Concurrent send invocations, at most. On the FIFO queue Lambda runs one batch per message group at a
 * time, and every Telegram job is in one group: whatever this says, one invocation sends to Telegram.
 * The second slot (2 is the least SQS accepts) lets an X or feeds job run beside it.
 */
export const SEND_MAX_CONCURRENCY = 2;
/** Telegram's ceiling per bot (paid broadcast: 1,000/s, the sender's own); the one Telegram consumer paces at all of it. */
export const TELEGRAM_BOT_PER_SECOND = 30;
/** Dispatch's timeout: an alarm may come up to two minutes early (Scheduler's minute precision) and wait for its campaign. */
const DISPATCH_TIMEOUT = Duration.minutes(3);
/** Past it no step starts, and a step still running is cut off and logged: the next minute's tick carries on. */
const DISPATCH_BUDGET = Duration.seconds(150);

export class Delivery extends Construct {
  readonly sendQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dispatch: PorteVoixFunction;
  readonly send: PorteVoixFunction;
  readonly schedule: scheduler.Schedule;
  readonly alarms: CampaignAlarms;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'SendDeadLetterQueue', {
      // A FIFO queue's dead letters must go to a FIFO queue.
      fifo: true,
      // The longest SQS allows: time to read, fix and redrive before a job is gone.
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    this.sendQueue = new sqs.Queue(this, 'SendQueue', {
      // One message group for Telegram: one consumer, one budget. Each message carries its own
      // deduplication id (a resume enqueues the same job again within the 5-minute window).
      fifo: true,
      contentBasedDeduplication: false,
      // AWS's advice for Lambda consumers: 6× the function timeout, so a job being sent is
      // not handed to a second invocation while the first is still working on it.
      visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SEND_MAX_RECEIVE_COUNT },
    });

    // A fixed name, so that the function's own environment can name it as its alarms' target
    // (its ARN attribute would make the function depend on itself).
    const dispatchName = `${Stack.of(this).stackName}-Dispatch`;
    this.dispatch = new PorteVoixFunction(this, 'Dispatch', {
      environment: { ...props.environment, SEND_QUEUE_URL: this.sendQueue.queueUrl },
      logRetention: props.logRetention,
      entry: 'functions/handlers/lambda/dispatch.ts',
      description: "At a campaign's alarm, and every minute: claims due campaigns and enqueues their send jobs",
      memorySize: 512,
      timeout: DISPATCH_TIMEOUT,
      budget: DISPATCH_BUDGET,
      functionName: dispatchName,
    });
    // Claims campaigns with conditional updates, so overlapping ticks cannot dispatch one twice.
    // Also finalizes (ledger tallies, counters), sends digests (claimed with updates; an erased subscriber's deleted)
    // and writes the announcements and restitutions it schedules.
    props.storage.grant(this.dispatch, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']);
    this.sendQueue.grantSendMessages(this.dispatch.role);

    // Our own role for the tick (rather than the stack-wide one CDK would share between every
    // schedule): it may invoke the dispatch function and nothing else.
    const tickRole = new iam.Role(this, 'DispatchTickRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Porte-voix: lets EventBridge Scheduler invoke the dispatch function (minute tick, campaign alarms)',
    });
    const dispatchId = Stack.of(this).getLogicalId(this.dispatch.function.node.defaultChild as lambda.CfnFunction);
    Validations.of(tickRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${dispatchId}.Arn>:*]`,
      reason:
        'CDK grants invoke on the dispatch function and its versions/aliases ("<arn>:*"): one function, no other resource.',
    });
    this.schedule = new scheduler.Schedule(this, 'DispatchTick', {
      description: 'Porte-voix: run dispatch every minute',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      target: new schedulerTargets.LambdaInvoke(this.dispatch.function, {
        // A missed tick is caught up by the next one: retries would only stack invocations.
        role: tickRole,
        retryAttempts: 0,
        maxEventAge: Duration.minutes(1),
      }),
    });

    this.alarms = new CampaignAlarms(this, 'CampaignAlarms', {
      schedulerRole: tickRole,
      dispatchArn: Stack.of(this).formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: dispatchName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    });
    // Dispatch sets alarms too: the announcements and restitutions its tick schedules.
    this.alarms.allow(this.dispatch);

    this.send = new PorteVoixFunction(this, 'Send', {
      // SEND_QUEUE_URL: failed jobs' visibility is shortened to their backoff (adapters/queue/sqs.ts).
      environment: { ...props.environment, SEND_QUEUE_URL: this.sendQueue.queueUrl },
      logRetention: props.logRetention,
      entry: 'functions/handlers/lambda/send.ts',
      description: 'SQS consumer: sends jobs to Telegram, X and the feeds',
      memorySize: 512,
      timeout: SEND_TIMEOUT,
      budget: SEND_BUDGET,
    });
    this.send.function.addEnvironment('TELEGRAM_SECRET_ARN', props.telegramSecret.secretArn);
    this.send.function.addEnvironment('X_SECRET_ARN', props.xSecret.secretArn);
    // A malformed message is parked in the dead-letter queue by the handler, with its reason (send-batch.ts).
    this.send.function.addEnvironment('SEND_DEAD_LETTER_QUEUE_URL', this.deadLetterQueue.queueUrl);
    this.deadLetterQueue.grantSendMessages(this.send.role);
    // One invocation at a time sends to Telegram (one message group): it paces at the bot's whole ceiling.
    this.send.function.addEnvironment('TELEGRAM_MAX_PER_SECOND', String(TELEGRAM_BOT_PER_SECOND));
    // Writes the delivery ledger (one conditional put per campaign × channel × recipient) and job leases
    // (put, released by a delete); reads a job's 25 recipients and their lines with one BatchGetItem each;
    // counters, consent and digests by UpdateItem.
    props.storage.grant(this.send, ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']);
    props.telegramSecret.grantRead(this.send.role);
    props.xSecret.grantRead(this.send.role);
    // The event source grants receive / delete / change-visibility on this queue only.
    this.send.function.addEventSource(
      new SqsEventSource(this.sendQueue, {
        batchSize: 10,
        // One failed recipient must not resend the other nine: the handler returns
        // batchItemFailures and only those go back to the queue.
        reportBatchItemFailures: true,
        maxConcurrency: SEND_MAX_CONCURRENCY,
        // FIFO queues take no batching window: a batch leaves as soon as it is read.
      }),
    );
  }
}
