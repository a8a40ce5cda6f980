// Telegram in the local runtime. Without TELEGRAM_BOT_TOKEN: the embedded Bot API simulator, which
// delivers updates to our webhook route with the secret header, exactly as Telegram would. With a
// token: the real Bot API (or TELEGRAM_API_ROOT) by long polling, through the same update path.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Hono } from 'hono';
import type { Config } from '#config';
import { registerCommands } from '#adapters/telegram/bot/commands';
import { type Bot, createBot } from '#adapters/telegram/bot/create-bot';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import type { HttpDeps } from '#handlers/http/deps';
import { TELEGRAM_WEBHOOK_PATH, processTelegramUpdate, telegramWebhookRoutes } from '#handlers/http/telegram-webhook';
import { webhookSecret } from './secrets';
import { SIMULATOR_TOKEN, type TelegramSimulator, createTelegramSimulator } from './telegram-simulator/index';

export interface LocalTelegram {
  mode: 'simulator' | 'polling';
  token: string;
  apiRoot: string;
  bot: Bot;
  simulator?: TelegramSimulator;
  /** The webhook route, mounted on the local HTTP server (simulator mode). */
  routes?: Hono;
  /** Called once the HTTP server listens: registers the webhook or starts polling. */
  connect(publicUrl: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalTelegram(
  config: Config,
  core: CampaignDeps,
  logger: Logger,
  subscriberKeySecret: string,
): Promise<LocalTelegram> {
  const simulator = config.TELEGRAM_BOT_TOKEN ? undefined : createTelegramSimulator({ token: SIMULATOR_TOKEN });
  const apiRoot = simulator ? await simulator.start() : config.TELEGRAM_API_ROOT;
  const token = config.TELEGRAM_BOT_TOKEN ?? SIMULATOR_TOKEN;
  const bot = createBot({ token, apiRoot, core, logger, subscriberKeySecret });
  const httpDeps = (publicUrl: string): HttpDeps => ({ ...core, logger, publicUrl });

  if (simulator) {
    const secret = webhookSecret(config.TELEGRAM_WEBHOOK_SECRET);
    return {
      mode: 'simulator',
      token,
      apiRoot,
      bot,
      simulator,
      routes: telegramWebhookRoutes(httpDeps(''), bot, { secret }),
      connect: async (publicUrl) => {
        await bot.telegram.setWebhook(`${publicUrl}${TELEGRAM_WEBHOOK_PATH}`, { secret_token: secret });
        await registerCommands(bot.telegram);
      },
      stop: () => simulator.stop(),
    };
  }

  // Long polling: the same processTelegramUpdate as the webhook (validation, once per update_id).
  let polling = true;
  let loop: Promise<void> = Promise.resolve();
  return {
    mode: 'polling',
    token,
    apiRoot,
    bot,
    connect: async (publicUrl) => {
      await bot.telegram.deleteWebhook();
      await registerCommands(bot.telegram);
      loop = (async () => {
        let offset = 0;
        while (polling) {
          try {
            const updates = await bot.telegram.callApi('getUpdates', {
              offset,
              timeout: 10,
              limit: 100,
              allowed_updates: ['message', 'callback_query', 'my_chat_member'],
            });
            for (const update of updates) {
              await processTelegramUpdate(httpDeps(publicUrl), bot, update);
              offset = update.update_id + 1;
            }
          } catch (error) {
            logger.warn('telegram polling failed, retrying in 5 s', {
              errorName: (error as Error).name,
              errorMessage: (error as Error).message,
            });
            await new Promise((r) => setTimeout(r, 5000));
          }
        }
      })();
    },
    stop: () => {
      polling = false;
      // The poll in flight ends within its 10 s timeout; not waited for, so Ctrl-C is immediate.
      void loop;
      return Promise.resolve();
    },
  };
}
