// One webhook request as Telegram makes it: the update as JSON, the secret token header, and the outcome in the
// words getWebhookInfo's last_error_message uses.
import type { Update } from './types';

export interface WebhookSettings {
  url: string;
  secretToken?: string;
  maxConnections: number;
  ipAddress?: string;
}

export interface AttemptOutcome {
  status?: number;
  error?: string;
  /** A 2xx body: telegraf may answer a method there (webhookReply), which Telegram then executes. */
  reply?: { contentType?: string; body: Buffer };
}

export async function postUpdate(hook: WebhookSettings, update: Update, signal: AbortSignal): Promise<AttemptOutcome> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (hook.secretToken) headers['X-Telegram-Bot-Api-Secret-Token'] = hook.secretToken;
  try {
    const response = await fetch(reachableUrl(hook.url), {
      method: 'POST',
      headers,
      body: JSON.stringify(update),
      signal,
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok)
      return {
        status: response.status,
        error: `Wrong response from the webhook: ${response.status} ${response.statusText}`,
      };
    return {
      status: response.status,
      ...(body.length > 0 ? { reply: { contentType: response.headers.get('content-type') ?? undefined, body } } : {}),
    };
  } catch (error) {
    return { error: describeNetworkError(error) };
  }
}

/**
 * telegraf's createWebhook always registers https://; a bot on this machine has no certificate, so an https
 * webhook on a loopback host is called over plain http. Any other host is called as registered.
 */
export function reachableUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' && LOOPBACK.has(parsed.hostname)) parsed.protocol = 'http:';
  return parsed.toString();
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The last_error_message wording Telegram shows in getWebhookInfo. */
function describeNetworkError(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'Read timeout expired';
  switch (e.cause?.code) {
    case 'ECONNREFUSED':
      return 'Connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'Connection reset by peer';
    case 'ENOTFOUND':
      return 'Failed to resolve host: Name or service not known';
    default:
      return e.cause?.message ?? e.message;
  }
}
