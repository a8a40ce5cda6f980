// Formatting shared by the catalogs: Telegram HTML escaping, the length Telegram counts, links,
// and dates shown in Europe/Paris, whatever the server's zone (dates are stored in UTC).
import type { Language } from '#core/subscribers/subscriber';

/** The named entities the Bot API reads in parse_mode HTML: all we ever write. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const DECODE: Record<string, string> = Object.fromEntries(Object.entries(ENTITIES).map(([c, e]) => [e, c]));

/** The one Telegram HTML escaping: text and attribute values alike (`"` would end an `href="…"`). */
export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ENTITIES[c]!);

/** What Telegram shows of an HTML text we wrote: tags out, each entity one character. */
export const plainText = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot);/g, (e) => DECODE[e]!);

/** Characters of an HTML text as Telegram counts them: after entity parsing, in UTF-16 code units. */
export const visibleLength = (html: string) => plainText(html).length;

/**
 * A link as the WHATWG URL parser writes it: spaces, quotes, `<`, `>` and non-ASCII characters
 * percent-encoded, the host in punycode, so Telegram reads the same address a browser would.
 * Escape it (`escapeHtml`) to put it in an attribute: `&` stays as it is in a URL.
 */
export function normalizeUrl(link: string): string {
  try {
    return new URL(link).href;
  } catch {
    return link; // not a URL (the schemas refuse those before): left for Telegram to refuse
  }
}

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

const pluralRules = new Map<Language, Intl.PluralRules>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

/** A number as the citizen's language writes it: « 10 000 » (narrow no-break space) / “10,000”. */
export function formatNumber(n: number, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(LOCALES[language])));
  return format.format(n);
}

/**
 * The form of a word for a count, by the language's CLDR plural rules (Intl.PluralRules): French
 * takes the singular for 0 and 1 (« 0 démarche », « 1 démarche », « 2 démarches »), English for 1
 * only. Never « démarche(s) ».
 */
export function pluralForm(language: Language, n: number, forms: { one: string; other: string }): string {
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(LOCALES[language])));
  return rules.select(n) === 'one' ? forms.one : forms.other;
}

/** « 3 démarches », « 1 place »: the number, then the word in the form its count takes. */
export const countOf = (language: Language, n: number, one: string, other: string) =>
  `${formatNumber(n, language)} ${pluralForm(language, n, { one, other })}`;

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
