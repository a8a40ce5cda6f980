// The public HTTP entry points: one API Gateway HTTP API in front of the admin API, the feeds
// and the Telegram webhook, with access logs and stage-wide throttling.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PorteVoixFunction } from './lambda-function';
import type { Storage } from './storage';

export interface ApiProps {
  readonly storage: Storage;
  readonly telegramSecret: secretsmanager.ISecret;
  readonly adminSecret: secretsmanager.ISecret;
  /** Environment every function gets (TABLE_NAME, LOG_LEVEL, Powertools…); PUBLIC_URL is added here. */
  readonly environment: Record<string, string>;
  /** Public base URL when a custom domain fronts the API; defaults to the API's own endpoint. */
  readonly publicUrl?: string;
  readonly logRetention: logs.RetentionDays;
}

export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** Base URL without a trailing slash, as functions/config.ts expects PUBLIC_URL. */
  readonly publicUrl: string;
  readonly adminApi: PorteVoixFunction;
  readonly feeds: PorteVoixFunction;
  readonly telegramWebhook: PorteVoixFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Porte-voix: admin API, feeds, Telegram webhook',
      // The default stage is added below: HttpApi's own cannot take throttling or access logs.
      createDefaultStage: false,
    });
    this.publicUrl = props.publicUrl ?? this.httpApi.apiEndpoint;

    // Kept as long as the functions' logs, and deleted with the stack like them (CDK's default would orphan it).
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Bounds what one abusive client can cost us; Telegram and agents stay far below it.
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // No source IP and no query string: feed and webhook callers are citizens (GDPR minimum).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const environment = { ...props.environment, PUBLIC_URL: this.publicUrl };
    const common = { environment, logRetention: props.logRetention };

    this.adminApi = new PorteVoixFunction(this, 'AdminApi', {
      ...common,
      entry: 'functions/handlers/lambda/admin-api.ts',
      description: 'Admin API and agents console (/api/*, /console, /health)',
      // Exports of results and audience previews are the heaviest requests we serve.
      memorySize: 1024,
      // Just under the HTTP API's 30 s integration limit; a request past its 25 s budget answers 503
      // itself (handlers/http/request-budget.ts), logged, rather than API Gateway's bare 503 at 30 s.
      timeout: Duration.seconds(29),
      budget: Duration.seconds(25),
    });
    this.adminApi.function.addEnvironment('ADMIN_SECRET_ARN', props.adminSecret.secretArn);
    // Agents, sessions, démarches, campaigns, questionnaires, moderation, feed sources, start links: puts
    // (conditional creates, versioned replaces), updates (last activity, a session's last request, a
    // source's status), deletes (revoking, signing out, a source, a link); /health reads the table's status.
    props.storage.grant(this.adminApi, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'DescribeTable']);
    props.adminSecret.grantRead(this.adminApi.role);
    // « Envoyer un test »: an agent's test of a campaign goes to their own linked chat, with the bot's token.
    this.adminApi.function.addEnvironment('TELEGRAM_SECRET_ARN', props.telegramSecret.secretArn);
    props.telegramSecret.grantRead(this.adminApi.role);

    this.feeds = new PorteVoixFunction(this, 'Feeds', {
      ...common,
      entry: 'functions/handlers/lambda/feeds.ts',
      description: 'Public, read-only: feeds (/feeds/*), results pages (/resultats/*), open data (/open-data/*)',
      memorySize: 512,
      timeout: Duration.seconds(10),
      budget: Duration.seconds(8),
    });
    // Feeds, results and open data only read: published items, and the questionnaire partitions
    // (questionnaire, responses, moderation decisions) with one Query each.
    props.storage.grant(this.feeds, ['GetItem', 'Query']);

    this.telegramWebhook = new PorteVoixFunction(this, 'TelegramWebhook', {
      ...common,
      entry: 'functions/handlers/lambda/telegram-webhook.ts',
      description: 'Telegram Bot API webhook (/telegram/webhook)',
      // More memory is more CPU: a faster cold start on the path citizens wait on.
      memorySize: 512,
      // Telegram retries slow deliveries; answering a button never needs more. An update still running
      // at 8 s is cut off, logged and answered 200 (handlers/http/telegram-webhook.ts), so Telegram does
      // not deliver it again only to find it already claimed.
      timeout: Duration.seconds(10),
      budget: Duration.seconds(8),
    });
    this.telegramWebhook.function.addEnvironment('TELEGRAM_SECRET_ARN', props.telegramSecret.secretArn);
    // Update ids seen, subscribers and their answers (puts); status, consent, growth, a start link's count,
    // an agent's chat (updates); erasure moves answers and ledger lines, then deletes (deletes).
    props.storage.grant(this.telegramWebhook, ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem']);
    props.telegramSecret.grantRead(this.telegramWebhook.role);

    const route = (path: string, methods: apigw.HttpMethod[], target: PorteVoixFunction, why: string): void => {
      const routes = this.httpApi.addRoutes({
        path,
        methods,
        integration: new HttpLambdaIntegration(`${target.node.id}Integration`, target.function),
      });
      for (const r of routes) {
        Validations.of(r).acknowledge({ id: 'AwsSolutions-APIG4', reason: why });
      }
    };
    const adminAuth =
      'The admin API authenticates every request itself: per-agent bearer tokens, stored hashed, with roles (an API Gateway authorizer would duplicate that check and its cold start).';
    route('/api/{proxy+}', [apigw.HttpMethod.ANY], this.adminApi, adminAuth);
    const consoleAuth =
      'The agents\u2019 console authenticates every page itself: a session cookie (HttpOnly, SameSite=Strict, Secure), stored hashed, opened with an agent token; writes are checked against cross-site forgery (Origin).';
    route('/console', [apigw.HttpMethod.GET], this.adminApi, consoleAuth);
    route('/console/{proxy+}', [apigw.HttpMethod.ANY], this.adminApi, consoleAuth);
    route(
      '/health',
      [apigw.HttpMethod.GET],
      this.adminApi,
      'Health check for uptime probes: public by design, it answers liveness only and reads no data.',
    );
    route(
      '/feeds/{proxy+}',
      [apigw.HttpMethod.GET],
      this.feeds,
      'Feeds are public by design: anyone may follow the city\u2019s démarches in a feed reader.',
    );
    const publicResults =
      'Results pages and open data are public by design: only questionnaires whose results policy allows it, small groups hidden, texts moderated; any other id answers 404.';
    route('/resultats/{proxy+}', [apigw.HttpMethod.GET], this.feeds, publicResults);
    // CDK refuses a route ending in '/': `/open-data` takes the index, which the function serves at both spellings.
    route('/open-data', [apigw.HttpMethod.GET], this.feeds, publicResults);
    route('/open-data/{proxy+}', [apigw.HttpMethod.GET], this.feeds, publicResults);
    route(
      '/telegram/webhook',
      [apigw.HttpMethod.POST],
      this.telegramWebhook,
      'Telegram cannot send an Authorization header: the handler checks the X-Telegram-Bot-Api-Secret-Token header against webhookSecret and refuses otherwise.',
    );
  }
}
