// The Porte-voix stack: storage, secrets, the HTTP entry points, the delivery pipeline and
// its alarms, wired together. docs/aws.md describes what is deployed and why.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { CustomDomain } from './context';
import { Alarms } from './constructs/alarms';
import { Api } from './constructs/api';
import { Dashboard } from './constructs/dashboard';
import { reserveConcurrency } from './constructs/concurrency';
import { Delivery, SEND_MAX_RECEIVE_COUNT } from './constructs/delivery';
import { Domain, publicUrlOf } from './constructs/domain';
import { Imports } from './constructs/imports';
import { Secrets } from './constructs/secrets';
import { Storage } from './constructs/storage';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface PorteVoixStackProps extends StackProps {
  /** Public base URL if something else (a CDN) fronts the API; defaults to the API endpoint (to https://<domainName> with `domain`). */
  readonly publicUrl?: string;
  /** A custom domain the stack maps to the API (cdk/constructs/domain.ts); PUBLIC_URL is then https://<domainName>. */
  readonly domain?: CustomDomain;
  /** LOG_LEVEL of every function (functions/config.ts); INFO by default. */
  readonly logLevel?: LogLevel;
  /** X_MONTHLY_BUDGET_USD of every function: scheduling on X past it in a month is refused; unset, no limit. */
  readonly xMonthlyBudgetUsd?: number;
  /** The bot's @username without the @ (TELEGRAM_BOT_USERNAME): the t.me links of start links and their QR codes. */
  readonly telegramBotUsername?: string;
  /**
   * Reserve concurrency for the webhook and send (cdk/constructs/concurrency.ts); true by default. An
   * account whose Lambda concurrency quota is below ACCOUNT_CONCURRENCY_NEEDED (new accounts: 10) refuses
   * any reservation: deploy with false there until the quota is raised.
   */
  readonly reserveConcurrency?: boolean;
}

/** Logs carry neither chat ids nor citizens' texts, but we still keep them no longer than useful. */
const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

export class PorteVoixStack extends Stack {
  readonly storage: Storage;
  readonly secrets: Secrets;
  readonly api: Api;
  readonly delivery: Delivery;
  readonly imports: Imports;
  readonly alarms: Alarms;
  readonly dashboard: Dashboard;
  readonly domain?: Domain;

  constructor(scope: Construct, id: string, props: PorteVoixStackProps = {}) {
    super(scope, id, props);

    this.storage = new Storage(this, 'Storage');
    this.secrets = new Secrets(this, 'Secrets');

    const environment: Record<string, string> = {
      TABLE_NAME: this.storage.table.tableName,
      LOG_LEVEL: props.logLevel ?? 'INFO',
      POWERTOOLS_SERVICE_NAME: 'porte-voix',
      POWERTOOLS_METRICS_NAMESPACE: 'PorteVoix',
      ...(props.xMonthlyBudgetUsd === undefined ? {} : { X_MONTHLY_BUDGET_USD: String(props.xMonthlyBudgetUsd) }),
      ...(props.telegramBotUsername === undefined ? {} : { TELEGRAM_BOT_USERNAME: props.telegramBotUsername }),
    };

    this.api = new Api(this, 'Api', {
      storage: this.storage,
      telegramSecret: this.secrets.telegram,
      adminSecret: this.secrets.admin,
      environment,
      publicUrl: props.domain ? publicUrlOf(props.domain) : props.publicUrl,
      logRetention: LOG_RETENTION,
    });

    // Custom domain (DEPLOY): mapped to the API's stage; the operator points DNS at DomainTarget.
    if (props.domain) {
      this.domain = new Domain(this, 'Domain', {
        ...props.domain,
        httpApi: this.api.httpApi,
        stage: this.api.stage,
      });
      new CfnOutput(this, 'DomainTarget', {
        value: this.domain.dnsTarget,
        description: `DNS: CNAME ${props.domain.domainName} to this name (or a Route 53 alias with DomainHostedZoneId)`,
      });
      new CfnOutput(this, 'DomainHostedZoneId', {
        value: this.domain.hostedZoneId,
        description: 'Hosted zone of DomainTarget, for a Route 53 alias record',
      });
    }

    this.delivery = new Delivery(this, 'Delivery', {
      storage: this.storage,
      telegramSecret: this.secrets.telegram,
      xSecret: this.secrets.x,
      environment: { ...environment, PUBLIC_URL: this.api.publicUrl },
      logRetention: LOG_RETENTION,
    });

    this.imports = new Imports(this, 'Imports', {
      storage: this.storage,
      environment: { ...environment, PUBLIC_URL: this.api.publicUrl },
      logRetention: LOG_RETENTION,
    });

    // Those that schedule campaigns set their alarms: agents (admin API) and imported entries.
    this.delivery.alarms.allow(this.api.adminApi);
    this.delivery.alarms.allow(this.imports.import);

    this.alarms = new Alarms(this, 'Alarms', {
      functions: {
        AdminApi: this.api.adminApi,
        Feeds: this.api.feeds,
        TelegramWebhook: this.api.telegramWebhook,
        Dispatch: this.delivery.dispatch,
        Send: this.delivery.send,
        Import: this.imports.import,
      },
      telegramWebhook: this.api.telegramWebhook,
      dispatch: this.delivery.dispatch,
      httpApi: this.api.httpApi,
      sendQueue: this.delivery.sendQueue,
      deadLetterQueue: this.delivery.deadLetterQueue,
    });

    // Operations: the dashboard beside the alarms (docs/runbooks.md), with the same functions.
    this.dashboard = new Dashboard(this, 'Dashboard', {
      functions: this.alarms.functions,
      telegramWebhook: this.api.telegramWebhook,
      httpApi: this.api.httpApi,
      sendQueue: this.delivery.sendQueue,
      deadLetterQueue: this.delivery.deadLetterQueue,
      alarms: this.alarms.alarms,
    });
    // IAM: reserved concurrency, a floor and a ceiling for the webhook and send (concurrency.ts).
    if (props.reserveConcurrency ?? true) {
      reserveConcurrency({ telegramWebhook: this.api.telegramWebhook, send: this.delivery.send });
    }

    const output = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description });
    };
    output(
      'ApiUrl',
      this.api.publicUrl,
      'Public base URL (PUBLIC_URL): admin API under /api, feeds under /feeds, webhook at /telegram/webhook',
    );
    output('TableName', this.storage.table.tableName, 'DynamoDB table (TABLE_NAME)');
    output('TelegramSecretArn', this.secrets.telegram.secretArn, 'Set botToken and webhookSecret here after deploy');
    output('XSecretArn', this.secrets.x.secretArn, 'Set the X API keys here after deploy (optional)');
    output('AdminSecretArn', this.secrets.admin.secretArn, 'Bootstrap admin token (generated)');
    output('SendQueueUrl', this.delivery.sendQueue.queueUrl, 'Send jobs queue');
    output(
      'SendDeadLetterQueueUrl',
      this.delivery.deadLetterQueue.queueUrl,
      `Send jobs that failed ${SEND_MAX_RECEIVE_COUNT} times`,
    );
    output('AlarmTopicArn', this.alarms.topic.topicArn, 'Subscribe the team here (e-mail, chat)');
    output(
      'DashboardUrl',
      `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${this.dashboard.dashboardName}`,
      `CloudWatch dashboard "${this.dashboard.dashboardName}": sends by channel, 429s, queue, webhook latency, errors`,
    );
  }
}
