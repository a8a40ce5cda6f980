// The Telegram secret after a deploy: the stack generated subscriberKey and left botToken and
// webhookSecret "" (cdk/constructs/secrets.ts). This writes the webhook secret (generated here) and
// the bot token (given by the operator), in one PutSecretValue, only when something changes, keeping
// every other field as it is. subscriberKey is never touched: it keys every subscriber's pseudonym.
import { randomBytes } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { BOT_TOKEN_PATTERN, TelegramSecret, parseSecret } from '#adapters/aws/secret-shapes';

/** How the secret is named in every message: by its role, never by its value. */
export const TELEGRAM_SECRET_NAME = 'Telegram (TelegramSecretArn)';

export class SecretProblem extends Error {
  override name = 'SecretProblem';
}

/** 48 random bytes in base64url: 64 characters of A-Z a-z 0-9 _ -, as Telegram's secret_token allows. */
export const newWebhookSecret = (): string => randomBytes(48).toString('base64url');

/** Checks a bot token the operator gave; the message names where it came from, never the token. */
export function checkBotToken(token: string, source: string): string {
  const trimmed = token.trim();
  if (!BOT_TOKEN_PATTERN.test(trimmed))
    throw new SecretProblem(`${source}: not a bot token as @BotFather gives it (<bot id>:<35 characters>)`);
  return trimmed;
}

export interface TelegramSecretState {
  /** The document as stored, fields we do not own included. */
  readonly document: Record<string, unknown>;
  readonly value: TelegramSecret;
}

export async function readTelegramSecret(client: SecretsManagerClient, arn: string): Promise<TelegramSecretState> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  const parsed = parseSecret(TELEGRAM_SECRET_NAME, SecretString, TelegramSecret);
  if (!parsed.ok) throw new SecretProblem(`${parsed.problem}; nothing was written`);
  return { document: JSON.parse(SecretString!) as Record<string, unknown>, value: parsed.value };
}

export interface SecretPlan {
  readonly botToken: string;
  readonly webhookSecret: string;
  /** What changes, in words an operator reads (never a value). */
  readonly changes: readonly string[];
}

/** What the secret should hold: the given token (else the stored one), the stored webhook secret unless empty or rotated. */
export function planTelegramSecret(
  stored: TelegramSecret,
  givenToken: string | undefined,
  rotateWebhookSecret: boolean,
): SecretPlan {
  const changes: string[] = [];
  const botToken = givenToken ?? stored.botToken;
  if (botToken !== stored.botToken) changes.push(stored.botToken === '' ? 'bot token written' : 'bot token replaced');
  let webhookSecret = stored.webhookSecret;
  if (webhookSecret === '' || rotateWebhookSecret) {
    webhookSecret = newWebhookSecret();
    changes.push(stored.webhookSecret === '' ? 'webhook secret generated' : 'webhook secret rotated');
  }
  return { botToken, webhookSecret, changes };
}

export async function writeTelegramSecret(
  client: SecretsManagerClient,
  arn: string,
  state: TelegramSecretState,
  plan: SecretPlan,
): Promise<void> {
  const document = { ...state.document, botToken: plan.botToken, webhookSecret: plan.webhookSecret };
  await client.send(new PutSecretValueCommand({ SecretId: arn, SecretString: JSON.stringify(document) }));
}
