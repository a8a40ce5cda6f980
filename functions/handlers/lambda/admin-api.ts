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
import { campaignAlarmFor } from '#adapters/scheduler/eventbridge';
import { AdminSecret, TelegramSecret, config, deps, readSecret } from './aws-deps';

const { adminToken } = await readSecret(config.ADMIN_SECRET_ARN, 'ADMIN_SECRET_ARN', AdminSecret);

/**
 * The sender of campaign tests, loaded at the first test rather than at cold start: the API and the
 * console must start even while the bot token is not written yet, and telegraf costs nothing until then.
 */
function testSender(): TelegramSender | undefined {
  const secretArn = config.TELEGRAM_SECRET_ARN;
  if (!secretArn) return undefined;
  let loading: Promise<TelegramSender> | undefined;
  const load = async () => {
    const { botToken } = await readSecret(secretArn, 'TELEGRAM_SECRET_ARN', TelegramSecret);
    const { createTelegramSender } = await import('#adapters/telegram/sender');
    return createTelegramSender({ token: botToken, apiRoot: config.TELEGRAM_API_ROOT });
  };
  return {
    async send(chatId, message, options) {
      // A failed load is not kept: the next test reads the secret again (it may have been written since).
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return (await loading).send(chatId, message, options);
    },
  };
}

// Scheduling a campaign sets its alarm (EventBridge Scheduler's client is loaded at the first one).
const apiDeps = { ...deps, telegram: testSender(), alarm: campaignAlarmFor(config, deps.clock) };
const app = new Hono();
app.route('/', healthRoutes(apiDeps));
const bootstrapTokenHash = hashToken(adminToken);
app.route('/', adminApi(apiDeps, { bootstrapTokenHash }));
app.route('/', consoleApp(apiDeps, { bootstrapTokenHash }));

export const handler = handle(app);
