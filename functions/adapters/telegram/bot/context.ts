// What every bot handler receives: the core context, the subscriber behind the chat (read once
// per update, keyed by pseudonym), their language's catalog, and a logger that can only carry the
// pseudonym, the update id and type — never a chat id or a citizen's text (GDPR: minimise logs).
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, MiddlewareFn } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { CoreContext } from '#core/context';
import type { OpenQuestionnaires } from '#core/questionnaires/open-cache';
import type { KeyFiguresCache } from '#core/restitution/key-figures-cache';
import { pseudonymFor } from '#core/subscribers/pseudonym';
import type { Language, Subscriber } from '#core/subscribers/subscriber';
import { type Catalog, catalog, languageFromTelegram } from '../messages/catalog';
import { otherChat } from './other-chats';

export interface BotDeps {
  core: CoreContext;
  logger: Logger;
  /** Key of the HMAC turning a chat id into the subscriber's pseudonym (SUBSCRIBER_KEY_SECRET). */
  subscriberKeySecret: string;
  /** The public base URL ('' when unknown): the results card links to the public results page. */
  publicUrl: () => string;
  /** Results recounted at most every 30 s per questionnaire, whatever the pace of completions. */
  keyFigures: KeyFiguresCache;
  /** The questionnaires presses name, read at most every few seconds per process (open-cache.ts). */
  questionnaires: OpenQuestionnaires;
}

/** Fields a log line may carry. Anything else (chat ids, texts, names) has no way in. */
export interface SafeLogFields {
  /** The subscriber's status as read for this update. */
  status?: string;
  outcome?: string;
  questionnaireId?: string;
  questionId?: string;
  errorName?: string;
  errorMessage?: string;
  stack?: string;
}

export interface UpdateLog {
  info(message: string, fields?: SafeLogFields): void;
  warn(message: string, fields?: SafeLogFields): void;
  error(message: string, fields?: SafeLogFields): void;
}

export interface BotContext extends Context {
  deps: BotDeps;
  /** The pseudonym of the private chat this update comes from. */
  subscriberId: string;
  /** The subscriber as read at the start of this update; handlers replace it after a change. */
  subscriber: Subscriber | undefined;
  language: Language;
  t: Catalog;
  log: UpdateLog;
  /** Set once the callback query is answered: Telegram shows a spinner until it is. */
  callbackAnswered?: boolean;
}

export const updateTypeOf = (update: Update): string => Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';

export function updateLog(logger: Logger, update: Update, subscriberId?: string): UpdateLog {
  const base = {
    updateId: update.update_id,
    updateType: updateTypeOf(update),
    ...(subscriberId ? { subscriber: subscriberId } : {}),
  };
  return {
    info: (message, fields) => logger.info(message, { ...base, ...fields }),
    warn: (message, fields) => logger.warn(message, { ...base, ...fields }),
    error: (message, fields) => logger.error(message, { ...base, ...fields }),
  };
}

/** Error fields safe to log: Telegram errors name the method, never echo its payload here. */
export const errorFields = (e: unknown): SafeLogFields =>
  e instanceof Error
    ? { errorName: e.name, errorMessage: e.message.slice(0, 300), ...(e.stack ? { stack: e.stack } : {}) }
    : { errorName: typeof e };

/**
 * First middleware: only private chats are served (a subscriber is one person); reads the
 * subscriber once, picks the language, and answers any callback query left unanswered.
 */
export function identify(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chat = ctx.chat;
    if (!chat || chat.type !== 'private') {
      // A group or a channel: explained there, then left (other-chats.ts). No pseudonym, no item.
      await otherChat(ctx, updateLog(deps.logger, ctx.update));
      return;
    }
    ctx.subscriberId = pseudonymFor(chat.id, deps.subscriberKeySecret);
    ctx.log = updateLog(deps.logger, ctx.update, ctx.subscriberId);
    ctx.subscriber = await deps.core.store.subscribers.get(ctx.subscriberId);
    ctx.language = ctx.subscriber?.language ?? languageFromTelegram(ctx.from?.language_code);
    ctx.t = catalog(ctx.language);
    ctx.log.info('telegram update', { status: ctx.subscriber?.status ?? 'none' });
    await next();
    if (ctx.callbackQuery && !ctx.callbackAnswered) await toast(ctx);
  };
}

/** Answers the callback query once (Telegram accepts one answer), with a short text if given. */
export async function toast(ctx: BotContext, text?: string): Promise<void> {
  if (!ctx.callbackQuery || ctx.callbackAnswered) return;
  ctx.callbackAnswered = true;
  // A toast is at most 200 characters (Bot API answerCallbackQuery).
  await ctx.answerCbQuery(text === undefined ? undefined : text.slice(0, 200));
}

/** Whether a subscriber follows anything at all (said to someone coming back: their choices are kept). */
export const followsSomething = (s: Subscriber) =>
  s.follows.demarches.length + s.follows.themes.length + s.follows.territories.length > 0;

/** The subscriber if active; otherwise tells them how to (re)join and returns undefined. */
export async function activeSubscriber(ctx: BotContext): Promise<Subscriber | undefined> {
  const s = ctx.subscriber;
  if (s?.status === 'active') return s;
  // Someone who left or blocked us hears how to come back, their follows kept (issue #11).
  const away = s?.status === 'left' || s?.status === 'blocked';
  const text =
    s?.status === 'pending' ? ctx.t.consentFirst : away ? ctx.t.comeBack(followsSomething(s)) : ctx.t.notSubscribed;
  if (ctx.callbackQuery)
    await toast(ctx, s?.status === 'pending' ? text : away ? ctx.t.toastComeBack : ctx.t.toastNotSubscriber);
  else await ctx.reply(text);
  return undefined;
}

/** The callback_data of the button pressed ('' for a game button, which we never send). */
export const callbackData = (ctx: BotContext): string => {
  const query = ctx.callbackQuery;
  return query && 'data' in query ? query.data : '';
};
