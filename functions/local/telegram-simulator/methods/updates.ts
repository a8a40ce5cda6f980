// How the bot receives updates: setWebhook/deleteWebhook/getWebhookInfo and getUpdates, validated as Telegram
// validates them, except that plain http:// webhooks are accepted (the bot runs on localhost).
import * as z from 'zod';
import { badRequest } from '../errors';
import { flag, integer, jsonField, readParams, type Params } from '../params';
import type { Update } from '../types';
import { Described, type ApiContext } from './context';

/** secret_token: 1–256 characters A-Z a-z 0-9 _ - (https://core.telegram.org/bots/api#setwebhook). */
const SECRET_TOKEN = /^[A-Za-z0-9_-]+$/;

const allowedUpdates = jsonField(z.array(z.string()).optional(), "can't parse allowed updates JSON object");

const SetWebhook = z.object({
  url: z.string().optional(),
  secret_token: z.string().optional(),
  allowed_updates: allowedUpdates,
  drop_pending_updates: flag,
  max_connections: integer('max_connections must be a number').optional(),
  ip_address: z.string().optional(),
  certificate: z.unknown().optional(),
});

const DeleteWebhook = z.object({ drop_pending_updates: flag });

const GetUpdates = z.object({
  offset: integer('offset must be a number').optional(),
  limit: integer('limit must be a number').optional(),
  timeout: integer('timeout must be a number').optional(),
  allowed_updates: allowedUpdates,
});

export function setWebhook(params: Params, ctx: ApiContext): Described {
  const p = readParams(SetWebhook, params);
  const url = p.url ?? '';
  if (url === '') return new Described(true, ctx.dispatcher.deleteWebhook(p.drop_pending_updates ?? false));
  if (!isHttpUrl(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const secret = p.secret_token || undefined;
  if (secret !== undefined && secret.length > 256) throw badRequest('secret token is too long');
  if (secret !== undefined && !SECRET_TOKEN.test(secret))
    throw badRequest('secret token contains unallowed characters');
  const maxConnections = p.max_connections ?? 40;
  if (maxConnections < 1 || maxConnections > 100)
    throw badRequest('bad webhook: max_connections must be between 1 and 100');
  const description = ctx.dispatcher.setWebhook(
    {
      url,
      maxConnections,
      ...(secret ? { secretToken: secret } : {}),
      ...(p.ip_address ? { ipAddress: p.ip_address } : {}),
    },
    p.allowed_updates,
    p.drop_pending_updates ?? false,
  );
  return new Described(true, description);
}

export function deleteWebhook(params: Params, ctx: ApiContext): Described {
  const p = readParams(DeleteWebhook, params);
  return new Described(true, ctx.dispatcher.deleteWebhook(p.drop_pending_updates ?? false));
}

export function getWebhookInfo(_params: Params, ctx: ApiContext): Record<string, unknown> {
  return ctx.dispatcher.webhookInfo();
}

export function getUpdates(params: Params, ctx: ApiContext): Promise<Update[]> {
  const p = readParams(GetUpdates, params);
  return ctx.dispatcher.getUpdates({
    ...(p.offset !== undefined ? { offset: p.offset } : {}),
    ...(p.limit !== undefined ? { limit: p.limit } : {}),
    ...(p.timeout !== undefined ? { timeout: p.timeout } : {}),
    ...(p.allowed_updates ? { allowed_updates: p.allowed_updates } : {}),
  });
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
