// Permanent identifiers of the feeds and their items. Readers de-duplicate on them forever, so they
// are built from ids alone, never from the public URL (which differs between runtimes and may move).

// RFC 4151 tag URI: a naming authority and a date at which it held the name; never changes.
const AUTHORITY = 'tag:porte-voix,2026';

/** The guid (RSS), id (Atom) and id (JSON Feed) of a feed item. */
export const feedItemGuid = (itemId: string): string => `${AUTHORITY}:feed-item:${itemId}`;

/** The Atom id of the global feed, or of one démarche's, theme's or territory's feed. */
export const feedGuid = (demarcheSlug?: string): string =>
  demarcheSlug ? `${AUTHORITY}:feed:demarche:${demarcheSlug}` : `${AUTHORITY}:feed`;
export const themeFeedGuid = (theme: string): string => `${AUTHORITY}:feed:theme:${theme}`;
export const territoryFeedGuid = (territory: string): string => `${AUTHORITY}:feed:territory:${territory}`;

/** Category schemes (Atom `scheme`, RSS `domain`): the term is the theme's or territory's slug. */
export const THEME_SCHEME = `${AUTHORITY}:theme`;
export const TERRITORY_SCHEME = `${AUTHORITY}:territory`;
