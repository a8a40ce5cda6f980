// How the core speaks to the Telegram adapter about presentation: it hands over a campaign, a
// recipient's language and the questionnaire to ask while it is open, and gets back a message that
// it passes, untouched, to the Telegram sender. HTML, buttons, link labels, escaping and Telegram's
// length rules (text ≤ 4,096 characters, caption ≤ 1,024, counted after entity parsing) are the
// adapter's (adapters/telegram/campaign-message.ts). The core refuses, when a campaign is written
// or scheduled, what the adapter says will not fit: a send must never be the first to find out.
import type { Questionnaire } from '../questionnaires/questionnaire';
import { invalid } from '../shared/errors';
import type { Language } from '../subscribers/subscriber';
import type { Campaign, Message } from './campaign';

/** A campaign rendered for Telegram; what else it carries (buttons, photo) is for the adapter's sender. */
export interface TelegramMessage {
  /** The text as Telegram HTML: what the agents' preview shows. */
  readonly html: string;
  /** Characters as Telegram counts them: after entity parsing, in UTF-16 code units. */
  readonly length: number;
  /** The limit that applies: 4,096 for a text, 1,024 for a photo's caption. */
  readonly limit: number;
}

/** The Telegram limit a campaign's message breaks, in the language where it reads longest. */
export interface TelegramLengthViolation {
  rule: 'telegram_text_max_4096' | 'telegram_caption_max_1024';
  language: Language;
  length: number;
  limit: number;
}

export interface TelegramFormat {
  render(
    campaign: Pick<Campaign, 'message' | 'paidBroadcast'>,
    language: Language,
    questionnaire?: Questionnaire,
  ): TelegramMessage;
  /** Checks every language's rendering of the whole message (the short one always fits; the whole is sent on request). */
  check(message: Message): TelegramLengthViolation | undefined;
}

const IN_LANGUAGE: Record<Language, string> = { fr: 'en français', en: 'en anglais' };

export function assertFitsTelegram(format: TelegramFormat, message: Message) {
  const violation = format.check(message);
  if (!violation) return;
  const { rule, language, length, limit } = violation;
  const counted = `il en compte ${length} ${IN_LANGUAGE[language]} (titre, texte et lien compris)`;
  throw invalid(
    'message.text',
    rule,
    rule === 'telegram_caption_max_1024'
      ? `avec une image, le message devient une légende Telegram limitée à ${limit} caractères : ${counted}`
      : `un message Telegram compte au plus ${limit} caractères : ${counted}`,
  );
}
