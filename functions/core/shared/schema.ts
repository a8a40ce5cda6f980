// Shared zod building blocks: dates in UTC ISO-8601, slugs, links. French messages for agents.
import * as z from 'zod';
// The French locale alone: `z.locales` would pull every language into each Lambda bundle (~400 KB).
import fr from 'zod/v4/locales/fr.js';
import { LOCAL_DATE_TIME, fromParisWallTime } from './paris-time';

z.config(fr());

/**
 * An instant, stored as UTC ISO-8601 (`2026-11-25T17:00:00.000Z`). Offsets are accepted and
 * normalised; a time without an offset (`2026-12-01T09:00`) is Paris time, as agents think of it.
 */
const WithOffset = z.iso.datetime({ offset: true });
const toInstant = (s: string) =>
  LOCAL_DATE_TIME.test(s) ? fromParisWallTime(s) : WithOffset.safeParse(s).success ? new Date(s) : undefined;

export const Instant = z
  .string()
  .refine((s) => toInstant(s) !== undefined, {
    message: 'date et heure ISO-8601 attendues, par exemple 2026-12-01T09:00 (heure de Paris) ou 2026-12-01T08:00:00Z',
    params: { rule: 'iso_datetime' },
  })
  .transform((s) => toInstant(s)!.toISOString())
  .describe('Date et heure ISO-8601 (stockée en UTC ; sans décalage, heure de Paris)');

export const Slug = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'minuscules, chiffres et tirets uniquement');

export const HttpUrl = z.url({ protocol: /^https?$/ });

/** Short ids used in Telegram callback_data (≤ 64 bytes in all), so they stay short. */
export const ShortId = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[A-Za-z0-9_-]+$/, 'lettres, chiffres, - et _ uniquement');

export const Version = z.number().int().min(1);
