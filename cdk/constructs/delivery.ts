// The delivery pipeline: a one-minute tick runs dispatch, which finds due campaigns in the sparse
// "due" index (gsi2) and enqueues send jobs; the send function drains the queue into Telegram,
// X and the feeds. Failed jobs retry through the queue, then land in a dead-letter queue.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
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

const SEND_TIMEOUT = Duration.seconds(60);
/** Receives before a job is parked in the DLQ: enough to ride out a 429 storm or a brief outage. */
export const SEND_MAX_RECEIVE_COUNT = 5;
/**
 * Concurrent send invocations. Telegram's ~30 messages/s ceiling is per bot, not per invocation:
 * more pollers would only share the same budget and collect 429s, so the fewest SQS accepts (2);
 * the send handler paces itself knowing that two of it may run at once.
 */
export const SEND_MAX_CONCURRENCY = 2;

export class Delivery extends Construct {
  readonly sendQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dispatch: PorteVoixFunction;
  readonly send: PorteVoixFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'SendDeadLetterQueue', {
      // The longest SQS allows: time to read, fix and redrive before a job is gone.
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    this.sendQueue = new sqs.Queue(this, 'SendQueue', {
      // AWS's advice for Lambda consumers: 6× the function timeout, so a job being sent is
      // not handed to a second invocation while the first is still working on it.
      visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SEND_MAX_RECEIVE_COUNT },
    });

    this.dispatch = new PorteVoixFunction(this, 'Dispatch', {
      environment: { ...props.environment, SEND_QUEUE_URL: this.sendQueue.queueUrl },
      logRetention: props.logRetention,
      entry: 'functions/handlers/lambda/dispatch.ts',
      description: 'Every minute: claims due campaigns (gsi2) and enqueues their send jobs',
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    // Claims campaigns with conditional updates, so overlapping ticks cannot dispatch one twice.
    props.storage.grantReadWrite(this.dispatch);
    this.sendQueue.grantSendMessages(this.dispatch.role);

    // Our own role for the tick (rather than the stack-wide one CDK would share between every
    // schedule): it may invoke the dispatch function and nothing else.
    const tickRole = new iam.Role(this, 'DispatchTickRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Porte-voix: lets EventBridge Scheduler invoke the dispatch function',
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

    this.send = new PorteVoixFunction(this, 'Send', {
      environment: props.environment,
      logRetention: props.logRetention,
      entry: 'functions/handlers/lambda/send.ts',
      description: 'SQS consumer: sends jobs to Telegram, X and the feeds',
      memorySize: 512,
      timeout: SEND_TIMEOUT,
    });
    this.send.function.addEnvironment('TELEGRAM_SECRET_ARN', props.telegramSecret.secretArn);
    this.send.function.addEnvironment('X_SECRET_ARN', props.xSecret.secretArn);
    // Each of the concurrent send invocations paces itself at its share of the bot's ceiling.
    this.send.function.addEnvironment('TELEGRAM_MAX_PER_SECOND', String(Math.floor(30 / SEND_MAX_CONCURRENCY)));
    // Writes the delivery ledger (one conditional put per campaign × channel × recipient).
    props.storage.grantReadWrite(this.send);
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
      }),
    );
  }
}
