// Shared zod building blocks: dates in UTC ISO-8601, slugs, links. French messages for agents.
import * as z from 'zod';
import { frenchError, withField } from './french-errors';
import { LOCAL_DATE_TIME, fromParisWallTime } from './paris-time';
import { forbiddenCharacter } from './text';

// Every message zod writes for us is French and names its field (french-errors.ts).
z.config({ customError: frenchError });

/**
 * The years an instant may fall in, in UTC. Beyond 9999 `toISOString` writes `+010000-…`, which
 * no ISO-8601 reader (this one included) takes back: such a date once stored made its item, and
 * every list holding it, unreadable. Before 1970 nothing of ours ever happened.
 */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

const WithOffset = z.iso.datetime({ offset: true });
function toInstant(s: string): Date | undefined {
  const date = LOCAL_DATE_TIME.test(s)
    ? fromParisWallTime(s)
    : WithOffset.safeParse(s).success
      ? new Date(s)
      : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
const inRange = (date: Date) => date.getUTCFullYear() >= FIRST_YEAR && date.getUTCFullYear() <= LAST_YEAR;

/**
 * An instant, stored as UTC ISO-8601 (`2026-11-25T17:00:00.000Z`). Offsets are accepted and
 * normalised; a time without an offset (`2026-12-01T09:00`) is Paris time, as agents think of it.
 * What it outputs it accepts again, unchanged: the read of a stored item uses this same schema.
 */
export const Instant = z
  .string()
  .refine((s) => toInstant(s) !== undefined, {
    abort: true,
    params: { rule: 'iso_datetime' },
    error: withField(
      'date et heure ISO-8601 attendues, par exemple 2026-12-01T09:00 (heure de Paris) ou 2026-12-01T08:00:00Z',
    ),
  })
  .refine((s) => inRange(toInstant(s)!), {
    abort: true,
    params: { rule: 'instant_year_range' },
    error: withField(`date hors limites : l’année doit aller de ${FIRST_YEAR} à ${LAST_YEAR} (en temps universel)`),
  })
  .transform((s) => toInstant(s)!.toISOString())
  .describe('Date et heure ISO-8601, années 1970 à 9999 (stockée en UTC ; sans décalage, heure de Paris)');

export const Slug = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: withField('minuscules, chiffres et tirets uniquement') });

export const HttpUrl = z.url({ protocol: /^https?$/ }).refine((s) => !forbiddenCharacter(s, false), {
  params: { rule: 'no_control_characters' },
  error: withField('une adresse web ne contient ni retour à la ligne, ni caractère invisible'),
});

/** Short ids used in Telegram callback_data (≤ 64 bytes in all), so they stay short. */
export const ShortId = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[A-Za-z0-9_-]+$/, { error: withField('lettres, chiffres, - et _ uniquement') });

export const Version = z.number().int().min(1);
