// Sending: sendMessage, sendPhoto and sendChatAction, with Telegram's checks in Telegram's words — text ≤ 4,096
// and caption ≤ 1,024 characters counted after parse_mode, a valid keyboard, a reachable chat, the flood limits.
import * as z from 'zod';
import { badRequest } from '../errors';
import { formatText } from '../formatting/entities';
import {
  chatId,
  entityList,
  flag,
  integer,
  isUploadedFile,
  jsonField,
  parseMode,
  readParams,
  telegramDescription,
  text,
  type Params,
} from '../params';
import { readReplyMarkup } from '../reply-markup';
import { definedOnly, type ChatRecord } from '../state';
import type { Message, PhotoSize } from '../types';
import { recordSent, takeSendSlot, type ApiContext } from './context';

export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;

const replyFields = {
  reply_parameters: jsonField(
    z
      .looseObject({ message_id: integer('message to be replied not found'), allow_sending_without_reply: flag })
      .optional(),
    "can't parse reply parameters JSON object",
  ),
  reply_to_message_id: integer('message to be replied not found').optional(),
  allow_sending_without_reply: flag,
  reply_markup: z.unknown().optional(),
  allow_paid_broadcast: flag,
};

const SendMessage = z.object({
  chat_id: chatId,
  text: text('message text is empty'),
  parse_mode: parseMode,
  entities: entityList,
  ...replyFields,
});

const SendPhoto = z.object({
  chat_id: chatId,
  photo: z.unknown().optional(),
  caption: text('message caption is empty').optional(),
  parse_mode: parseMode,
  caption_entities: entityList,
  ...replyFields,
});

const CHAT_ACTIONS = [
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
] as const;

const SendChatAction = z.object({
  chat_id: chatId,
  action: z.enum(CHAT_ACTIONS, { error: telegramDescription('wrong parameter action in request') }),
});

export function sendMessage(params: Params, ctx: ApiContext): Message {
  const p = readParams(SendMessage, params);
  const record = ctx.state.reachableChat(p.chat_id);
  const markup = readReplyMarkup(p.reply_markup);
  const formatted = formatText(p.text, p.parse_mode, p.entities);
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (formatted.text.length > TEXT_MAX) throw badRequest('message is too long');
  const replyTo = replyTarget(ctx, record, p);
  takeSendSlot(ctx, record.chat.id, p.allow_paid_broadcast);
  const stored = ctx.state.appendMessage(
    record,
    'bot',
    definedOnly({
      reply_to_message: replyTo,
      text: formatted.text,
      entities: formatted.entities.length > 0 ? formatted.entities : undefined,
      reply_markup: hasButtons(markup?.inline) ? markup?.inline : undefined,
    }),
    definedOnly({ source: p.text, parseMode: p.parse_mode }),
  );
  recordSent(ctx, record, `text:${formatted.text}`);
  return stored.message;
}

export function sendPhoto(params: Params, ctx: ApiContext): Message {
  const p = readParams(SendPhoto, params);
  const record = ctx.state.reachableChat(p.chat_id);
  const photoRef = readPhoto(ctx, p.photo);
  const markup = readReplyMarkup(p.reply_markup);
  const caption = p.caption === undefined ? undefined : formatText(p.caption, p.parse_mode, p.caption_entities);
  if (caption && caption.text.length > CAPTION_MAX) throw badRequest('message caption is too long');
  const replyTo = replyTarget(ctx, record, p);
  takeSendSlot(ctx, record.chat.id, p.allow_paid_broadcast);
  const photo = photoSizes(ctx, photoRef);
  const stored = ctx.state.appendMessage(
    record,
    'bot',
    definedOnly({
      reply_to_message: replyTo,
      photo,
      caption: caption?.text || undefined,
      caption_entities: caption && caption.entities.length > 0 ? caption.entities : undefined,
      reply_markup: hasButtons(markup?.inline) ? markup?.inline : undefined,
    }),
    definedOnly({ source: p.caption, parseMode: p.parse_mode, photoRef }),
  );
  recordSent(ctx, record, `photo:${photoRef}\n${caption?.text ?? ''}`);
  return stored.message;
}

export function sendChatAction(params: Params, ctx: ApiContext): true {
  const p = readParams(SendChatAction, params);
  ctx.state.reachableChat(p.chat_id);
  return true;
}

/** A photo is a URL (Telegram would download it), a file_id it already knows, or a multipart upload. */
function readPhoto(ctx: ApiContext, photo: unknown): string {
  if (isUploadedFile(photo)) return `upload:${photo.filename}`;
  if (typeof photo !== 'string' || photo === '') throw badRequest('there is no photo in the request');
  if (/^https?:\/\//i.test(photo)) return photo;
  const known = ctx.state.files.get(photo);
  if (known === undefined) throw badRequest('wrong file identifier/HTTP URL specified');
  return known;
}

/** Telegram stores a photo in several sizes; bots usually keep the file_id of the largest. */
function photoSizes(ctx: ApiContext, photoRef: string): PhotoSize[] {
  return [90, 320, 800].map((side) => {
    const ids = ctx.state.newFileId('Photo');
    ctx.state.files.set(ids.file_id, photoRef);
    return { ...ids, width: side, height: side, file_size: (side * side) / 8 };
  });
}

function replyTarget(
  ctx: ApiContext,
  record: ChatRecord,
  p: {
    reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
    reply_to_message_id?: number;
    allow_sending_without_reply?: boolean;
  },
): Message | undefined {
  const messageId = p.reply_parameters?.message_id ?? p.reply_to_message_id;
  if (messageId === undefined) return undefined;
  const target = ctx.state.findMessage(record, messageId);
  if (target) {
    const { reply_to_message: _nested, ...shallow } = target.message;
    return shallow;
  }
  if (p.reply_parameters?.allow_sending_without_reply ?? p.allow_sending_without_reply) return undefined;
  throw badRequest('message to be replied not found');
}

const hasButtons = (markup: { inline_keyboard: unknown[][] } | undefined) =>
  !!markup && markup.inline_keyboard.some((row) => row.length > 0);
