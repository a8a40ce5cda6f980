// Registers the bot with Telegram after a deploy: the webhook (its URL, secret_token, the update types
// the bot handles, max_connections) and the command menu. Idempotent: what Telegram already has is
// read first (getWebhookInfo, getMyCommands) and set again only when it differs.
import { type Telegram, TelegramError } from 'telegraf';
import { registerCommands } from '#adapters/telegram/bot/commands';
import { en } from '#adapters/telegram/messages/en';
import { fr } from '#adapters/telegram/messages/fr';
import { HANDLED_TYPES, TELEGRAM_WEBHOOK_PATH } from '#handlers/http/telegram-webhook';
import { TELEGRAM_WEBHOOK_MAX_CONNECTIONS } from '../../cdk/constructs/concurrency';

/**
 * Telegram's default, and the webhook function's reserved concurrency (cdk/constructs/concurrency.ts):
 * each connection is at most one invocation at a time. Updates of one chat come one after the other
 * whatever the number, so this only bounds how many chats are served at once.
 */
export const WEBHOOK_MAX_CONNECTIONS = TELEGRAM_WEBHOOK_MAX_CONNECTIONS;

export class TelegramProblem extends Error {
  override name = 'TelegramProblem';
}

/** The webhook's address under the public URL; Telegram calls https:// only, so anything else is refused here. */
export function webhookUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new TelegramProblem(`ApiUrl ${JSON.stringify(apiUrl)}: not a URL`);
  }
  if (url.protocol !== 'https:')
    throw new TelegramProblem(`ApiUrl ${apiUrl}: the webhook must be an https:// URL (Telegram refuses any other)`);
  return `${apiUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
}

/** Runs one Bot API call; a failure is told by method and Telegram's words, the token cut out of any message. */
export async function botApi<T>(token: string, method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message =
      error instanceof TelegramError ? `${error.code} ${error.description}` : (error as Error).message.split('\n')[0]!;
    throw new TelegramProblem(`Telegram ${method}: ${message.replaceAll(token, '<bot token>')}${hint(message)}`);
  }
}

function hint(message: string): string {
  if (/\b401\b|Unauthorized/.test(message)) return ' (the bot token was refused: check it with @BotFather)';
  if (/resolve host|Name or service not known/i.test(message))
    return ' (the domain does not resolve yet: create its DNS record, DomainTarget, then re-run with --skip-cdk)';
  return '';
}

export interface WebhookWanted {
  readonly url: string;
  readonly secretToken: string;
}

export type Registration = { readonly changed: false } | { readonly changed: true; readonly why: string };

/** Why the webhook must be set again, or undefined when Telegram already has it as wanted. */
export function webhookDrift(
  info: {
    url?: string;
    max_connections?: number;
    allowed_updates?: string[];
    last_error_message?: string;
    pending_update_count?: number;
  },
  wanted: WebhookWanted,
  secretChanged: boolean,
): string | undefined {
  if (info.url !== wanted.url) return info.url ? 'the webhook URL changed' : 'no webhook yet';
  if (secretChanged) return 'the webhook secret changed';
  const sorted = (list: readonly string[] | undefined) => JSON.stringify([...(list ?? [])].sort());
  if (sorted(info.allowed_updates) !== sorted(HANDLED_TYPES)) return 'the update types changed';
  if (info.max_connections !== WEBHOOK_MAX_CONNECTIONS) return 'max_connections changed';
  // getWebhookInfo never shows the secret; a webhook that refuses Telegram's deliveries does (the
  // secret written by hand since the last registration). Telegram keeps the last error after the
  // fix, so it counts only while updates are stuck behind it: once they are delivered, a re-run is quiet.
  if (/\b40[13]\b/.test(info.last_error_message ?? '') && (info.pending_update_count ?? 0) > 0)
    return 'the webhook refused Telegram’s deliveries';
  return undefined;
}

export async function registerWebhook(
  telegram: Telegram,
  token: string,
  wanted: WebhookWanted,
  secretChanged: boolean,
): Promise<Registration> {
  const info = await botApi(token, 'getWebhookInfo', () => telegram.getWebhookInfo());
  const why = webhookDrift(info, wanted, secretChanged);
  if (why === undefined) return { changed: false };
  await botApi(token, 'setWebhook', () =>
    telegram.setWebhook(wanted.url, {
      secret_token: wanted.secretToken,
      allowed_updates: [...HANDLED_TYPES],
      max_connections: WEBHOOK_MAX_CONNECTIONS,
      // Updates Telegram holds (sent while the webhook was missing or failing) are for the bot to answer.
      drop_pending_updates: false,
    }),
  );
  return { changed: true, why };
}

/** The command menu in French (default) and English, set again only when one differs. */
export async function syncCommandMenu(telegram: Telegram, token: string): Promise<Registration> {
  const same = (a: readonly { command: string; description: string }[], b: typeof a) =>
    JSON.stringify(a.map((c) => [c.command, c.description])) ===
    JSON.stringify(b.map((c) => [c.command, c.description]));
  const current = await botApi(token, 'getMyCommands', () => telegram.getMyCommands());
  const currentEn = await botApi(token, 'getMyCommands', () => telegram.getMyCommands({ language_code: 'en' }));
  if (same(current, fr.commands) && same(currentEn, en.commands)) return { changed: false };
  await botApi(token, 'setMyCommands', () => registerCommands(telegram));
  return { changed: true, why: 'the command menu differs' };
}
