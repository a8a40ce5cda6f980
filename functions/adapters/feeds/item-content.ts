// What an item shows, in the forms every feed format shares: its plain text (what agents type) as
// safe HTML — every character escaped before any markup is added, so a `<script>` typed by anyone
// stays text in every reader — its categories with their French labels, its image's media type.
import { TERRITORIES, THEMES } from '#core/demarches/places';
import type { FeedItem } from '#core/feeds/feed-item';
import { TERRITORY_SCHEME, THEME_SCHEME } from '#core/feeds/guids';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
// XML 1.0 forbids these outright (a document containing one is not well-formed and readers drop
// the whole feed). Text pasted from word processors brings them in, vertical tabs above all.
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Cheap first look (no lookaround): almost every text is clean and skips the costly pass.
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text safe to place in an XML document: forbidden characters dropped, vertical tab and form feed read as line breaks. */
export const xmlSafe = (text: string): string =>
  MAYBE_FORBIDDEN.test(text) ? text.replace(/[\u000B\u000C]/g, '\n').replace(XML_FORBIDDEN, '') : text;

/* eslint-enable no-control-regex */

/** Blank lines separate paragraphs (`<p>`), single line breaks stay line breaks (`<br>`). */
export function plainTextToHtml(text: string): string {
  const paragraphs = xmlSafe(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return paragraphs
    .map(
      (p) =>
        `<p>${p
          .split(/[ \t]*\n[ \t]*/)
          .map(escapeHtml)
          .join('<br>')}</p>`,
    )
    .join('');
}

/** Themes then places: the slug is the stable term, the label is what readers show. */
export function itemCategories(item: FeedItem): { term: string; label: string; scheme: string }[] {
  return [
    ...item.themes.map((term) => ({ term, label: THEMES[term], scheme: THEME_SCHEME })),
    ...item.territories.map((term) => ({ term, label: TERRITORIES[term]?.label ?? term, scheme: TERRITORY_SCHEME })),
  ];
}

// The `feed` package guesses an enclosure's type from the file extension (`image/jpg`, or garbage
// when the URL has none) and ignores the type we give it in Atom: name the real media types.
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
