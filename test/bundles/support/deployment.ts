// The synthesized stack « deployed » onto local stand-ins, read from its template: the table in the
// embedded store, the secrets (generated fields generated, as CloudFormation does) in the Secrets
// Manager stand-in, the queues (FIFO, visibility, redrive) in the SQS stand-in, the schedule group in
// the Scheduler stand-in, the HTTP API's routes, and each function's bundle in its own Lambda sandbox
// with the template's environment, its Refs resolved to the stand-ins. The one variable the template
// does not give is TELEGRAM_API_ROOT: the Bot API is the Telegram simulator here.
// Time is the deployment's `clock`, which only the test moves: every invocation starts at its time
// (and runs on in real time while it lasts), and SQS's visibility timeouts follow it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '#adapters/system/clock';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { type EmbeddedStore, startEmbeddedStore } from '#local/embedded-store';
import { type SecretsManagerStandIn, startSecretsManager } from '../../support/aws/secrets-manager';
import { type SchedulerStandIn, startScheduler } from '../../support/aws/scheduler';
import { type SqsStandIn, startSqs } from '../../support/aws/sqs';
import { type AwsEndpoint, startAwsEndpoint } from './aws-endpoint';
import { type HttpApiStandIn, startHttpApi } from './http-api';
import { BundledFunction, type FunctionSpec } from './lambda';
import { SqsEventSource } from './sqs-event-source';
import { ACCOUNT, type CfnTemplate, REGION, Resolver, bundledFunctions, readTemplate, resourcesOf } from './template';

/** A token of Bot API shape the simulator answers to; tests look for it in the logs. */
export const BOT_TOKEN = '7000000042:AAbundleTestsBotTokenDoNotLog0000000';

/** When the deployment's clock starts: a Wednesday morning in Paris. */
export const DEPLOYED_AT = '2026-12-02T08:00:00.000Z';

export interface Deployment {
  /** The time the functions, the queue and the HTTP API read; the test sets or advances it. */
  clock: ReturnType<typeof fixedClock>;
  template: CfnTemplate;
  resolver: Resolver;
  /** Functions by construct id (AdminApi, Feeds, TelegramWebhook, Dispatch, Send, Import). */
  functions: Map<string, BundledFunction>;
  /** Each function's AWS calls, as IAM actions on resources (aws-endpoint.ts). */
  calls: Map<string, AwsEndpoint['calls']>;
  /** Function construct id by logical id, and the other way. */
  logicalIdOf(id: string): string;
  eventSources: SqsEventSource[];
  api: HttpApiStandIn;
  sqs: SqsStandIn;
  scheduler: SchedulerStandIn;
  secrets: SecretsManagerStandIn;
  /** Secret ARNs by the template's logical id. */
  secretArns: Map<string, string>;
  telegram: TelegramSimulator;
  /** The embedded store (dynalite) holding the template's table. */
  store: EmbeddedStore & { tableName: string };
  close(): Promise<void>;
}

const alphanumeric = (length: number) =>
  randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);

/** A secret's first value, as CloudFormation makes it: the template's, or the template plus one generated key. */
function initialSecret(properties: Record<string, any>, resolver: Resolver): string {
  const generate = properties.GenerateSecretString as
    { SecretStringTemplate?: string; GenerateStringKey?: string; PasswordLength?: number } | undefined;
  if (!generate) return String(resolver.resolve(properties.SecretString ?? ''));
  const base = JSON.parse(generate.SecretStringTemplate ?? '{}') as Record<string, string>;
  if (generate.GenerateStringKey) base[generate.GenerateStringKey] = alphanumeric(generate.PasswordLength ?? 32);
  return JSON.stringify(base);
}

function defineQueues(template: CfnTemplate, resolver: Resolver, sqs: SqsStandIn) {
  const queues = resourcesOf(template, 'AWS::SQS::Queue').map(([id, r]) => {
    const p = r.Properties ?? {};
    const name = p.QueueName ?? `PorteVoix-${id}${p.FifoQueue ? '.fifo' : ''}`;
    resolver.define(id, `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`, {
      Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
      QueueName: name,
    });
    return { name, p };
  });
  for (const { name, p } of queues)
    sqs.createQueue({
      name,
      visibilityTimeoutS: p.VisibilityTimeout,
      contentBasedDeduplication: p.ContentBasedDeduplication,
      redrive: p.RedrivePolicy && resolver.resolve(p.RedrivePolicy),
    });
}

function defineResources(template: CfnTemplate, resolver: Resolver, d: Partial<Deployment>) {
  const tableName = d.store!.tableName;
  for (const [id] of resourcesOf(template, 'AWS::DynamoDB::Table'))
    resolver.define(id, tableName, { Arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${tableName}` });
  for (const [id, r] of resourcesOf(template, 'AWS::SecretsManager::Secret')) {
    const arn = d.secrets!.put(id, initialSecret(r.Properties ?? {}, resolver));
    d.secretArns!.set(id, arn);
    resolver.define(id, arn);
  }
  defineQueues(template, resolver, d.sqs!);
  for (const [id, r] of resourcesOf(template, 'AWS::Scheduler::ScheduleGroup'))
    resolver.define(id, r.Properties?.Name ?? id, {
      Arn: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${r.Properties?.Name ?? id}`,
    });
  for (const [id] of resourcesOf(template, 'AWS::IAM::Role'))
    resolver.define(id, id, { Arn: `arn:aws:iam::${ACCOUNT}:role/${id}` });
  for (const [id] of resourcesOf(template, 'AWS::ApiGatewayV2::Api'))
    resolver.define(id, 'standin', { ApiEndpoint: d.api!.url, ApiId: 'standin' });
  for (const [id, r] of resourcesOf(template, 'AWS::Lambda::Function')) {
    const name = r.Properties?.FunctionName ?? `PorteVoix-${id}`;
    resolver.define(id, name, { Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}` });
  }
}

async function startFunctions(template: CfnTemplate, resolver: Resolver, outdir: string, d: Partial<Deployment>) {
  const workDir = mkdtempSync(join(tmpdir(), 'porte-voix-bundles-'));
  const services = {
    dynamodb: d.store!.endpoint,
    secretsmanager: d.secrets!.url,
    sqs: d.sqs!.url,
    scheduler: d.scheduler!.url,
  };
  const logical = new Map<string, string>();
  const endpoints: AwsEndpoint[] = [];
  for (const { logicalId, resource, id, assetDir } of bundledFunctions(template, outdir)) {
    const p = resource.Properties!;
    const endpoint = await startAwsEndpoint(services);
    const spec: FunctionSpec = {
      id,
      functionName: resolver.resolve({ Ref: logicalId }),
      arn: resolver.resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] }),
      timeoutS: p.Timeout ?? 3,
      memoryMb: p.MemorySize ?? 128,
      assetDir,
      environment: throughEndpoint(resolver.resolve(p.Environment?.Variables ?? {}), endpoint.url),
    };
    const now = () => d.clock!.now().getTime();
    d.functions!.set(id, new BundledFunction(spec, workDir, lambdaEnvironment(endpoint.url, d.telegram!.url), now));
    d.calls!.set(id, endpoint.calls);
    logical.set(id, logicalId);
    logical.set(logicalId, id);
    endpoints.push(endpoint);
  }
  return { workDir, logical, endpoints };
}
const SQS_ORIGIN = `https://sqs.${REGION}.amazonaws.com`;

/**
 * Queue URLs (a queue's Ref) on the function's own endpoint. The SQS client sends to a QueueUrl's host
 * when it differs from its endpoint (on AWS they are the same host): here that host is the endpoint.
 */
const throughEndpoint = (environment: Record<string, string>, endpoint: string) =>
  Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, v.replace(SQS_ORIGIN, endpoint)]));

/** What Lambda's service adds to a function's own environment, the stand-ins' addresses in place of AWS's. */
function lambdaEnvironment(awsEndpoint: string, telegramApi: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'ASIASTANDIN',
    AWS_SECRET_ACCESS_KEY: 'stand-in',
    AWS_SESSION_TOKEN: 'stand-in',
    AWS_ENDPOINT_URL: awsEndpoint,
    TELEGRAM_API_ROOT: telegramApi,
    // This machine runs Node 20; the SDK's end-of-support notice is no part of the Lambda's output on Node 22.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function wireRoutes(template: CfnTemplate, d: Partial<Deployment>, logical: Map<string, string>) {
  const integrations = new Map(
    resourcesOf(template, 'AWS::ApiGatewayV2::Integration').map(([id, r]) => [
      id,
      String(r.Properties?.IntegrationUri?.['Fn::GetAtt']?.[0]),
    ]),
  );
  d.api!.setRoutes(
    resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => {
      const integration = String(r.Properties?.Target?.['Fn::Join']?.[1]?.[1]?.Ref);
      const fn = d.functions!.get(logical.get(integrations.get(integration)!)!)!;
      return { routeKey: r.Properties!.RouteKey, invoke: (event) => fn.invoke(event) };
    }),
  );
}

function wireEventSources(
  template: CfnTemplate,
  resolver: Resolver,
  d: Partial<Deployment>,
  logical: Map<string, string>,
) {
  for (const [, r] of resourcesOf(template, 'AWS::Lambda::EventSourceMapping')) {
    const p = r.Properties!;
    const queueId = String(p.EventSourceArn['Fn::GetAtt'][0]);
    const id = logical.get(String(p.FunctionName.Ref))!;
    d.eventSources!.push(
      new SqsEventSource(
        d.sqs!,
        d.functions!.get(id)!,
        {
          queueUrl: resolver.resolve({ Ref: queueId }),
          queueArn: resolver.resolve(p.EventSourceArn),
          batchSize: p.BatchSize ?? 10,
          reportBatchItemFailures: (p.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
        },
        d.calls!.get(id)!,
      ),
    );
  }
}

export async function deploy(outdir: string): Promise<Deployment> {
  const template = readTemplate(outdir);
  const resolver = new Resolver(template);
  const telegram = createTelegramSimulator({ token: BOT_TOKEN, bot: { username: 'porte_voix_bundles_bot' } });
  await telegram.start();
  const clock = fixedClock(DEPLOYED_AT);
  const now = () => clock.now().getTime();
  const d: Partial<Deployment> = {
    clock,
    template,
    resolver,
    telegram,
    functions: new Map(),
    calls: new Map(),
    eventSources: [],
    secretArns: new Map(),
    store: { ...(await startEmbeddedStore({ tableName: 'PorteVoix-Table' })), tableName: 'PorteVoix-Table' },
    secrets: await startSecretsManager(),
    sqs: await startSqs({ clock: now }),
    scheduler: await startScheduler(),
    api: await startHttpApi(now),
  };
  defineResources(template, resolver, d);
  const { workDir, logical, endpoints } = await startFunctions(template, resolver, outdir, d);
  wireRoutes(template, d, logical);
  wireEventSources(template, resolver, d, logical);
  return {
    ...(d as Deployment),
    logicalIdOf: (id) => logical.get(id)!,
    async close() {
      await Promise.all([...d.functions!.values()].map((f) => f.close()));
      await Promise.all(endpoints.map((e) => e.close()));
      await Promise.all([d.api!.close(), d.sqs!.close(), d.scheduler!.close(), d.secrets!.close(), telegram.stop()]);
      await d.store!.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
