// The request to accept a new version of the consent text, as one Telegram message: what changed
// and what it means (nothing is sent until they answer), the whole current text, and two buttons
// naming the version they answer (`rc:y:<version>`, `rc:n:<version>`), so a press on the request of
// a version since replaced is recognised. Sent by the bot (consent-gate.ts) and, in place of a
// campaign or a digest, by the delivery path (core/subscribers/consent.ts `askConsentAgain`).
import type { ConsentRequestFormat, ConsentVersion } from '#core/subscribers/consent';
import type { Language } from '#core/subscribers/subscriber';
import type { TelegramCampaignMessage } from './campaign-message';
import { catalog } from './messages/catalog';
import { visibleLength } from './messages/format';

const TELEGRAM_TEXT_MAX = 4096;

/** callback_data of the two answers: « rc » (renew consent), the answer, the version shown. */
export const renewCallback = (answer: 'y' | 'n', version: number) => `rc:${answer}:${version}`;
export const RENEW_CALLBACK = /^rc:([yn]):(\d{1,6})$/;

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A version's day (YYYY-MM-DD) as the citizen's language writes it: « 1er décembre 2026 » / “1 December 2026”. */
export function formatConsentDate(day: string, language: Language): string {
  const format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' });
  return format
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .map((part) => (language === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

export function renderConsentRequest(language: Language, version: ConsentVersion): TelegramCampaignMessage {
  const t = catalog(language);
  const html = `${t.consentChanged(version.version, formatConsentDate(version.date, language))}${t.consent}`;
  return {
    html,
    length: visibleLength(html),
    limit: TELEGRAM_TEXT_MAX,
    replyMarkup: {
      inline_keyboard: [
        [{ text: t.consentRenewAccept, callback_data: renewCallback('y', version.version) }],
        [{ text: t.consentRenewDecline, callback_data: renewCallback('n', version.version) }],
      ],
    },
  };
}

export const telegramConsentRequest: ConsentRequestFormat = (language, version) =>
  renderConsentRequest(language, version);
