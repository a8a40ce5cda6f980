// A campaign as one Telegram message: its text, then the first question of its questionnaire with
// its inline buttons, so a citizen reads and answers from one message (one send of the 30/s budget).
// Bot API limits: text ≤ 4,096 characters, caption ≤ 1,024, counted after HTML parsing.
import type { Campaign } from '../campaigns/campaign';
import { TELEGRAM_CAPTION_MAX, TELEGRAM_TEXT_MAX, renderTelegramMessage } from '../campaigns/telegram-message';
import type { OutgoingTelegramMessage, RenderedQuestion } from './ports';

const ENTITY = /&(lt|gt|amp|quot|#39|#x27);/g;
const UNESCAPE: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" };
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What Telegram shows of an HTML text: tags removed, entities as one character (UTF-16 units, as Telegram counts). */
export const plainText = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(ENTITY, (_, e: string) => UNESCAPE[e] ?? '');

export function composeTelegramCampaign(
  campaign: Pick<Campaign, 'message'>,
  question?: RenderedQuestion,
): OutgoingTelegramMessage {
  const body = renderTelegramMessage(campaign.message);
  let text = body;
  if (question) {
    text = `${body}\n\n${question.text}`;
    if (plainText(text).length > TELEGRAM_TEXT_MAX) {
      // The campaign alone fits (checked when scheduled); shorten the question, never the campaign.
      const room = TELEGRAM_TEXT_MAX - plainText(body).length - 2; // the blank line between them
      const prompt = plainText(question.text);
      text = `${body}\n\n${escapeHtml(prompt.length > room ? `${prompt.slice(0, Math.max(0, room - 1))}…` : prompt)}`;
    }
  }
  const message: OutgoingTelegramMessage = {
    text,
    parseMode: 'HTML',
    ...(question ? { replyMarkup: question.reply_markup } : {}),
  };
  const image = campaign.message.imageUrl;
  if (!image) return message;
  // A photo's caption holds 1,024 characters; longer, the image becomes the link preview above the text.
  return plainText(text).length <= TELEGRAM_CAPTION_MAX
    ? { ...message, photoUrl: image }
    : { ...message, previewUrl: image };
}
