// Shared zod building blocks: dates in UTC ISO-8601, slugs, links. French messages for agents.
import * as z from 'zod';
// The French locale alone: `z.locales` would pull every language into each Lambda bundle (~400 KB).
import fr from 'zod/v4/locales/fr.js';

z.config(fr());

/** An instant, stored as UTC ISO-8601 (`2026-11-25T17:00:00.000Z`); offsets are accepted and normalised. */
export const Instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s).toISOString())
  .describe('Date et heure ISO-8601 (stockée en UTC)');

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
