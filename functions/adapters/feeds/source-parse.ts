// A source feed's text into entries, with rss-parser (RSS 0.9/1.0/2.0 and Atom). Real feeds are
// untidy: titles carry HTML, links are relative, dates are missing or odd, and some URLs answer
// an HTML page. Every entry comes out as plain text with absolute links; what is not a feed comes
// out as a plain reason, never an exception.
import Parser from 'rss-parser';
import utils from 'rss-parser/lib/utils.js';
import type { FeedEntry } from '#core/imports/ports';

export type ParseResult = { kind: 'feed'; entries: FeedEntry[] } | { kind: 'failed'; reason: string };

type Item = Parser.Item & { id?: string; summary?: string; [key: string]: unknown };

const DATE_PATH = /\/entry\/(?:published|updated)$/;
/**
 * rss-parser 3.13 calls `new Date(updated).toISOString()` on Atom dates unguarded: one odd date
 * threw and lost the whole feed. The xml2js validator empties a date that does not parse first.
 */
const blankOddDates = (xpath: string, _current: unknown, value: unknown) =>
  DATE_PATH.test(xpath) && typeof value === 'string' && !isDate(value) ? '' : value;

// Dates as feeds write them: ISO-8601 (Atom) or RFC 822 (RSS). Date.parse alone is too lenient:
// V8 reads « le 28 novembre » as 28 November 2001.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC_822 =
  /^(?:[a-z]{3},?\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[a-z]{1,5}|[+-]\d{4})?$/i;
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;

function strictDate(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (!ISO_8601.test(trimmed) && !RFC_822.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR ? new Date(time).toISOString() : undefined;
}
const isDate = (text: string) => strictDate(text) !== undefined;

// Characters that are not text (controls, noncharacters, lone surrogates): dropped, as text.ts refuses them.
const NOT_TEXT = /(?![\t\n])\p{Cc}|\p{Noncharacter_Code_Point}|\p{Cs}/gu;
const oneLine = (text: string) => text.replace(NOT_TEXT, ' ').replace(/\s+/gu, ' ').trim();
const paragraphs = (text: string) =>
  text
    .replace(NOT_TEXT, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n')
    .trim();

/** A title may be HTML (`<title type="html">`, or an RSS title with tags): as text. XHTML comes as a tree. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return utils.getSnippet(value);
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    return Object.entries(node)
      .filter(([key]) => key !== '$')
      .map(([, child]) => (Array.isArray(child) ? child.map(textOf).join(' ') : textOf(child)))
      .join(' ');
  }
  return '';
}

function absoluteLink(link: unknown, base: string): string | undefined {
  if (typeof link !== 'string' || !link.trim()) return undefined;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toEntry(item: Item, base: string): FeedEntry {
  const link = absoluteLink(item.link, base);
  const text = paragraphs(
    item.content ? utils.getSnippet(item.content) : item.summary ? utils.getSnippet(item.summary) : '',
  );
  const title = oneLine(textOf(item.title)).slice(0, 200) || oneLine(text).slice(0, 120) || 'Sans titre';
  const guid = typeof item.guid === 'string' ? item.guid.trim() : typeof item.id === 'string' ? item.id.trim() : '';
  const rawDate = typeof item.pubDate === 'string' ? item.pubDate.trim() : '';
  const publishedAt = strictDate(rawDate);
  return {
    title,
    text,
    ...(guid ? { guid } : {}),
    ...(link ? { link } : {}),
    ...(publishedAt ? { publishedAt } : rawDate ? { rawDate } : {}),
  };
}

/** The base of relative links: the root's xml:base when it has one, else the document's own URL. */
function baseOf(xml: string, documentUrl: string): string {
  const declared = /<(?:feed|rss|rdf:RDF|channel)\b[^>]*\sxml:base\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  return absoluteLink(declared, documentUrl) ?? documentUrl;
}

export async function parseFeed(xml: string, documentUrl: string): Promise<ParseResult> {
  const start = xml.replace(/^\uFEFF/, '').trimStart();
  if (!start) return { kind: 'failed', reason: 'le document reçu est vide' };
  if (/^(<!--.*?-->\s*)*<(!doctype\s+html|html)\b/is.test(start))
    return { kind: 'failed', reason: 'l’adresse renvoie une page web (HTML), pas un flux RSS ou Atom' };
  // A parser per document: xml2js keeps state between documents, and one that failed is not reused.
  const parser = new Parser({ xml2js: { validator: blankOddDates } });
  try {
    const feed = await parser.parseString(xml);
    const base = baseOf(xml, documentUrl);
    return { kind: 'feed', entries: (feed.items as Item[]).map((item) => toEntry(item, base)) };
  } catch (error) {
    const notRecognised = error instanceof Error && /not recognized/i.test(error.message);
    return {
      kind: 'failed',
      reason: notRecognised
        ? 'le document n’est pas un flux RSS ou Atom'
        : 'le document n’est pas un flux RSS ou Atom lisible (XML mal formé)',
    };
  }
}
