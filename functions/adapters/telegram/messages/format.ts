// Formatting shared by the catalogs: Telegram HTML escaping (parse_mode HTML needs only &, < and >
// escaped) and dates shown in Europe/Paris, whatever the server's zone (dates are stored in UTC).
import type { Language } from '#core/subscribers/subscriber';

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
const formatters = new Map<Language, Intl.DateTimeFormat>();

/** « 25 novembre 2026 à 18:00 » / “25 November 2026 at 18:00”, Paris time, daylight-saving safe. */
export function formatInstant(iso: string, language: Language): string {
  let format = formatters.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: 'Europe/Paris',
      dateStyle: 'long',
      timeStyle: 'short',
    });
    formatters.set(language, format);
  }
  // French writes the first of the month as an ordinal: « 1er décembre ».
  return format
    .formatToParts(new Date(iso))
    .map((part) => (language === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** Cuts a label to `max` characters (whole code points) so a button stays readable on a phone. */
export function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max
    ? label
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
