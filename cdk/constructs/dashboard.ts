// The operators' CloudWatch dashboard, next to the alarms: campaign sends by channel, Telegram's 429s
// and uncertain sends, the send queue and its dead letters, the webhook's latency, errors, cut-offs
// and failed secret reads. Names of our own metrics come from functions/adapters/metrics/names.ts.
import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, channelMetric } from '#adapters/metrics/names';
import { FIVE_MINUTES, RUNBOOKS, appMetric } from './app-metrics';
import type { PorteVoixFunction } from './lambda-function';

export interface DashboardProps {
  /** Every function, by the short name its alarms use. */
  readonly functions: Record<string, PorteVoixFunction>;
  readonly telegramWebhook: PorteVoixFunction;
  readonly httpApi: apigw.IHttpApi;
  readonly sendQueue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  /** Shown as one status widget at the top: what is firing, before any graph. */
  readonly alarms: readonly cloudwatch.IAlarm[];
}

const ONE_MINUTE = Duration.minutes(1);
const graph = (title: string, left: cloudwatch.IMetric[], extra: Partial<cloudwatch.GraphWidgetProps> = {}) =>
  new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, period: FIVE_MINUTES, ...extra });
const sends = (channel: Parameters<typeof channelMetric>[0], count: string, label: string) =>
  appMetric(channelMetric(channel, count), { label });

export class Dashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Named after the stack, like the alarms: a staging stack gets its own dashboard.
    this.dashboardName = stack.stackName;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: this.dashboardName,
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        width: 24,
        height: 2,
        markdown:
          `# Porte-voix — ${stack.stackName}\n` +
          `Each alarm's runbook (what it means, what to check, what to do) is in \`${RUNBOOKS}\`; ` +
          'the monthly cost per service is in `docs/cost.md`. Counts are per 5 minutes.',
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 }),
    );
    // One call per row: a row holds 24 columns.
    for (const row of [this.deliveryRow(), this.queueRow(props), this.webhookRow(props), this.errorRow(props)])
      this.dashboard.addWidgets(...row);
  }

  /** What campaigns delivered, by channel, and what Telegram held back. */
  private deliveryRow(): cloudwatch.IWidget[] {
    return [
      graph(
        'Campaign sends by channel',
        [
          sends('telegram', 'sent', 'Telegram sent'),
          sends('digests', 'sent', 'Digests sent'),
          sends('x', 'sent', 'X posted or queued'),
          sends('feeds', 'sent', 'Feed items'),
        ],
        { stacked: true },
      ),
      graph('Telegram: not delivered', [
        sends('telegram', 'failed', 'failed for good'),
        sends('telegram', 'blocked', 'blocked / left'),
        sends('telegram', 'held', 'held for a digest'),
        appMetric(METRIC.telegramParked, { label: 'jobs parked (no bot token)' }),
        appMetric(channelMetric('digests', 'parked'), { label: 'digests jobs parked (no bot token)' }),
      ]),
      graph(
        'Telegram: 429s and uncertain sends',
        [
          appMetric(METRIC.telegramRateLimited, { label: '429 answers (retry_after)' }),
          sends('telegram', 'uncertain', 'uncertain: possible duplicates'),
          appMetric(METRIC.sendJobsRetried, { label: 'send jobs retried' }),
        ],
        {
          // DESIGN.md's bound: at most 0.5 % of sends answered 429.
          right: [
            new cloudwatch.MathExpression({
              expression: '100 * FILL(limited, 0) / sent',
              usingMetrics: {
                limited: appMetric(METRIC.telegramRateLimited),
                sent: appMetric(channelMetric('telegram', 'sent')),
              },
              label: '429s per 100 sends (bound: 0.5)',
              period: FIVE_MINUTES,
            }),
          ],
        },
      ),
    ];
  }

  private queueRow(props: DashboardProps): cloudwatch.IWidget[] {
    const maximum = { period: ONE_MINUTE, statistic: 'Maximum' };
    return [
      graph(
        'Send queue and dead letters',
        [
          props.sendQueue.metricApproximateNumberOfMessagesVisible({ ...maximum, label: 'jobs waiting' }),
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...maximum, label: 'DLQ depth' }),
        ],
        {
          right: [props.sendQueue.metricApproximateAgeOfOldestMessage({ ...maximum, label: 'oldest job (s)' })],
          width: 12,
        },
      ),
      graph(
        'Cut-offs, secrets, unconfigured webhook',
        [
          appMetric(METRIC.cutOff, { label: 'handler cut-offs' }),
          appMetric(METRIC.secretReadFailed, { label: 'secret reads failed' }),
          appMetric(METRIC.webhookUnconfigured, { label: 'webhook 503 (not configured)' }),
          appMetric(METRIC.sendJobsRejected, { label: 'malformed jobs dead-lettered' }),
        ],
        { width: 12 },
      ),
    ];
  }

  private webhookRow(props: DashboardProps): cloudwatch.IWidget[] {
    const webhook = props.telegramWebhook.function;
    const duration = (statistic: string) => webhook.metricDuration({ statistic, label: `duration ${statistic}` });
    return [
      graph('Telegram webhook latency (ms)', [duration('p50'), duration('p99'), duration('Maximum')], {
        right: [webhook.metricInvocations({ statistic: 'Sum', label: 'updates' })],
        // The alarm's line: TelegramWebhookSlow fires above it for 15 minutes.
        leftAnnotations: [{ value: 3000, label: 'p99 alarm', color: cloudwatch.Color.RED }],
        width: 12,
      }),
      graph(
        'HTTP API answers',
        [
          props.httpApi.metricServerError({ statistic: 'Sum', label: '5xx' }),
          props.httpApi.metricClientError({ statistic: 'Sum', label: '4xx' }),
        ],
        { right: [props.httpApi.metricLatency({ statistic: 'p99', label: 'latency p99 (ms)' })], width: 12 },
      ),
    ];
  }

  private errorRow(props: DashboardProps): cloudwatch.IWidget[] {
    const entries = Object.entries(props.functions);
    return [
      graph(
        'Function errors',
        entries.map(([name, fn]) => fn.function.metricErrors({ statistic: 'Sum', label: name })),
        { width: 12 },
      ),
      graph(
        'Function throttles',
        entries.map(([name, fn]) => fn.function.metricThrottles({ statistic: 'Sum', label: name })),
        { width: 12 },
      ),
    ];
  }
}
