// Renders a feed as RSS 2.0 or Atom 1.0 with the `feed` package, mending what it gets wrong for us
// (noted at each step), or as JSON Feed 1.1 (json-feed.ts: the package only writes 1.0).
import { type Category, Feed, type Item } from 'feed';
import type { FeedItem } from '#core/feeds/feed-item';
import { feedItemGuid } from '#core/feeds/guids';
import { FEED_TEXTS } from '#core/feeds/read';
import { escapeHtml, imageType, itemCategories, plainTextToHtml, xmlSafe } from './item-content';
import { renderJsonFeed } from './json-feed';

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

const LANGUAGE = FEED_TEXTS.language;
// RSS `ttl` is in minutes: the same five minutes the edge lets caches keep the feed.
const TTL_MINUTES = 5;

export function renderFeed(format: FeedFormat, options: RenderFeedOptions): string {
  if (format === 'json') return renderJsonFeed(options);
  const feed = new Feed({
    id: options.id,
    // xml-js un-escapes `&amp;` before escaping text, so a literal `&amp;` would be lost: escaping
    // `&` once here makes its round trip exact.
    title: xmlText(options.title),
    description: xmlText(options.description),
    link: options.siteUrl,
    feed: options.selfUrl,
    feedLinks: { [format]: options.selfUrl },
    language: LANGUAGE,
    ttl: TTL_MINUTES,
    updated: new Date(options.updated),
    generator: 'Porte-voix',
    author: { name: xmlText(FEED_TEXTS.publisher), link: options.siteUrl },
  });
  options.items.forEach((item, index) => feed.addItem(toFeedItem(format, item, index)));
  return format === 'rss' ? mendRss(feed.rss2(), options.items) : mendAtom(feed.atom1(), options.items);
}

function toFeedItem(format: 'rss' | 'atom', item: FeedItem, index: number): Item {
  return {
    id: feedItemGuid(item.id),
    title: itemTitle(format, item.title, index),
    link: item.link,
    date: new Date(item.updatedAt),
    published: new Date(item.publishedAt),
    // `description` becomes RSS <description> and Atom <summary>: the one field every reader
    // shows. The text is plain, so it is escaped before becoming HTML.
    description: plainTextToHtml(item.text),
    category: categories(format, item),
    ...(item.imageUrl ? { image: { url: item.imageUrl, type: imageType(item.imageUrl) } } : {}),
  };
}

function itemTitle(format: 'rss' | 'atom', title: string, index: number): string {
  // The package puts RSS titles in CDATA; mendRss swaps this placeholder for the real title.
  if (format === 'rss') return rssTitlePlaceholder(index);
  // The package declares Atom titles `type="html"`: the plain text must be escaped as HTML.
  return escapeHtml(xmlSafe(title));
}

function categories(format: 'rss' | 'atom', item: FeedItem): Category[] {
  // RSS names are text nodes (see xmlText); Atom labels are attributes the package escapes itself.
  return itemCategories(item).map((c) =>
    format === 'rss' ? { name: xmlText(c.label), domain: c.scheme } : { name: c.label, term: c.term, scheme: c.scheme },
  );
}

const rssTitlePlaceholder = (index: number) => `@@porte-voix-title-${index}@@`;
const CHARACTER_REFERENCES: Record<string, string> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;' };
const RSS_TITLE_PLACEHOLDER = /<title><!\[CDATA\[@@porte-voix-title-(\d+)@@\]\]><\/title>/g;

// RSS titles are plain text, but readers disagree on whether they hold HTML: the RSS Best
// Practices Profile's answer is `&`, `<` and `>` as hexadecimal character references, which CDATA
// cannot carry (and xml-js would cut a CDATA at a second `]]>` in the text anyway).
function mendRss(xml: string, items: FeedItem[]): string {
  return xml.replace(RSS_TITLE_PLACEHOLDER, (_all, index: string) => {
    const title = xmlSafe(items[Number(index)]!.title).replace(/[&<>]/g, (c) => CHARACTER_REFERENCES[c]!);
    return `<title>${title}</title>`;
  });
}

function mendAtom(xml: string, items: FeedItem[]): string {
  // The package has no Atom language: declare it on the root, where it applies to every entry.
  let out = xml.replace(
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LANGUAGE}">`,
  );
  if (items.some((i) => i.imageUrl)) {
    out = out.replace(
      /(<link rel="enclosure" href="([^"]*)") type="[^"]*"/g,
      (_all, start: string, href: string) => `${start} type="${imageType(href.replaceAll('&amp;', '&'))}"`,
    );
  }
  return out;
}

const xmlText = (text: string): string => xmlSafe(text).replaceAll('&', '&amp;');
