// Lambda behind API Gateway for /api/*, the agents' console (/console) and /health: the same Hono
// routes the local runtime serves. Campaign tests need the bot token: only when the function is given
// TELEGRAM_SECRET_ARN (and may read that secret) does it send them; otherwise they answer « Telegram
// non configuré » (docs/aws.md).
import { handle } from 'hono/aws-lambda';
import { Hono } from 'hono';
import { hashToken } from '#core/agents/tokens';
import type { TelegramSender } from '#core/delivery/ports';
import { adminApi } from '#handlers/http/admin-api/app';
import { consoleApp } from '#handlers/http/console/app';
import { healthRoutes } from '#handlers/http/health';
import { AdminSecret, TelegramSecret, config, deps, readSecret } from './aws-deps';

const { adminToken } = await readSecret(config.ADMIN_SECRET_ARN, 'ADMIN_SECRET_ARN', AdminSecret);

async function testSender(): Promise<TelegramSender | undefined> {
  if (!config.TELEGRAM_SECRET_ARN) return undefined;
  const { botToken } = await readSecret(config.TELEGRAM_SECRET_ARN, 'TELEGRAM_SECRET_ARN', TelegramSecret);
  // Loaded only here: without the secret, the cold start never evaluates telegraf.
  const { createTelegramSender } = await import('#adapters/telegram/sender');
  return createTelegramSender({ token: botToken, apiRoot: config.TELEGRAM_API_ROOT });
}

const apiDeps = { ...deps, telegram: await testSender() };
const app = new Hono();
app.route('/', healthRoutes(apiDeps));
const bootstrapTokenHash = hashToken(adminToken);
app.route('/', adminApi(apiDeps, { bootstrapTokenHash }));
app.route('/', consoleApp(apiDeps, { bootstrapTokenHash }));

export const handler = handle(app);
