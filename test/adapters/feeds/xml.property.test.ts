// Property-based: whatever an agent or an imported source types — markup, entities, `]]>`, quotes,
// control characters, lone surrogates, carriage returns — the hand-written RSS and Atom stay
// well-formed XML for a strict parser (xml2js, under rss-parser, refuses a malformed document) and
// every text reads back exactly as typed, less the characters XML cannot carry.
import fc from 'fast-check';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { plainTextToHtml, xmlSafe } from '#adapters/feeds/item-content';
import { renderFeed } from '#adapters/feeds/render';
import type { FeedItem } from '#core/feeds/feed-item';
import { feedGuid } from '#core/feeds/guids';

const parser = new Parser();
// Text as typed, with the pieces that break hand-written XML over-represented.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      ']]>',
      '<![CDATA[',
      '&amp;',
      '&#x26;',
      '\r',
      '\r\n',
      '\n',
      '\u000B',
      '\u0000',
      '\uD800',
      '\uFFFE',
      ' ',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
  ),
  minLength: 1,
  maxLength: 40,
});
// What a reader gets back: XML cannot carry control characters (xmlSafe drops them, reading
// vertical tabs and form feeds as line feeds), and readers trim the ends of a title.
const readBack = (text: string) => xmlSafe(text).trim();
const visible = (text: string) => readBack(text).length > 0;

const item = (title: string, text: string): FeedItem => ({
  id: 'prop1',
  title,
  text,
  link: 'https://dialoguecitoyen.example/actu?a=1&b=2',
  imageUrl: 'https://cdn.example/photo.png?w=1&h=2',
  themes: ['loire'],
  territories: ['reze'],
  publishedAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-25T10:30:00.000Z',
});

describe('hand-written RSS and Atom', () => {
  for (const format of ['rss', 'atom'] as const)
    it(`stay well-formed and exact in ${format} whatever the text`, async () => {
      await fc.assert(
        fc.asyncProperty(
          hostile.filter(visible),
          hostile.filter(visible),
          hostile.filter(visible),
          async (feedTitle, title, text) => {
            const xml = renderFeed(format, {
              id: feedGuid(),
              title: feedTitle,
              description: 'Description',
              selfUrl: `http://localhost:3000/feeds/${format}.xml?x=1&y=2`,
              siteUrl: 'http://localhost:3000',
              items: [item(title, text)],
              updated: '2026-11-25T10:30:00.000Z',
            });
            const feed = await parser.parseString(xml);
            expect(feed.title?.trim()).toBe(readBack(feedTitle));
            const [parsed] = feed.items as (Parser.Item & { summary?: string })[];
            expect(parsed!.title?.trim()).toBe(readBack(title));
            expect(format === 'rss' ? parsed!.content : parsed!.summary).toBe(plainTextToHtml(text));
            expect(parsed!.link).toBe('https://dialoguecitoyen.example/actu?a=1&b=2');
          },
        ),
        { numRuns: 150 },
      );
    });
});
