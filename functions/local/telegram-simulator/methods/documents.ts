// sendDocument: a file the bot sends (the `/mesdonnees` JSON export), uploaded as multipart/form-data
// as telegraf does with a Buffer, or named by a file_id or URL. Telegram's checks in Telegram's
// words: a document present, a caption ≤ 1,024 characters after parse_mode, bots upload ≤ 50 MB.
// A small text file's content is kept (as a test reads what the citizen would open); others' bytes go.
import * as z from 'zod';
import { badRequest } from '../errors';
import { formatText } from '../formatting/entities';
import { chatId, entityList, flag, isUploadedFile, parseMode, readParams, text, type Params } from '../params';
import { readReplyMarkup } from '../reply-markup';
import { definedOnly } from '../state';
import type { Message } from '../types';
import { recordSent, takeSendSlot, type ApiContext } from './context';
import { CAPTION_MAX } from './messages';

/** Bot API: bots upload files of up to 50 MB. */
const UPLOAD_MAX = 50 * 1024 * 1024;
/** Text files up to this size are kept readable in the conversation's view. */
const KEPT_TEXT_MAX = 256 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|xml|csv))/i;

const SendDocument = z.object({
  chat_id: chatId,
  document: z.unknown().optional(),
  caption: text('message caption is empty').optional(),
  parse_mode: parseMode,
  caption_entities: entityList,
  reply_markup: z.unknown().optional(),
  allow_paid_broadcast: flag,
});

export function sendDocument(params: Params, ctx: ApiContext): Message {
  const p = readParams(SendDocument, params);
  const record = ctx.state.reachableChat(p.chat_id);
  const file = readDocument(p.document);
  const markup = readReplyMarkup(p.reply_markup);
  const caption = p.caption === undefined ? undefined : formatText(p.caption, p.parse_mode, p.caption_entities);
  if (caption && caption.text.length > CAPTION_MAX) throw badRequest('message caption is too long');
  takeSendSlot(ctx, record.chat.id, p.allow_paid_broadcast);
  const ids = ctx.state.newFileId('Document');
  ctx.state.files.set(ids.file_id, file.ref);
  const stored = ctx.state.appendMessage(
    record,
    'bot',
    definedOnly({
      document: { ...ids, ...definedOnly({ file_name: file.name, mime_type: file.mimeType, file_size: file.size }) },
      caption: caption?.text || undefined,
      caption_entities: caption && caption.entities.length > 0 ? caption.entities : undefined,
      reply_markup:
        markup?.inline && markup.inline.inline_keyboard.some((row) => row.length > 0) ? markup.inline : undefined,
    }),
    definedOnly({ source: p.caption, parseMode: p.parse_mode, documentText: file.text }),
  );
  recordSent(ctx, record, `document:${file.ref}\n${file.text ?? file.size}`);
  return stored.message;
}

interface ReadDocument {
  ref: string;
  name?: string;
  mimeType?: string;
  size?: number;
  text?: string;
}

/** An upload (its name, type, size, and text when small), or a file_id / URL sent as a string. */
function readDocument(document: unknown): ReadDocument {
  if (isUploadedFile(document)) {
    if (document.size === 0) throw badRequest('file must be non-empty');
    if (document.size > UPLOAD_MAX) throw badRequest('file is too big');
    // Telegram goes by the file's name first (a multipart part often says text/plain or nothing).
    const mimeType = mimeTypeOf(document.filename) ?? (document.mimeType || undefined);
    const keepText = TEXT_TYPES.test(mimeType ?? '') && document.size <= KEPT_TEXT_MAX;
    return {
      ref: `upload:${document.filename}`,
      name: document.filename,
      mimeType,
      size: document.size,
      ...(keepText ? { text: new TextDecoder().decode(document.bytes) } : {}),
    };
  }
  if (typeof document !== 'string' || document === '') throw badRequest('there is no document in the request');
  return { ref: document };
}

/** The type Telegram gives a file by its name's extension (the few a bot of ours sends). */
function mimeTypeOf(filename: string): string | undefined {
  const ext = filename.toLowerCase().split('.').pop();
  return ext === 'json' ? 'application/json' : ext === 'txt' ? 'text/plain' : ext === 'csv' ? 'text/csv' : undefined;
}
