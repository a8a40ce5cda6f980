// Renders a feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1 with the `feed` package, then mends what the
// package gets wrong for us (noted at each step) so every reader sees the same, valid feed.
import { type Category, Feed, type Item } from 'feed';
import { TERRITORIES, THEMES } from '#core/demarches/places';
import type { FeedItem } from '#core/feeds/feed-item';
import { feedItemGuid, TERRITORY_SCHEME, THEME_SCHEME } from '#core/feeds/guids';
import { FEED_TEXTS } from '#core/feeds/read';
import { escapeHtml, plainTextToHtml, xmlSafe } from './item-html';

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

const LANGUAGE = 'fr';
// RSS `ttl` is in minutes: the same five minutes the edge lets caches keep the feed.
const TTL_MINUTES = 5;

export function renderFeed(format: FeedFormat, options: RenderFeedOptions): string {
  const feed = new Feed({
    id: options.id,
    // xml-js un-escapes `&amp;` before escaping text, so a literal `&amp;` would be lost: escaping
    // `&` once here makes its round trip exact (JSON gets the raw strings back below).
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
  switch (format) {
    case 'rss':
      return mendRss(feed.rss2(), options.items);
    case 'atom':
      return mendAtom(feed.atom1(), options.items);
    case 'json':
      return mendJson(feed.json1(), options);
  }
}

function toFeedItem(format: FeedFormat, item: FeedItem, index: number): Item {
  return {
    id: feedItemGuid(item.id),
    title: itemTitle(format, item.title, index),
    link: item.link,
    date: new Date(item.updatedAt),
    published: new Date(item.publishedAt),
    // `description` feeds RSS <description>, Atom <summary> and JSON `content_html`: the one
    // field every reader shows. The text is plain, so it is escaped before becoming HTML.
    description: plainTextToHtml(item.text),
    category: categories(format, item),
    ...(item.imageUrl ? { image: { url: item.imageUrl, type: imageType(item.imageUrl) } } : {}),
  };
}

function itemTitle(format: FeedFormat, title: string, index: number): string {
  switch (format) {
    // The package puts RSS titles in CDATA; mendRss swaps this placeholder for the real title.
    case 'rss':
      return rssTitlePlaceholder(index);
    // The package declares Atom titles `type="html"`: the plain text must be escaped as HTML.
    case 'atom':
      return escapeHtml(xmlSafe(title));
    case 'json':
      return title;
  }
}

function categories(format: FeedFormat, item: FeedItem): Category[] {
  const all = [
    ...item.themes.map((slug) => ({ slug, label: THEMES[slug], scheme: THEME_SCHEME })),
    ...item.territories.map((slug) => ({ slug, label: TERRITORIES[slug]?.label ?? slug, scheme: TERRITORY_SCHEME })),
  ];
  // RSS names are text nodes (see xmlText); Atom labels are attributes the package escapes itself.
  return all.map((c) =>
    format === 'rss'
      ? { name: xmlText(c.label), domain: c.scheme }
      : { name: c.label, term: c.slug, scheme: c.scheme },
  );
}

// The package guesses an enclosure's type from the file extension (`image/jpg`, or garbage when
// the URL has none) and ignores the type we give it in Atom: name the real media types.
const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** Unknown extensions are announced as JPEG: readers sniff the bytes, and an image type at least gets it shown. */
export function imageType(url: string): string {
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension] ?? 'image/jpeg';
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
  let out = xml.replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${LANGUAGE}">`);
  if (items.some((i) => i.imageUrl)) {
    out = out.replace(/(<link rel="enclosure" href="([^"]*)") type="[^"]*"/g, (_all, start: string, href: string) =>
      `${start} type="${imageType(href.replaceAll('&amp;', '&'))}"`,
    );
  }
  return out;
}

// The package writes JSON Feed 1.0 (a single `author`, no language) with the XML-escaped strings
// given above: rewrite the top level as JSON Feed 1.1, keep its items.
function mendJson(json: string, options: RenderFeedOptions): string {
  const { items } = JSON.parse(json) as { items: unknown[] };
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: options.title,
    home_page_url: options.siteUrl,
    feed_url: options.selfUrl,
    description: options.description,
    language: LANGUAGE,
    authors: [{ name: FEED_TEXTS.publisher, url: options.siteUrl }],
    items,
  });
}

const xmlText = (text: string): string => xmlSafe(text).replaceAll('&', '&amp;');
