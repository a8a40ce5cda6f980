// Builds the Telegram bot: telegraf with one composer per feature, mounted in the order that lets
// commands win over free text and the help fallback come last. The same bot serves the webhook
// (AWS, or the local runtime with the simulator) and long polling; it only needs a token.
import type { Logger } from '@aws-lambda-powertools/logger';
import { Context, Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { CoreContext } from '#core/context';
import { createOpenQuestionnaires } from '#core/questionnaires/open-cache';
import { createKeyFiguresCache } from '#core/restitution/key-figures-cache';
import { catalog, languageFromTelegram } from '../messages/catalog';
import { agenda } from './agenda';
import { agentLink } from './agent-link';
import { campaignText } from './campaign-text';
import { consentGate } from './consent-gate';
import { type BotContext, type BotDeps, errorFields, identify, toast, updateLog } from './context';
import { retryFloodWaits } from './flood-wait';
import { follows } from './follows';
import { help } from './help';
import { language } from './language';
import { membership } from './membership';
import { onboarding } from './onboarding';
import { preferences } from './preferences';
import { privacy } from './privacy';
import { questionnaires } from './questionnaire';

export interface CreateBotOptions {
  token: string;
  /** Bot API root: https://api.telegram.org, or the simulator's URL locally and in tests. */
  apiRoot?: string;
  core: CoreContext;
  logger: Logger;
  subscriberKeySecret: string;
  /** The bot's own profile (getMe), when known: saves a Bot API call on a Lambda cold start. */
  botInfo?: UserFromGetMe;
  /** Public base URL, or how to read it once known (the local runtime learns its own at listen). */
  publicUrl?: string | (() => string);
}

export type Bot = Telegraf<BotContext>;

export function createBot(options: CreateBotOptions): Bot {
  const bot = new Telegraf<BotContext>(options.token, {
    // webhookReply off: every call is a real, awaited request, so nothing is left in flight when
    // a Lambda returns (telegraf would otherwise answer one call in the webhook response).
    telegram: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false },
    // No timer of telegraf's own: the update's budget is kept by processTelegramUpdate, on the Timers
    // port, shorter than the Lambda's timeout; it logs and counts a cut-off and apologises (apologise
    // below). telegraf's default (90 s), or any fixed figure here, would not nest in the webhook's 10 s.
    handlerTimeout: Number.POSITIVE_INFINITY,
  });
  if (options.botInfo) bot.botInfo = options.botInfo;
  const publicUrl = options.publicUrl;
  const deps: BotDeps = {
    core: options.core,
    logger: options.logger,
    subscriberKeySecret: options.subscriberKeySecret,
    publicUrl: typeof publicUrl === 'function' ? publicUrl : () => publicUrl ?? '',
    keyFigures: createKeyFiguresCache(),
    questionnaires: createOpenQuestionnaires(),
  };
  bot.context.deps = deps;

  // telegraf gives each update its own Telegram client: the flood-wait retry goes on each.
  bot.use((ctx, next) => {
    retryFloodWaits(ctx.telegram);
    return next();
  });
  bot.use(identify(deps));
  // agentLink first: an agent's `/lier` must not wait on a subscriber's consent or state. Then the
  // consent gate: a subscriber asked to accept a new consent version answers that before the rest.
  bot.use(
    agentLink(),
    consentGate(),
    onboarding(),
    membership(),
    follows(),
    campaignText(),
    agenda(),
    questionnaires(),
    privacy(),
    language(),
    preferences(),
    help(),
  );

  // telegraf's default handler prints the whole update (chat id, text) to the console: replaced
  // by a log line that carries neither, and a word to the citizen so they can try again.
  bot.catch(async (error, ctx) => {
    (ctx.log ?? updateLog(options.logger, ctx.update)).error('update failed', errorFields(error));
    await apologiseIn(ctx, options.logger);
  });
  return bot;
}

/** A word to the citizen whose update went wrong, so they can try again; never throws (a failure is logged). */
async function apologiseIn(ctx: Context & Partial<Pick<BotContext, 'log' | 't' | 'callbackAnswered'>>, logger: Logger) {
  const t = ctx.t ?? catalog(languageFromTelegram(ctx.from?.language_code));
  try {
    if (ctx.callbackQuery) await toast(ctx as BotContext, t.toastError);
    else if (ctx.message && ctx.chat?.type === 'private') await ctx.reply(t.toastError);
  } catch (apology) {
    (ctx.log ?? updateLog(logger, ctx.update)).warn('could not apologise', errorFields(apology));
  }
}

/**
 * The apology for an update whose handling was cut off (its time budget ran out, telegram-webhook.ts):
 * the stuck handler's context is out of reach, so a fresh one is built on the bot's client. A button
 * the handler had already answered refuses a second answer: logged, nothing more.
 */
export async function apologise(bot: Bot, update: Update, logger: Logger): Promise<void> {
  await apologiseIn(new Context(update, bot.telegram, bot.botInfo!), logger);
}
