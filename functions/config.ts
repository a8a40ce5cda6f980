// The one configuration module: every environment variable the product reads, validated with
// zod at start-up. A bad or missing variable stops the process with a message naming it.
import * as z from 'zod';
import { LICENCES, LICENCE_IDS, type OpenDataSettings } from '#core/results/open-data';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const ConfigSchema = z.object({
  /** Local runtime: where the embedded store keeps its files. */
  DATA_DIR: z.string().default('./.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL of the HTTP API, used in feed links and self links. */
  PUBLIC_URL: optionalString,
  TABLE_NAME: z.string().min(3).default('porte-voix'),
  /** DynamoDB endpoint override (the embedded store locally); unset on AWS. */
  DYNAMODB_ENDPOINT: optionalString,
  AWS_REGION: z.string().default('eu-west-3'),
  /** Bootstrap admin token; generated and printed at first start when unset. */
  ADMIN_TOKEN: optionalString,
  /** Key of the HMAC that turns a Telegram chat id into a subscriber pseudonym. */
  SUBSCRIBER_KEY_SECRET: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  /** The bot's @username without the @, for the t.me links of posters' QR codes; locally, getMe's when unset. */
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'nom du bot sans @ : lettres, chiffres et _ (5 à 32)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  /** Messages per second this process may send (Telegram: ~30/s per bot, shared by all senders). */
  TELEGRAM_MAX_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
  X_APP_KEY: optionalString,
  X_APP_SECRET: optionalString,
  X_ACCESS_TOKEN: optionalString,
  X_ACCESS_SECRET: optionalString,
  X_API_ROOT: optionalString,
  /** AWS only: the SQS queue between dispatch and send. */
  SEND_QUEUE_URL: optionalString,
  /** AWS only: the send queue's dead-letter queue, where the send function parks a malformed message with its reason. */
  SEND_DEAD_LETTER_QUEUE_URL: optionalString,
  /** AWS only: Secrets Manager secrets (JSON documents, see docs/aws.md), read when first needed and again past their max age. */
  ADMIN_SECRET_ARN: optionalString,
  TELEGRAM_SECRET_ARN: optionalString,
  X_SECRET_ARN: optionalString,
  /**
   * AWS only: a secret read is kept this long, then read again at its next use, so a rotated token or
   * a bot token written after the first deploy is taken within this delay with no redeploy.
   */
  SECRETS_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** AWS only: campaign alarms (one-time EventBridge Scheduler schedules) — the stack's schedule group, */
  SCHEDULER_GROUP_NAME: optionalString,
  /** …the role Scheduler assumes to invoke dispatch, */
  SCHEDULER_ROLE_ARN: optionalString,
  /** …and the dispatch function it invokes. Unset (locally), no alarm: the 1-second tick is within seconds. */
  DISPATCH_FUNCTION_ARN: optionalString,
  /** Licence of the public results (open data): Licence Ouverte 2.0 unless the city chose another. */
  OPEN_DATA_LICENCE: z.enum(LICENCE_IDS).default('etalab-2.0'),
  /** Who publishes the open data (DCAT publisher, dataset pages). */
  OPEN_DATA_PUBLISHER: z.string().trim().min(1).max(200).default('Nantes Métropole'),
  /** Cross-tabulation cells and free-text clusters under this count are never shown publicly. */
  SMALL_GROUP_THRESHOLD: z.coerce.number().int().min(2).max(100).default(5),
  /**
   * AWS: the handler's own time budget in ms, set by the stack shorter than the Lambda's timeout
   * (cdk/constructs/lambda-function.ts); past it work is cut off, logged and counted. Unset (locally): no budget.
   */
  TIME_BUDGET_MS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(100).optional()),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  /** X pay-per-use: scheduling a campaign on X past this many dollars in its Paris month is refused; unset: no limit. */
  X_MONTHLY_BUDGET_USD: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().min(0).max(1_000_000).optional(),
  ),
  /** Local runtime: minutes between two polls of the imported feeds (on AWS, the EventBridge schedule's rate). */
  FEED_IMPORT_EVERY_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * LOCAL DEVELOPMENT ONLY: lets feed sources name private and loopback addresses (a platform running
   * on the developer's machine). Off, only public addresses are fetched (SSRF); never set it on AWS.
   */
  FEED_IMPORT_ALLOW_PRIVATE: z.stringbool().default(false),
});
export type Config = z.infer<typeof ConfigSchema>;

/** The open-data settings the public routes receive (HttpDeps.openData). */
export const openDataSettings = (config: Config): OpenDataSettings => ({
  licence: LICENCES[config.OPEN_DATA_LICENCE],
  publisher: config.OPEN_DATA_PUBLISHER,
  smallGroupThreshold: config.SMALL_GROUP_THRESHOLD,
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws a `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
}
