// Reading a feed: the global one or one démarche's, newest items first, with what a reader shows
// as its title and the instant it last changed (which drives Last-Modified and 304s at the edge).
import type { CoreContext } from '../context';
import { notFound } from '../shared/errors';
import type { FeedItem } from './feed-item';
import { THEMES, TERRITORIES } from '../demarches/places';
import { feedGuid, territoryFeedGuid, themeFeedGuid } from './guids';

/** Followers see the latest updates; older ones stay reachable by their permanent links. */
export const DEFAULT_FEED_LIMIT = 50;
export const MAX_FEED_LIMIT = 1000;

// The words a feed reader shows (French first: the city's followers read French).
export const FEED_TEXTS = {
  /** Declared in every feed, so readers hyphenate, speak and translate it right. */
  language: 'fr',
  globalTitle: 'Porte-voix — Dialogue citoyen',
  globalDescription:
    'Toutes les actualités des démarches de participation citoyenne : ouvertures, ateliers, questionnaires, synthèses et décisions.',
  demarcheTitle: (demarcheTitle: string) => `${demarcheTitle} — Porte-voix`,
  themeTitle: (label: string) => `${label} — Porte-voix`,
  themeDescription: (label: string) => `Les actualités des démarches du thème « ${label} ».`,
  territoryTitle: (label: string) => `${label} — Porte-voix`,
  territoryDescription: (label: string) => `Les actualités des démarches qui concernent ${label}.`,
  publisher: 'Dialogue citoyen',
} as const;

export interface FeedView {
  /** Permanent id of the feed (Atom `id`). */
  id: string;
  title: string;
  description: string;
  /** The démarche's page on the participation platform; absent for the global feed (the edge knows its site). */
  link?: string;
  demarcheSlug?: string;
  /** Newest first. */
  items: FeedItem[];
  /** Newest change to anything the feed shows (items, or the démarche's title and summary); absent for an empty global feed. */
  updated?: string;
}

export async function readFeed(
  ctx: CoreContext,
  options: { demarcheSlug?: string; limit?: number } = {},
): Promise<FeedView> {
  const limit = Math.min(Math.max(Math.floor(options.limit ?? DEFAULT_FEED_LIMIT), 1), MAX_FEED_LIMIT);
  const { demarcheSlug } = options;
  if (demarcheSlug === undefined) {
    const items = await ctx.store.feedItems.listRecent({ limit });
    return {
      id: feedGuid(),
      title: FEED_TEXTS.globalTitle,
      description: FEED_TEXTS.globalDescription,
      items,
      updated: newest(items.map((i) => i.updatedAt)),
    };
  }
  // Both reads are needed; the démarche decides the 404, so read them side by side.
  const [demarche, items] = await Promise.all([
    ctx.store.demarches.get(demarcheSlug),
    ctx.store.feedItems.listRecent({ limit, demarcheSlug }),
  ]);
  if (!demarche) throw notFound('Démarche', demarcheSlug);
  return {
    id: feedGuid(demarcheSlug),
    title: FEED_TEXTS.demarcheTitle(demarche.title),
    description: demarche.summary,
    link: demarche.link,
    demarcheSlug,
    items,
    updated: newest([demarche.updatedAt, ...items.map((i) => i.updatedAt)]),
  };
}

/**
 * One theme's or one place's feed. Items carry several themes and places, so there is no index per
 * theme: the newest MAX_FEED_LIMIT items of the global feed are read and filtered (one Query). An
 * item older than those 1,000 no longer shows in a theme feed; it keeps its permanent link.
 */
export async function readFilteredFeed(
  ctx: CoreContext,
  scope: { theme: string } | { territory: string },
  options: { limit?: number } = {},
): Promise<FeedView> {
  const limit = Math.min(Math.max(Math.floor(options.limit ?? DEFAULT_FEED_LIMIT), 1), MAX_FEED_LIMIT);
  const isTheme = 'theme' in scope;
  const key = isTheme ? scope.theme : scope.territory;
  const label = isTheme ? (THEMES as Record<string, string>)[key] : TERRITORIES[key]?.label;
  if (!Object.hasOwn(isTheme ? THEMES : TERRITORIES, key) || !label)
    throw notFound(isTheme ? 'Thème' : 'Territoire', key);
  const recent = await ctx.store.feedItems.listRecent({ limit: MAX_FEED_LIMIT });
  const items = recent
    .filter((i) => (isTheme ? i.themes.includes(key as never) : i.territories.includes(key)))
    .slice(0, limit);
  return {
    id: isTheme ? themeFeedGuid(key) : territoryFeedGuid(key),
    title: isTheme ? FEED_TEXTS.themeTitle(label) : FEED_TEXTS.territoryTitle(label),
    description: isTheme ? FEED_TEXTS.themeDescription(label) : FEED_TEXTS.territoryDescription(label),
    items,
    updated: newest(items.map((i) => i.updatedAt)),
  };
}

// Instants are stored as normalised UTC ISO-8601, so they order as strings.
const newest = (instants: string[]): string | undefined =>
  instants.reduce<string | undefined>((max, at) => (max === undefined || at > max ? at : max), undefined);
