// Telegram in the local runtime. Without TELEGRAM_BOT_TOKEN: the embedded Bot API simulator, which
// delivers updates to our webhook route with the secret header, exactly as Telegram would. With a
// token: the real Bot API (or TELEGRAM_API_ROOT) by long polling, through the same update path.
// Start-up survives the Bot API's moods: only a token Telegram refuses (401 from getMe) stops it;
// the command menu is cosmetic and set in the background; polling errors are retried.
import { join } from 'node:path';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Hono } from 'hono';
import { TelegramError } from 'telegraf';
import { type Config, openDataSettings } from '#config';
import { type CommandMenuOutcome, registerCommandsWithRetry } from '#adapters/telegram/bot/commands';
import { type Bot, createBot } from '#adapters/telegram/bot/create-bot';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import type { HttpDeps } from '#handlers/http/deps';
import {
  HANDLED_TYPES,
  TELEGRAM_WEBHOOK_PATH,
  processTelegramUpdate,
  telegramWebhookRoutes,
} from '#handlers/http/telegram-webhook';
import { LocalStartError } from './embedded-store';
import { webhookSecret } from './secrets';
import { SIMULATOR_TOKEN, type TelegramSimulator, createTelegramSimulator } from './telegram-simulator/index';

/** Waits `ms`, or rejects when `signal` aborts. Tests inject one in which no real time passes. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;
const abortableSleep: Sleep = (ms, signal) => sleepFor(ms, undefined, { signal });

const POLL_RETRY_MS = 5_000;
/** The simulator's chats, in DATA_DIR (telegram-simulator/persistence.ts). */
const SIMULATOR_FILE = 'telegram-simulator.json';

export interface LocalTelegram {
  mode: 'simulator' | 'polling';
  token: string;
  apiRoot: string;
  bot: Bot;
  simulator?: TelegramSimulator;
  /** The webhook route, mounted on the local HTTP server (simulator mode). */
  routes?: Hono;
  /**
   * Called once the HTTP server listens: registers the webhook or starts polling. Rejects with a
   * LocalStartError only when Telegram refuses the token.
   */
  connect(publicUrl: string): Promise<void>;
  /** The command menu's background registration, once connect() started it. Never rejects. */
  commandMenu?: Promise<CommandMenuOutcome>;
  stop(): Promise<void>;
}

export interface LocalTelegramOptions {
  sleep?: Sleep;
  /** The public base URL (links in the bot's results card), known once the HTTP server listens. */
  publicUrl?: () => string;
  /** The simulator keeps its chats in this folder (DATA_DIR), so a restart still knows its citizens; in memory when absent. */
  dataDir?: string;
}

const errorFields = (error: unknown) => ({
  errorName: (error as Error).name,
  errorCode: error instanceof TelegramError ? error.code : undefined,
  errorMessage: (error as Error).message,
});

export async function startLocalTelegram(
  config: Config,
  core: CampaignDeps,
  logger: Logger,
  subscriberKeySecret: string,
  options: LocalTelegramOptions = {},
): Promise<LocalTelegram> {
  const simulator = config.TELEGRAM_BOT_TOKEN
    ? undefined
    : createTelegramSimulator({
        token: SIMULATOR_TOKEN,
        ...(options.dataDir ? { persistFile: join(options.dataDir, SIMULATOR_FILE) } : {}),
        warn: (message) => logger.warn(message),
      });
  const apiRoot = simulator ? await simulator.start() : config.TELEGRAM_API_ROOT;
  const token = config.TELEGRAM_BOT_TOKEN ?? SIMULATOR_TOKEN;
  const bot = createBot({ token, apiRoot, core, logger, subscriberKeySecret, publicUrl: options.publicUrl });
  const httpDeps = (publicUrl: string): HttpDeps => ({
    ...core,
    logger,
    publicUrl,
    openData: openDataSettings(config),
  });
  const sleep = options.sleep ?? abortableSleep;
  const stopping = new AbortController();
  const startCommandMenu = () =>
    registerCommandsWithRetry(bot.telegram, {
      signal: stopping.signal,
      sleep,
      warn: (message, fields) => logger.warn(message, fields),
    });

  if (simulator) {
    const secret = webhookSecret(config.TELEGRAM_WEBHOOK_SECRET);
    const local: LocalTelegram = {
      mode: 'simulator',
      token,
      apiRoot,
      bot,
      simulator,
      routes: telegramWebhookRoutes(httpDeps(''), bot, { secret }),
      connect: async (publicUrl) => {
        await bot.telegram.setWebhook(`${publicUrl}${TELEGRAM_WEBHOOK_PATH}`, { secret_token: secret });
        local.commandMenu = startCommandMenu();
      },
      stop: async () => {
        stopping.abort();
        await local.commandMenu;
        await simulator.stop();
      },
    };
    return local;
  }

  let loop: Promise<void> = Promise.resolve();
  const local: LocalTelegram = {
    mode: 'polling',
    token,
    apiRoot,
    bot,
    connect: async (publicUrl) => {
      await checkToken(bot, logger);
      local.commandMenu = startCommandMenu();
      loop = pollUpdates(bot, logger, { deps: httpDeps(publicUrl), signal: stopping.signal, sleep });
    },
    stop: async () => {
      // Aborts the poll in flight and any wait: Ctrl-C is immediate, and nothing is left running.
      stopping.abort();
      await Promise.all([loop, local.commandMenu]);
    },
  };
  return local;
}

/**
 * getMe before anything else: a 401 means the token is wrong, which no retry will mend, so start-up
 * stops with a message the person can act on. Any other failure (5xx, network) is only a warning:
 * the bot asks getMe again before its first update.
 */
async function checkToken(bot: Bot, logger: Logger): Promise<void> {
  try {
    bot.botInfo = await bot.telegram.getMe();
  } catch (error) {
    if (error instanceof TelegramError && error.code === 401)
      throw new LocalStartError(
        'Telegram refuse le jeton TELEGRAM_BOT_TOKEN (401 Unauthorized) : vérifiez-le auprès de @BotFather, ' +
          'ou retirez TELEGRAM_BOT_TOKEN pour utiliser le simulateur intégré.',
      );
    logger.warn('telegram getMe failed at start-up, asked again before the first update', errorFields(error));
  }
}

/** Long polling through the same processTelegramUpdate as the webhook (validation, once per update_id). */
async function pollUpdates(
  bot: Bot,
  logger: Logger,
  options: { deps: HttpDeps; signal: AbortSignal; sleep: Sleep },
): Promise<void> {
  const { deps, signal, sleep } = options;
  let offset = 0;
  let webhookDeleted = false;
  while (!signal.aborted) {
    try {
      // getUpdates is refused while a webhook is set (e.g. left by a deployment using this token).
      if (!webhookDeleted) webhookDeleted = await bot.telegram.deleteWebhook();
      const updates = await bot.telegram.callApi(
        'getUpdates',
        { offset, timeout: 10, limit: 100, allowed_updates: [...HANDLED_TYPES] },
        // telegraf types the signal with the abort-controller polyfill's class; Node's is the same at run time.
        { signal: signal as never },
      );
      for (const update of updates) {
        await processTelegramUpdate(deps, bot, update);
        offset = update.update_id + 1;
      }
    } catch (error) {
      if (signal.aborted) return;
      logger.warn(`telegram polling failed, retrying in ${POLL_RETRY_MS / 1000} s`, errorFields(error));
      try {
        await sleep(POLL_RETRY_MS, signal);
      } catch {
        return; // stopped while waiting
      }
    }
  }
}
