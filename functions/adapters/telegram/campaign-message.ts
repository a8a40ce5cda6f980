// A campaign as one short Telegram message, in the recipient's language: bold title, the text's
// first two lines (at most 280 characters, cut after a sentence with « … »), the link; when the
// campaign asks a questionnaire, a « Répondre (4 questions, 1 min) » button that opens it on its
// own message (the answering flow's `open` action). Nothing the agent wrote is lost: a cut text
// carries a « Lire le message entier » button that sends it whole (campaign-text.ts), the link
// reads « Lire la suite », and feeds and X keep the full text. A message to a questionnaire's
// respondents (the restitution) is sent whole. The agents' preview shows this very rendering. Bot API limits: text ≤ 4,096 characters, caption ≤ 1,024, counted after entity
// parsing; the whole text, sent on request, is what the 4,096 check holds the agent to.
import type { Campaign, Message } from '#core/campaigns/campaign';
import type { TelegramFormat, TelegramLengthViolation, TelegramMessage } from '#core/campaigns/telegram-format';
import { type Question, type Questionnaire, questionCountRange } from '#core/questionnaires/questionnaire';
import { Language } from '#core/subscribers/subscriber';
import { catalog } from './messages/catalog';
import { escapeHtml, normalizeUrl, visibleLength } from './messages/format';
import { type InlineButton, openQuestionnaireButton } from './question-message';

const TELEGRAM_TEXT_MAX = 4096;
const TELEGRAM_CAPTION_MAX = 1024;

/** What the sender (sender.ts) sends: the rendered HTML plus the Bot API's extras. */
export interface TelegramCampaignMessage extends TelegramMessage {
  replyMarkup?: { inline_keyboard: InlineButton[][] };
  /** Sent with sendPhoto when set: the HTML is then its caption (≤ 1,024 characters). */
  photoUrl?: string;
  /** Shown as the link preview above the text (an image too long to caption). */
  previewUrl?: string;
  /** The text was cut to two lines: the preview says so; the « Lire le message entier » button sends it whole. */
  shortened?: boolean;
  /** Sent with allow_paid_broadcast (the campaign's `paidBroadcast`): up to 1,000/s, 0.1 Star each. */
  paidBroadcast?: boolean;
}

/** « Two lines »: at most two of the agent's lines, and at most this many characters. */
export const SHORT_TEXT_MAX = 280;
const SHORT_TEXT_LINES = 2;

/**
 * The text as the campaign message shows it: whole when it is short, else its first two lines,
 * cut within 280 characters after the last full sentence (or word) that fits, ending with « … ».
 */
export function shortText(text: string): { text: string; cut: boolean } {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const kept = lines.slice(0, SHORT_TEXT_LINES).join('\n');
  const chars = [...kept];
  if (chars.length <= SHORT_TEXT_MAX)
    return lines.length <= SHORT_TEXT_LINES ? { text: kept, cut: false } : { text: `${kept} …`, cut: true };
  const head = chars.slice(0, SHORT_TEXT_MAX - 2).join('');
  // The last sentence end that leaves at least a third of the room used; else the last space.
  const sentence = /^[\s\S]*[.!?…»)](?=\s)/.exec(head)?.[0];
  const word = /^[\s\S]*\S(?=\s)/.exec(head)?.[0];
  const cutAt = sentence && [...sentence].length >= SHORT_TEXT_MAX / 3 ? sentence : (word ?? head);
  return { text: `${cutAt.trimEnd()} …`, cut: true };
}

const wording = (message: Message, language: Language) => (language === 'en' && message.en ? message.en : message);

/** What the renderer reads of a campaign: its audience decides whether the text is shortened. */
type Rendered = Pick<Campaign, 'message' | 'paidBroadcast'> & Partial<Pick<Campaign, 'id' | 'audience'>>;

/**
 * A message to the respondents of a questionnaire (« Voici ce que vous avez dit », an evaluation)
 * is the answer they waited for, results and « Et après ? » included: sent whole. Announcements
 * to followers or everyone are the short kind.
 */
const sentWhole = (campaign: Rendered) => campaign.audience?.kind === 'respondents';

/** The campaign's own part, short: self-contained on purpose (a citizen may read nothing else). English readers get `message.en` when written. */
function renderBody(message: Message, language: Language, whole = false): { html: string; cut: boolean } {
  const { title, text } = wording(message, language);
  const short = whole ? { text, cut: false } : shortText(text);
  const t = catalog(language);
  const href = escapeHtml(normalizeUrl(message.link));
  const label = escapeHtml(short.cut ? t.campaignReadMore : t.campaignLink);
  return {
    html: `<b>${escapeHtml(title)}</b>\n\n${escapeHtml(short.text)}\n\n<a href="${href}">${label}</a>`,
    cut: short.cut,
  };
}

/** The whole campaign, sent when a citizen asks for it (« Lire le message entier »). */
export function renderFullCampaign(message: Message, language: Language): string {
  const { title, text } = wording(message, language);
  const href = escapeHtml(normalizeUrl(message.link));
  const label = escapeHtml(catalog(language).campaignLink);
  return `<b>${escapeHtml(title)}</b>\n\n${escapeHtml(text)}\n\n<a href="${href}">${label}</a>`;
}

/** Seconds a citizen takes on a question of each kind: reading, thinking, a tap or a few words. */
const SECONDS: Record<Question['kind'], number> = {
  yes_no: 8,
  scale: 10,
  single_choice: 12,
  multiple_choice: 18,
  ranking: 25,
  short_text: 45,
};

/** How many questions the citizen will see (a range with skip logic) and the minutes the longest path takes, at least 1. */
export function answerEstimate(questionnaire: Pick<Questionnaire, 'questions'>): {
  min: number;
  max: number;
  minutes: number;
} {
  const { min, max } = questionCountRange(questionnaire.questions);
  const seconds = questionnaire.questions.reduce((sum, q) => sum + SECONDS[q.kind], 0);
  return { min, max, minutes: Math.max(1, Math.ceil(seconds / 60)) };
}

export const fullTextCallback = (campaignId: string) => `cf:${campaignId}`;
export const decodeFullTextCallback = (data: string) => /^cf:([A-Za-z0-9_-]{1,16})$/.exec(data)?.[1];

function buttonsOf(
  campaign: Rendered,
  language: Language,
  cut: boolean,
  questionnaire?: Questionnaire,
): InlineButton[][] {
  const t = catalog(language);
  const rows: InlineButton[][] = [];
  if (questionnaire) {
    const { min, max, minutes } = answerEstimate(questionnaire);
    const open = openQuestionnaireButton(questionnaire.id, language);
    rows.push([{ ...open, text: t.campaignAnswer(min, max, minutes) }]);
  }
  if (cut && campaign.id) rows.push([{ text: t.campaignFullText, callback_data: fullTextCallback(campaign.id) }]);
  return rows;
}

export function renderCampaignMessage(
  campaign: Rendered,
  language: Language,
  questionnaire?: Questionnaire,
): TelegramCampaignMessage {
  const { html, cut } = renderBody(campaign.message, language, sentWhole(campaign));
  const length = visibleLength(html);
  const keyboard = buttonsOf(campaign, language, cut, questionnaire);
  const message: TelegramCampaignMessage = {
    html,
    length,
    limit: TELEGRAM_TEXT_MAX,
    ...(keyboard.length ? { replyMarkup: { inline_keyboard: keyboard } } : {}),
    ...(cut ? { shortened: true } : {}),
    ...(campaign.paidBroadcast ? { paidBroadcast: true } : {}),
  };
  const image = campaign.message.imageUrl;
  if (!image) return message;
  return length <= TELEGRAM_CAPTION_MAX
    ? { ...message, limit: TELEGRAM_CAPTION_MAX, photoUrl: image }
    : { ...message, previewUrl: image };
}

/**
 * The limit a message breaks in its longest language, if any. The short message always fits (a
 * caption too); the whole text, sent on request as a text message, must fit 4,096 characters.
 */
export function checkCampaignMessage(message: Message): TelegramLengthViolation | undefined {
  const limit = TELEGRAM_TEXT_MAX;
  const [longest] = Language.options
    .map((language) => ({ language, length: visibleLength(renderFullCampaign(message, language)) }))
    .sort((a, b) => b.length - a.length);
  if (!longest || longest.length <= limit) return undefined;
  return { rule: 'telegram_text_max_4096', ...longest, limit };
}

/** The core's port (core/campaigns/telegram-format.ts), implemented here. */
export const telegramCampaignFormat: TelegramFormat = { render: renderCampaignMessage, check: checkCampaignMessage };
