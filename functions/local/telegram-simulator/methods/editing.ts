// Changing what the citizen already sees: editMessageText/Caption/ReplyMarkup and deleteMessage, with Telegram's
// refusals — "message is not modified", "message to edit not found" — and its quirk that an edit without
// reply_markup removes the inline keyboard.
import * as z from 'zod';
import { badRequest } from '../errors';
import { formatText } from '../formatting/entities';
import { chatId, entityList, integer, parseMode, readParams, text, type Params } from '../params';
import { readReplyMarkup, sameInlineKeyboard } from '../reply-markup';
import type { StoredMessage } from '../state';
import type { InlineKeyboardMarkup, Message, MessageEntity } from '../types';
import { takeSendSlot, type ApiContext } from './context';
import { CAPTION_MAX, TEXT_MAX } from './messages';

/** Bots may delete messages in private chats for 48 hours (https://core.telegram.org/bots/api#deletemessage). */
const DELETE_WINDOW_SECONDS = 48 * 3600;

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const target = {
  chat_id: chatId,
  message_id: integer('message identifier is not specified'),
  reply_markup: z.unknown().optional(),
};

const EditText = z.object({
  ...target,
  text: text('message text is empty'),
  parse_mode: parseMode,
  entities: entityList,
});
const EditCaption = z.object({
  ...target,
  caption: text('message caption is empty').optional(),
  parse_mode: parseMode,
  caption_entities: entityList,
});
const EditMarkup = z.object(target);
const DeleteMessage = z.object({ chat_id: chatId, message_id: integer('message identifier is not specified') });

export function editMessageText(params: Params, ctx: ApiContext): Message {
  const p = readParams(EditText, params);
  const stored = editable(ctx, p);
  if (stored.message.text === undefined) throw badRequest('there is no text in the message to edit');
  const formatted = formatText(p.text, p.parse_mode, p.entities);
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (formatted.text.length > TEXT_MAX) throw badRequest('message is too long');
  const markup = inlineMarkup(p.reply_markup);
  const m = stored.message;
  if (
    m.text === formatted.text &&
    sameEntities(m.entities, formatted.entities) &&
    sameInlineKeyboard(m.reply_markup, markup)
  )
    throw badRequest(NOT_MODIFIED);
  limitEdit(ctx, m.chat.id);
  m.text = formatted.text;
  setOptional(m, 'entities', formatted.entities.length > 0 ? formatted.entities : undefined);
  stored.source = p.text;
  setOptional(stored, 'parseMode', p.parse_mode);
  return applied(ctx, stored, markup);
}

export function editMessageCaption(params: Params, ctx: ApiContext): Message {
  const p = readParams(EditCaption, params);
  const stored = editable(ctx, p);
  if (stored.message.photo === undefined) throw badRequest('there is no caption in the message to edit');
  const formatted = formatText(p.caption ?? '', p.parse_mode, p.caption_entities);
  if (formatted.text.length > CAPTION_MAX) throw badRequest('message caption is too long');
  const markup = inlineMarkup(p.reply_markup);
  const m = stored.message;
  if (
    (m.caption ?? '') === formatted.text &&
    sameEntities(m.caption_entities, formatted.entities) &&
    sameInlineKeyboard(m.reply_markup, markup)
  )
    throw badRequest(NOT_MODIFIED);
  limitEdit(ctx, m.chat.id);
  setOptional(m, 'caption', formatted.text || undefined);
  setOptional(m, 'caption_entities', formatted.entities.length > 0 ? formatted.entities : undefined);
  stored.source = p.caption;
  return applied(ctx, stored, markup);
}

export function editMessageReplyMarkup(params: Params, ctx: ApiContext): Message {
  const p = readParams(EditMarkup, params);
  const stored = editable(ctx, p);
  const markup = inlineMarkup(p.reply_markup);
  if (sameInlineKeyboard(stored.message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
  limitEdit(ctx, stored.message.chat.id);
  return applied(ctx, stored, markup);
}

export function deleteMessage(params: Params, ctx: ApiContext): true {
  const p = readParams(DeleteMessage, params);
  const record = ctx.state.reachableChat(p.chat_id);
  const stored = ctx.state.findMessage(record, p.message_id);
  if (!stored) throw badRequest('message to delete not found');
  if (ctx.state.nowSeconds() - stored.message.date > DELETE_WINDOW_SECONDS)
    throw badRequest("message can't be deleted for everyone");
  stored.deleted = true;
  ctx.stats.deleted++;
  return true;
}

function editable(ctx: ApiContext, p: { chat_id: number; message_id: number }): StoredMessage {
  const record = ctx.state.reachableChat(p.chat_id);
  const stored = ctx.state.findMessage(record, p.message_id);
  if (!stored) throw badRequest('message to edit not found');
  if (stored.direction !== 'bot') throw badRequest("message can't be edited");
  return stored;
}

/** Only an inline keyboard survives an edit; no reply_markup means no keyboard afterwards. */
function inlineMarkup(raw: unknown): InlineKeyboardMarkup | undefined {
  const inline = readReplyMarkup(raw)?.inline;
  return inline && inline.inline_keyboard.some((row) => row.length > 0) ? inline : undefined;
}

function limitEdit(ctx: ApiContext, chatId: number) {
  if (ctx.limiter.appliesToEdits()) takeSendSlot(ctx, chatId);
}

function applied(ctx: ApiContext, stored: StoredMessage, markup: InlineKeyboardMarkup | undefined): Message {
  setOptional(stored.message, 'reply_markup', markup);
  stored.message.edit_date = ctx.state.nowSeconds();
  ctx.stats.edited++;
  return stored.message;
}

const sameEntities = (a: MessageEntity[] | undefined, b: MessageEntity[]) =>
  JSON.stringify(a ?? []) === JSON.stringify(b);

function setOptional<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined) {
  if (value === undefined) delete object[key];
  else object[key] = value;
}
