// How the console writes dates and numbers: in French, in Paris time, whatever the server's zone.
import { toParisWallTime } from '#core/shared/paris-time';

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const shortDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const numbers = new Intl.NumberFormat('fr-FR');
const percents = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** « mardi 1 décembre 2026 à 09:00 » */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
/** « 1 déc. 2026, 09:00 » (tables) */
export const formatShortDateTime = (iso: string) => shortDateTime.format(new Date(iso));
/** « 1 décembre 2026 » */
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));
/** « 10 000 » */
export const formatNumber = (n: number) => numbers.format(n);
const pluralRules = new Intl.PluralRules('fr-FR');
/** « 1 envoyé », « 0 envoyé », « 120 envoyés »: French plural rules, never « envoyé(s) ». */
export const countOf = (n: number, one: string, other: string) =>
  `${numbers.format(n)} ${pluralRules.select(n) === 'one' ? one : other}`;
/** « +12 », « −3 », « 0 » */
export const formatSigned = (n: number) => (n > 0 ? `+${numbers.format(n)}` : n < 0 ? `−${numbers.format(-n)}` : '0');
/** « 58 % » from a share between 0 and 1. */
export const formatPercent = (share: number) => percents.format(share);

/** The value of a `datetime-local` field: the Paris wall-clock time, to the minute (the API reads it back as Paris time). */
export const toDateTimeLocal = (iso: string | undefined) => (iso ? toParisWallTime(new Date(iso)).slice(0, 16) : '');
