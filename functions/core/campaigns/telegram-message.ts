// How a campaign reads in a Telegram chat, and the Telegram limits it must fit: text ≤ 4,096
// characters, or a caption ≤ 1,024 when the message carries an image (Bot API limits).
import { invalid } from '../shared/errors';
import type { Message } from './campaign';

export const TELEGRAM_TEXT_MAX = 4096;
export const TELEGRAM_CAPTION_MAX = 1024;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The message as Telegram HTML: bold title, the text, then the link. Self-contained on purpose. */
export function renderTelegramMessage(message: Message, linkLabel = 'En savoir plus'): string {
  return `<b>${escapeHtml(message.title)}</b>\n\n${escapeHtml(message.text)}\n\n<a href="${escapeHtml(message.link)}">${escapeHtml(linkLabel)}</a>`;
}

/** Length as Telegram counts it: after entity parsing, in UTF-16 code units. */
export function visibleLength(message: Message, linkLabel = 'En savoir plus'): number {
  return `${message.title}\n\n${message.text}\n\n${linkLabel}`.length;
}

export function assertFitsTelegram(message: Message) {
  const length = visibleLength(message);
  if (message.imageUrl && length > TELEGRAM_CAPTION_MAX)
    throw invalid(
      'message.text',
      'telegram_caption_max_1024',
      `avec une image, le message devient une légende Telegram limitée à ${TELEGRAM_CAPTION_MAX} caractères : il en compte ${length}`,
    );
  if (length > TELEGRAM_TEXT_MAX)
    throw invalid(
      'message.text',
      'telegram_text_max_4096',
      `un message Telegram compte au plus ${TELEGRAM_TEXT_MAX} caractères : il en compte ${length}`,
    );
}
