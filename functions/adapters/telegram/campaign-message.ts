// A campaign as one Telegram message, in the recipient's language: bold title, the text, the link
// (its label from the message catalog), then the first question of its questionnaire with its
// inline buttons, so a citizen reads and answers from one message (one send of the 30/s budget).
// Bot API limits: text ≤ 4,096 characters, caption ≤ 1,024, counted after entity parsing; a photo
// whose caption would be longer is shown as the link preview above the text instead.
import type { Campaign, Message } from '#core/campaigns/campaign';
import type { TelegramFormat, TelegramLengthViolation, TelegramMessage } from '#core/campaigns/telegram-format';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { Language } from '#core/subscribers/subscriber';
import { catalog } from './messages/catalog';
import { escapeHtml, normalizeUrl, plainText, visibleLength } from './messages/format';
import { type InlineButton, renderQuestion } from './question-message';

const TELEGRAM_TEXT_MAX = 4096;
const TELEGRAM_CAPTION_MAX = 1024;

/** What the sender (sender.ts) sends: the rendered HTML plus the Bot API's extras. */
export interface TelegramCampaignMessage extends TelegramMessage {
  replyMarkup?: { inline_keyboard: InlineButton[][] };
  /** Sent with sendPhoto when set: the HTML is then its caption (≤ 1,024 characters). */
  photoUrl?: string;
  /** Shown as the link preview above the text (an image too long to caption). */
  previewUrl?: string;
  /** Sent with allow_paid_broadcast (the campaign's `paidBroadcast`): up to 1,000/s, 0.1 Star each. */
  paidBroadcast?: boolean;
}

/** The campaign's own part: self-contained on purpose (a citizen may read nothing else). English readers get `message.en` when written. */
function renderBody(message: Message, language: Language): string {
  const { title, text } = language === 'en' && message.en ? message.en : message;
  const href = escapeHtml(normalizeUrl(message.link));
  const label = escapeHtml(catalog(language).campaignLink);
  return `<b>${escapeHtml(title)}</b>\n\n${escapeHtml(text)}\n\n<a href="${href}">${label}</a>`;
}

/** Body, then the question; past 4,096 characters the question's prompt is shortened, never the campaign (checked when written). */
function withQuestion(body: string, question: string): string {
  const html = `${body}\n\n${question}`;
  if (visibleLength(html) <= TELEGRAM_TEXT_MAX) return html;
  const room = TELEGRAM_TEXT_MAX - visibleLength(body) - 2; // the blank line between them
  const prompt = plainText(question);
  return `${body}\n\n${escapeHtml(prompt.length > room ? `${prompt.slice(0, Math.max(0, room - 1))}…` : prompt)}`;
}

export function renderCampaignMessage(
  campaign: Pick<Campaign, 'message' | 'paidBroadcast'>,
  language: Language,
  questionnaire?: Questionnaire,
): TelegramCampaignMessage {
  const body = renderBody(campaign.message, language);
  const question = questionnaire && renderQuestion(questionnaire, 0, { language });
  const html = question ? withQuestion(body, question.text) : body;
  const length = visibleLength(html);
  const message: TelegramCampaignMessage = {
    html,
    length,
    limit: TELEGRAM_TEXT_MAX,
    ...(question ? { replyMarkup: question.reply_markup } : {}),
    ...(campaign.paidBroadcast ? { paidBroadcast: true } : {}),
  };
  const image = campaign.message.imageUrl;
  if (!image) return message;
  return length <= TELEGRAM_CAPTION_MAX
    ? { ...message, limit: TELEGRAM_CAPTION_MAX, photoUrl: image }
    : { ...message, previewUrl: image };
}

/** The limit a message breaks in its longest language, if any: with an image it must fit a caption. */
export function checkCampaignMessage(message: Message): TelegramLengthViolation | undefined {
  const limit = message.imageUrl ? TELEGRAM_CAPTION_MAX : TELEGRAM_TEXT_MAX;
  const [longest] = Language.options
    .map((language) => ({ language, length: visibleLength(renderBody(message, language)) }))
    .sort((a, b) => b.length - a.length);
  if (!longest || longest.length <= limit) return undefined;
  const rule = message.imageUrl ? 'telegram_caption_max_1024' : 'telegram_text_max_4096';
  return { rule, ...longest, limit };
}

/** The core's port (core/campaigns/telegram-format.ts), implemented here. */
export const telegramCampaignFormat: TelegramFormat = { render: renderCampaignMessage, check: checkCampaignMessage };
