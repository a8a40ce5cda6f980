// What a Lambda entry module meets on AWS, locally: the embedded store (dynalite), the Secrets
// Manager stand-in, the Telegram simulator, the environment the stack gives the function, and
// API Gateway's payload 2.0 events. The entry is imported once per test file, after the environment
// is set, as Lambda imports it at a cold start. Date is faked (from the real time) so a test moves
// past the secrets' max age; what the function prints (logs, metrics) is captured.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { vi } from 'vitest';
import { startEmbeddedStore } from '#local/embedded-store';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import type { Store } from '#core/store';
import { type SecretsManagerStandIn, startSecretsManager } from '../../support/aws/secrets-manager';

export const SUBSCRIBER_KEY = 'subscriber-key-'.padEnd(40, 'k');
export const WEBHOOK_SECRET = 'webhook_secret_'.padEnd(40, 'w');

export interface LambdaWorld {
  store: Store;
  sm: SecretsManagerStandIn;
  sim: TelegramSimulator;
  /** ARNs of the stack's three secrets, as the functions' environment names them. */
  arns: { telegram: string; admin: string; x: string };
  /** Every JSON line the function printed (Powertools logs and metrics), parsed. */
  printed(): Record<string, unknown>[];
  /** The faked Date's time (ms). */
  now(): number;
  /** Moves the faked Date (the secrets' cache, the retry pause). */
  later(ms: number): void;
  close(): Promise<void>;
}

export async function startLambdaWorld(secrets: { adminToken: string }): Promise<LambdaWorld> {
  const tableName = `lambda-${randomUUID().slice(0, 8)}`;
  const embedded = await startEmbeddedStore({ tableName });
  const sm = await startSecretsManager();
  const sim = createTelegramSimulator();
  await sim.start();
  const arns = {
    telegram: sm.put('porte-voix/telegram', { botToken: '', webhookSecret: '', subscriberKey: SUBSCRIBER_KEY }),
    admin: sm.put('porte-voix/admin', { adminToken: secrets.adminToken }),
    x: sm.put('porte-voix/x', { appKey: '', appSecret: '', accessToken: '', accessSecret: '' }),
  };
  const env: Record<string, string> = {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: embedded.endpoint,
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TELEGRAM_SECRET_ARN: arns.telegram,
    ADMIN_SECRET_ARN: arns.admin,
    X_SECRET_ARN: arns.x,
    TELEGRAM_API_ROOT: sim.url,
    PUBLIC_URL: 'https://participer.example',
    POWERTOOLS_SERVICE_NAME: 'porte-voix',
    POWERTOOLS_METRICS_NAMESPACE: 'PorteVoix',
    LOG_LEVEL: 'INFO',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.useFakeTimers({ toFake: ['Date'] });
  // From the real time: the SDK compares it with the servers' Date header.
  let now = new Date().getTime();
  vi.setSystemTime(now);
  const lines: string[] = [];
  // Powertools prints INFO and metrics on stdout, WARN and ERROR on stderr (its own Console, as on Lambda).
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const writes = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
  for (const write of writes) write.mockImplementation(capture);
  return {
    store: embedded.store,
    sm,
    sim,
    arns,
    printed: () =>
      lines.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    now: () => now,
    later: (ms) => vi.setSystemTime((now += ms)),
    async close() {
      for (const write of writes) write.mockRestore();
      vi.useRealTimers();
      vi.unstubAllEnvs();
      await sim.stop();
      await sm.close();
      await embedded.close();
    },
  };
}

/** An API Gateway HTTP API (payload 2.0) request, as the function receives it. */
export function httpEvent(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): LambdaEvent {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {
      host: 'api.example',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: new Date().getTime(),
      authentication: null,
      authorizer: {},
    },
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
  };
}

export const lambdaContext = (timeoutMs = 10_000) =>
  ({
    functionName: 'test',
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => timeoutMs,
  }) as unknown as Context;

/** The handler's answer as a plain response: status and parsed JSON body. */
export function answered(result: unknown) {
  const r = result as { statusCode: number; body?: string };
  return { status: r.statusCode, body: r.body ? (JSON.parse(r.body) as Record<string, unknown>) : undefined };
}
