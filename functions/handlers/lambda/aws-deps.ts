// What every Lambda builds once, at cold start: configuration, the DynamoDB store, the logger and
// the secrets it needs. Secrets Manager documents are JSON (see docs/aws.md) and cached per container.
import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { loadConfig, openDataSettings } from '#config';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { createDynamoStore } from '#adapters/dynamodb/store';
import { systemClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { HttpDeps } from '#handlers/http/deps';
import { sourceMappedStacks } from './source-mapped-stacks';

// First thing in every bundle's body: stacks name the TypeScript sources, the map read on the first error.
sourceMappedStacks(import.meta.url);

export const config = loadConfig();
export const logger = new Logger({ serviceName: 'porte-voix', logLevel: config.LOG_LEVEL });

const store = createDynamoStore({
  client: createDocumentClient({ endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION }),
  tableName: config.TABLE_NAME,
});

export const deps: HttpDeps = {
  store,
  clock: systemClock,
  ids: randomIds,
  telegramFormat: telegramCampaignFormat,
  xMonthlyBudgetUsd: config.X_MONTHLY_BUDGET_USD,
  publicUrl: (config.PUBLIC_URL ?? '').replace(/\/$/, ''),
  logger,
  openData: openDataSettings(config),
  botUsername: () => Promise.resolve(config.TELEGRAM_BOT_USERNAME),
};

/**
 * The client is loaded on the first secret read, not with the module: the Lambdas that read theirs at
 * their first invocation (or never) do not evaluate it at init, and one client serves every read.
 */
type SecretReader = (arn: string) => Promise<string | undefined>;
let secretReader: Promise<SecretReader> | undefined;

async function loadSecretReader(): Promise<SecretReader> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: config.AWS_REGION });
  return async (arn) => (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
}

/** Reads a JSON secret and validates it; a missing ARN or a bad document names the culprit. */
export async function readSecret<S extends z.ZodType>(
  arn: string | undefined,
  name: string,
  schema: S,
): Promise<z.output<S>> {
  if (!arn) throw new Error(`configuration: ${name} is not set`);
  const read = await (secretReader ??= loadSecretReader());
  const parsed = schema.safeParse(JSON.parse((await read(arn)) ?? '{}'));
  if (!parsed.success)
    throw new Error(`secret ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const AdminSecret = z.object({ adminToken: z.string().min(20) });
export const TelegramSecret = z.object({
  botToken: z.string().min(1),
  webhookSecret: z.string().min(16),
  subscriberKey: z.string().min(16),
});
export const XSecret = z.object({
  appKey: z.string().optional(),
  appSecret: z.string().optional(),
  accessToken: z.string().optional(),
  accessSecret: z.string().optional(),
});
