// Picks the catalog of a language; everything the bot says comes through here.
import type { Language } from '#core/subscribers/subscriber';
import { en } from './en';
import { type Catalog, fr } from './fr';

export type { Catalog };

const CATALOGS: Record<Language, Catalog> = { fr, en };

export const catalog = (language: Language): Catalog => CATALOGS[language];

/** French first: English only for a Telegram client set to English. */
export const languageFromTelegram = (languageCode: string | undefined): Language =>
  languageCode?.toLowerCase().startsWith('en') ? 'en' : 'fr';
