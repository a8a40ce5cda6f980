// CloudWatch alarms on what loses or delays a citizen's message, published to one SNS topic. Each
// description ends with its runbook (docs/runbooks.md#<alarm>): what it means, what to check, what to do.
import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, channelMetric } from '#adapters/metrics/names';
import { FIVE_MINUTES, appMetric, runbookAnchor } from './app-metrics';
import { SEND_MAX_RECEIVE_COUNT } from './delivery';
import type { PorteVoixFunction } from './lambda-function';

export interface AlarmsProps {
  /** Every function, by a short name used in alarm names. */
  readonly functions: Record<string, PorteVoixFunction>;
  readonly telegramWebhook: PorteVoixFunction;
  readonly dispatch: PorteVoixFunction;
  readonly httpApi: apigw.IHttpApi;
  readonly sendQueue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** The functions watched, by the short names in alarm names: the dashboard graphs the same. */
  readonly functions: Record<string, PorteVoixFunction>;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.functions = props.functions;

    // A customer-managed key, because CloudWatch cannot publish to a topic encrypted with the
    // AWS-managed alias/aws/sns key (its policy cannot be edited to let CloudWatch in).
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Porte-voix: encrypts the alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Porte-voix alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const notify = new actions.SnsAction(this.topic);

    const add = (name: string, props: cloudwatch.AlarmProps): void => {
      // Named after the stack so the e-mail subject says which deployment and what broke.
      const alarm = new cloudwatch.Alarm(this, name, {
        ...props,
        alarmName: `${Stack.of(this).stackName}-${name}`,
        alarmDescription: `${props.alarmDescription} Runbook: ${runbookAnchor(name)}`,
      });
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      this.alarms.push(alarm);
    };

    // A job in the DLQ is a message that did not reach someone after every attempt: never normal.
    add('DeadLetterQueueNotEmpty', {
      alarmDescription: `Send jobs failed ${SEND_MAX_RECEIVE_COUNT} times and are parked in the dead-letter queue.`,
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The queue drains at the Telegram ceiling; a job this old means sending has stalled.
    add('SendBacklogStalled', {
      alarmDescription: 'The oldest send job waits for more than 15 minutes: sending is stalled or far behind.',
      metric: props.sendQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      threshold: Duration.minutes(15).toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, {
        alarmDescription: `The ${name} function failed (uncaught error, timeout or crash).`,
        metric: fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // The tick itself can stop (schedule disabled, role broken): silence here means no campaign
    // leaves, so missing data is an alarm too.
    add('DispatchNotTicking', {
      alarmDescription: 'Dispatch did not run for 5 minutes: scheduled campaigns are not being sent.',
      metric: props.dispatch.function.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    // Throttled webhook calls are updates Telegram will retry later: citizens see a slow bot.
    add('TelegramWebhookThrottles', {
      alarmDescription: 'Telegram webhook invocations were throttled (account concurrency exhausted).',
      metric: props.telegramWebhook.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // A button press should answer in well under a second; 3 s at p99 for 15 minutes is a trend.
    add('TelegramWebhookSlow', {
      alarmDescription: 'Telegram webhook p99 duration above 3 s for 15 minutes.',
      metric: props.telegramWebhook.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
      threshold: Duration.seconds(3).toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // A send retried after an unknown outcome may have reached the citizen twice: rare, worth a look.
    add('PossibleDuplicateSends', {
      alarmDescription:
        'Telegram sends were repeated after an unknown outcome (timeout, crash in flight): possible duplicates.',
      metric: appMetric(channelMetric('telegram', 'uncertain')),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    add('TelegramSendsFailing', {
      alarmDescription: 'At least 10 Telegram sends failed for good in 5 minutes.',
      metric: appMetric(channelMetric('telegram', 'failed')),
      threshold: 10,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    add('Api5xx', {
      alarmDescription: 'The HTTP API answered 5xx at least 5 times in 5 minutes.',
      metric: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.addConfigurationAlarms(add);
  }

  /**
   * The alarms of issue #12: what the functions count themselves when the bot is not configured, a
   * secret cannot be read, or a handler runs out of its own time budget.
   */
  private addConfigurationAlarms(add: (name: string, props: cloudwatch.AlarmProps) => void) {
    const counted = { evaluationPeriods: 1, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING };

    // A cut-off is work a handler stopped because its budget ran out (an update unanswered, a batch
    // left for a retry): the budget nests in the Lambda's timeout, so it is logged, never silent.
    add('HandlerCutOff', {
      ...counted,
      alarmDescription: 'A handler ran out of its time budget and cut work off (logged with what was cut).',
      metric: appMetric(METRIC.cutOff),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    // Counted after the SDK's own retries (network errors, throttling): one is not a blip.
    add('SecretReadFailing', {
      ...counted,
      alarmDescription: 'Reading a secret from Secrets Manager failed (permission, network or unexpected shape).',
      metric: appMetric(METRIC.secretReadFailed),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    // Telegram retries a refused update with growing gaps, so 503s come in bursts: any in the last
    // 15 minutes keeps the alarm on instead of flapping between bursts.
    add('TelegramWebhookUnconfigured', {
      alarmDescription:
        'The webhook answered 503 to Telegram: no bot token or no webhook secret in the Telegram secret. Updates wait at Telegram.',
      metric: appMetric(METRIC.webhookUnconfigured),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Parked jobs come back at each resume of their campaign (every 15 minutes without movement):
    // a 30-minute window sees each one, so the alarm stays on until the token is written.
    add('TelegramJobsParked', {
      alarmDescription:
        'Telegram jobs of a scheduled campaign are parked: no bot token configured. Nothing is lost; they leave once it is written.',
      // Campaign jobs (telegram.parked) and digests jobs (digests.parked) wait on the same token.
      metric: new cloudwatch.MathExpression({
        expression: 'FILL(campaigns, 0) + FILL(digests, 0)',
        usingMetrics: {
          campaigns: appMetric(METRIC.telegramParked),
          digests: appMetric(channelMetric('digests', 'parked')),
        },
        label: 'Telegram and digests jobs parked',
        period: Duration.minutes(15),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
