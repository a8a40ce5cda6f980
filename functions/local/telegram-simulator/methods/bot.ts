// The bot's own profile and chrome: getMe, the command menu (setMyCommands and friends, per scope and language)
// and answerCallbackQuery, whose toast the simulator pins on the pressed message for tests to read.
import * as z from 'zod';
import { badRequest } from '../errors';
import { jsonField, readParams, telegramDescription, flag, type Params } from '../params';
import type { User } from '../types';
import type { ApiContext } from './context';

const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';
/** Callback answer text is limited to 200 characters (https://core.telegram.org/bots/api#answercallbackquery). */
const CALLBACK_TEXT_MAX = 200;
/** Up to 100 commands; names of 1–32 lowercase letters, digits and underscores; descriptions 1–256 characters. */
const COMMANDS_MAX = 100;

const BotCommand = z.object({
  command: z
    .string({ error: telegramDescription('BOT_COMMAND_INVALID') })
    .regex(/^[a-z0-9_]{1,32}$/, { error: telegramDescription('BOT_COMMAND_INVALID') }),
  description: z
    .string({ error: telegramDescription('BOT_COMMAND_DESCRIPTION_INVALID') })
    .min(1, { error: telegramDescription('BOT_COMMAND_DESCRIPTION_INVALID') })
    .max(256, { error: telegramDescription('BOT_COMMAND_DESCRIPTION_INVALID') }),
});

const scopeFields = {
  scope: jsonField(z.looseObject({ type: z.string() }).optional(), "can't parse BotCommandScope JSON object"),
  language_code: z.string().optional(),
};

const SetMyCommands = z.object({
  commands: jsonField(
    z.array(BotCommand, { error: telegramDescription('commands is empty') }),
    "can't parse commands JSON object",
  ),
  ...scopeFields,
});
const ScopeOnly = z.object(scopeFields);

const AnswerCallbackQuery = z.object({
  callback_query_id: z.string({ error: telegramDescription(QUERY_INVALID) }),
  text: z.string().optional(),
  show_alert: flag,
  url: z.string().optional(),
  cache_time: z.unknown().optional(),
});

export function getMe(_params: Params, ctx: ApiContext): User & Record<string, unknown> {
  return {
    ...ctx.state.bot,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
}

const scopeKey = (p: z.output<typeof ScopeOnly>) =>
  `${JSON.stringify(p.scope ?? { type: 'default' })}|${p.language_code ?? ''}`;

export function setMyCommands(params: Params, ctx: ApiContext): true {
  const p = readParams(SetMyCommands, params);
  if (p.commands.length > COMMANDS_MAX) throw badRequest('BOT_COMMANDS_TOO_MUCH');
  ctx.state.commands.set(scopeKey(p), p.commands);
  return true;
}

export function getMyCommands(params: Params, ctx: ApiContext): unknown[] {
  return ctx.state.commands.get(scopeKey(readParams(ScopeOnly, params))) ?? [];
}

export function deleteMyCommands(params: Params, ctx: ApiContext): true {
  ctx.state.commands.delete(scopeKey(readParams(ScopeOnly, params)));
  return true;
}

export function answerCallbackQuery(params: Params, ctx: ApiContext): true {
  const p = readParams(AnswerCallbackQuery, params);
  const query = ctx.state.callbackQueries.get(p.callback_query_id);
  if (!query) throw badRequest(QUERY_INVALID);
  if (ctx.callbackQueryTtlMs !== undefined && ctx.nowMs() - query.createdAtMs > ctx.callbackQueryTtlMs)
    throw badRequest(QUERY_INVALID);
  if (p.text !== undefined && p.text.length > CALLBACK_TEXT_MAX) throw badRequest('MESSAGE_TOO_LONG');
  const record = ctx.state.chats.get(query.chatId);
  const stored = record?.byId.get(query.messageId);
  stored?.toasts.push({
    callback_query_id: p.callback_query_id,
    ...(p.text ? { text: p.text } : {}),
    show_alert: p.show_alert ?? false,
    ...(p.url ? { url: p.url } : {}),
    date: ctx.state.nowSeconds(),
  });
  return true;
}
