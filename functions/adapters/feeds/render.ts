// Renders a feed as RSS 2.0 (rss.ts) or Atom 1.0 (atom.ts), written by hand for speed with one
// escaping function (xml.ts), or as JSON Feed 1.1 (json-feed.ts).
import type { FeedItem } from '#core/feeds/feed-item';
import { FEED_TEXTS } from '#core/feeds/read';
import { renderAtom } from './atom';
import { renderJsonFeed } from './json-feed';
import { renderRss } from './rss';

export type FeedFormat = 'rss' | 'atom' | 'json';

/** Where each format is served and what it is served as. */
export const FEED_FORMATS: Record<FeedFormat, { file: string; contentType: string }> = {
  rss: { file: 'rss.xml', contentType: 'application/rss+xml; charset=utf-8' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8' },
};

export interface RenderFeedOptions {
  /** Permanent id of the feed (Atom `id`), see `feedGuid`. */
  id: string;
  title: string;
  description: string;
  /** Absolute URL this very document is served at (atom:link rel=self, JSON `feed_url`). */
  selfUrl: string;
  /** The human page the feed is about. */
  siteUrl: string;
  /** Newest first. */
  items: FeedItem[];
  updated: Date | string;
}

// RSS `ttl` is in minutes: the same five minutes the edge lets caches keep the feed.
const TTL_MINUTES = 5;

export function renderFeed(format: FeedFormat, given: RenderFeedOptions): string {
  if (format === 'json') return renderJsonFeed(given);
  // As a browser writes the site's address (`http://host/`): readers compare links written so.
  const options = { ...given, siteUrl: new URL(given.siteUrl).href };
  if (format === 'rss') return renderRss(options, { language: FEED_TEXTS.language, ttlMinutes: TTL_MINUTES });
  return renderAtom(options, { language: FEED_TEXTS.language, publisher: FEED_TEXTS.publisher });
}
