// A digest as Telegram messages: one held item is sent as the campaign itself (its image, its first
// question), exactly as it would have left at once; several are listed under a heading, each with
// its title, text and link, and a button per open questionnaire. Past Telegram's 4,096 characters
// the list goes on in another message, always between two items, never inside one.
import type { DigestEntry, DigestFormat } from '#core/digests/digest';
import type { Language } from '#core/subscribers/subscriber';
import { type TelegramCampaignMessage, renderCampaignMessage } from './campaign-message';
import { catalog } from './messages/catalog';
import { escapeHtml, normalizeUrl, shorten, visibleLength } from './messages/format';
import { type InlineButton, openQuestionnaireButton } from './question-message';

const TELEGRAM_TEXT_MAX = 4096;
const SEPARATOR = '\n\n— — —\n\n';
/** A questionnaire button names its campaign: several may sit under one digest. */
const BUTTON_LABEL_MAX = 40;

function renderItem(entry: DigestEntry, language: Language): string {
  const { message } = entry.campaign;
  const { title, text } = language === 'en' && message.en ? message.en : message;
  const href = escapeHtml(normalizeUrl(message.link));
  return `<b>${escapeHtml(title)}</b>\n${escapeHtml(text)}\n<a href="${href}">${escapeHtml(catalog(language).campaignLink)}</a>`;
}

function questionButton(entry: DigestEntry, language: Language): InlineButton[] {
  if (!entry.questionnaire) return [];
  const button = openQuestionnaireButton(entry.questionnaire.id, language);
  const title =
    language === 'en' && entry.campaign.message.en ? entry.campaign.message.en.title : entry.campaign.message.title;
  return [{ ...button, text: `${button.text} · ${shorten(title, BUTTON_LABEL_MAX)}` }];
}

interface Part {
  items: string[];
  campaignIds: string[];
  buttons: InlineButton[][];
}

const heading = (language: Language, count: number, continued: boolean) =>
  continued ? catalog(language).digestContinued : catalog(language).digestTitle(count);

const partHtml = (language: Language, count: number, part: Part, continued: boolean) =>
  `${heading(language, count, continued)}\n\n${part.items.join(SEPARATOR)}`;

export function renderDigest(entries: readonly DigestEntry[], language: Language) {
  if (entries.length === 1) {
    const [only] = entries as [DigestEntry];
    return [
      { message: renderCampaignMessage(only.campaign, language, only.questionnaire), campaignIds: [only.campaign.id] },
    ];
  }
  const parts: Part[] = [];
  for (const entry of entries) {
    const item = renderItem(entry, language);
    const current = parts.at(-1);
    const grown = current && { ...current, items: [...current.items, item] };
    if (
      current &&
      grown &&
      visibleLength(partHtml(language, entries.length, grown, parts.length > 1)) <= TELEGRAM_TEXT_MAX
    ) {
      current.items.push(item);
      current.campaignIds.push(entry.campaign.id);
      current.buttons.push(...questionButton(entry, language).map((b) => [b]));
    } else
      parts.push({
        items: [item],
        campaignIds: [entry.campaign.id],
        buttons: questionButton(entry, language).map((b) => [b]),
      });
  }
  return parts.map((part, i) => {
    const html = partHtml(language, entries.length, part, i > 0);
    const message: TelegramCampaignMessage = {
      html,
      length: visibleLength(html),
      limit: TELEGRAM_TEXT_MAX,
      ...(part.buttons.length ? { replyMarkup: { inline_keyboard: part.buttons } } : {}),
    };
    return { message, campaignIds: part.campaignIds };
  });
}

/** The core's port (core/digests/digest.ts), implemented here. */
export const telegramDigestFormat: DigestFormat = { render: renderDigest };
