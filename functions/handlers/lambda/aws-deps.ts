// What every Lambda builds once, at cold start: configuration, the DynamoDB store, the logger, the
// metrics, and the reader of the secrets it needs. Secrets Manager documents are JSON (see
// docs/aws.md, secret-shapes.ts); they are read when first needed, kept SECRETS_MAX_AGE_SECONDS, then
// read again, so a token written or rotated after the deploy is followed with no redeploy.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type * as z from 'zod';
import { loadConfig, openDataSettings } from '#config';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { createDynamoStore } from '#adapters/dynamodb/store';
import { AdminSecret, TelegramSecret, XSecret } from '#adapters/aws/secret-shapes';
import { createSecretsReader } from '#adapters/aws/secrets';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE } from '#adapters/metrics/names';
import { systemClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { HttpDeps } from '#handlers/http/deps';
import { sourceMappedStacks } from './source-mapped-stacks';

// First thing in every bundle's body: stacks name the TypeScript sources, the map read on the first error.
sourceMappedStacks(import.meta.url);

export const config = loadConfig();
export const logger = new Logger({ serviceName: METRICS_SERVICE, logLevel: config.LOG_LEVEL });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** One metric, published at once (the HTTP Lambdas have no batch end to flush at). */
export const countNow = (name: string) => metrics.singleMetric().addMetric(name, MetricUnit.Count, 1);

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

const secrets = createSecretsReader({
  maxAgeSeconds: config.SECRETS_MAX_AGE_SECONDS,
  clientConfig: { region: config.AWS_REGION },
  onFailure: ({ secret, problem }) => {
    // `problem` names the secret and the field or the AWS error, never a value (secret-shapes.ts parseSecret).
    logger.warn('secret read failed: retried at its next use', { secret, reason: problem });
    countNow(METRIC.secretReadFailed);
  },
});

const reader =
  <S extends z.ZodType>(variable: 'ADMIN_SECRET_ARN' | 'TELEGRAM_SECRET_ARN' | 'X_SECRET_ARN', schema: S) =>
  (): Promise<z.output<S>> =>
    secrets.read(config[variable], variable, schema);

/** The secrets, as they are now (within SECRETS_MAX_AGE_SECONDS): each call may read Secrets Manager again. */
export const readAdminSecret = reader('ADMIN_SECRET_ARN', AdminSecret);
export const readTelegramSecret = reader('TELEGRAM_SECRET_ARN', TelegramSecret);
export const readXSecret = reader('X_SECRET_ARN', XSecret);
