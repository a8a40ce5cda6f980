// Rendering RSS 2.0, Atom 1.0 and JSON Feed 1.1, checked by parsing the output back as a reader would.
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { imageType } from '#adapters/feeds/item-content';
import { renderFeed, type RenderFeedOptions } from '#adapters/feeds/render';
import type { FeedItem } from '#core/feeds/feed-item';
import { feedGuid } from '#core/feeds/guids';

const item = (id: string, overrides: Partial<FeedItem> = {}): FeedItem => ({
  id,
  title: `Actualité ${id}`,
  text: `Texte de ${id}.`,
  link: `https://dialoguecitoyen.example/actu/${id}`,
  themes: [],
  territories: [],
  publishedAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  ...overrides,
});

const hostile = item('hostile1', {
  title: '<script>alert(1)</script> Tom & Jerry ]]> fin ]]> « guillemets »',
  text: 'Ligne 1 <b>gras</b> & co\nLigne 2\n\nParagraphe ]]> 2',
  link: 'https://dialoguecitoyen.example/actu?a=1&b=2',
  imageUrl: 'https://cdn.example/photos/atelier.JPG?w=800&h=600',
  themes: ['mobilites', 'environnement'],
  territories: ['reze', 'nantes-ile-de-nantes'],
  publishedAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-25T10:30:00.000Z',
});
const plain = item('plain2');

const options = (selfUrl: string, items: FeedItem[] = [hostile, plain]): RenderFeedOptions => ({
  id: feedGuid(),
  title: 'Porte-voix — Dialogue citoyen',
  description: 'Toutes les actualités & décisions',
  selfUrl,
  siteUrl: 'http://localhost:3000',
  items,
  updated: '2026-11-25T10:30:00.000Z',
});

const parser = new Parser();
const decodeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('renderFeed rss', () => {
  const xml = renderFeed('rss', options('http://localhost:3000/feeds/rss.xml'));

  it('parses back with the titles, links and permanent guids', async () => {
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Porte-voix — Dialogue citoyen');
    expect(feed.description).toBe('Toutes les actualités & décisions');
    expect(feed.feedUrl).toBe('http://localhost:3000/feeds/rss.xml');
    expect(feed.items.map((i) => i.guid)).toEqual([
      'tag:porte-voix,2026:feed-item:hostile1',
      'tag:porte-voix,2026:feed-item:plain2',
    ]);
    expect(feed.items[0]!.title).toBe(hostile.title);
    expect(feed.items[0]!.link).toBe('https://dialoguecitoyen.example/actu?a=1&b=2');
    expect(feed.items[0]!.isoDate).toBe('2026-11-24T08:00:00.000Z');
    expect(feed.items[0]!.categories).toEqual([
      { _: 'Mobilités', $: { domain: 'tag:porte-voix,2026:theme' } },
      { _: 'Environnement et nature en ville', $: { domain: 'tag:porte-voix,2026:theme' } },
      { _: 'Rezé', $: { domain: 'tag:porte-voix,2026:territory' } },
      { _: 'Île de Nantes', $: { domain: 'tag:porte-voix,2026:territory' } },
    ]);
    expect(feed.items[0]!.enclosure).toEqual({
      url: 'https://cdn.example/photos/atelier.JPG?w=800&h=600',
      type: 'image/jpeg',
      length: '0',
    });
  });

  it('writes titles as plain text with character references, as the RSS Best Practices Profile advises', () => {
    expect(xml).toContain(
      '<title>&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E; Tom &#x26; Jerry ]]&#x3E; fin ]]&#x3E; « guillemets »</title>',
    );
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('@@porte-voix-title');
  });

  it('marks non-URL guids isPermaLink="false" and links itself with atom:link rel=self', () => {
    expect(xml.match(/<guid isPermaLink="false">tag:porte-voix,2026:feed-item:hostile1<\/guid>/g)).toHaveLength(1);
    expect(xml).not.toMatch(/isPermaLink="true"/);
    expect(xml).toContain('xmlns:atom="http://www.w3.org/2005/Atom"');
    expect(xml).toContain(
      '<atom:link href="http://localhost:3000/feeds/rss.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(xml).toContain('<language>fr</language>');
  });

  it('carries the text as escaped HTML, never as markup', async () => {
    const feed = await parser.parseString(xml);
    expect(feed.items[0]!.content).toBe(
      '<p>Ligne 1 &lt;b&gt;gras&lt;/b&gt; &amp; co<br>Ligne 2</p><p>Paragraphe ]]&gt; 2</p>',
    );
    expect(xml).not.toContain('<b>gras');
  });
});

describe('renderFeed atom', () => {
  const xml = renderFeed('atom', options('http://localhost:3000/feeds/atom.xml'));

  it('parses back with ids, links, dates and a self link', async () => {
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Porte-voix — Dialogue citoyen');
    expect(feed.feedUrl).toBe('http://localhost:3000/feeds/atom.xml');
    expect(feed.link).toBe('http://localhost:3000/');
    const [first] = feed.items as (Parser.Item & { id: string; summary: string })[];
    expect(first!.id).toBe('tag:porte-voix,2026:feed-item:hostile1');
    expect(first!.link).toBe('https://dialoguecitoyen.example/actu?a=1&b=2');
    expect(first!.pubDate).toBe('2026-11-24T08:00:00.000Z');
    // The package declares titles type="html": the plain text arrives HTML-escaped and decodes exactly.
    expect(decodeHtml(first!.title!)).toBe(hostile.title);
    expect(first!.summary).toContain('&lt;b&gt;gras');
  });

  it('declares the language, the feed id, the update date, categories and the image type', () => {
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">');
    expect(xml).toContain('<id>tag:porte-voix,2026:feed</id>');
    expect(xml).toContain('<link rel="self" href="http://localhost:3000/feeds/atom.xml"/>');
    expect(xml).toContain('<updated>2026-11-25T10:30:00.000Z</updated>');
    expect(xml).toContain('<category label="Rezé" scheme="tag:porte-voix,2026:territory" term="reze"/>');
    expect(xml).toContain(
      '<link rel="enclosure" href="https://cdn.example/photos/atelier.JPG?w=800&amp;h=600" type="image/jpeg"/>',
    );
    expect(xml).not.toContain('<script>');
  });
});

describe('renderFeed json', () => {
  const doc = JSON.parse(renderFeed('json', options('http://localhost:3000/feeds/feed.json')));

  it('is JSON Feed 1.1 with its feed_url, language and authors', () => {
    expect(doc).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Porte-voix — Dialogue citoyen',
      description: 'Toutes les actualités & décisions',
      home_page_url: 'http://localhost:3000',
      feed_url: 'http://localhost:3000/feeds/feed.json',
      language: 'fr',
      authors: [{ name: 'Dialogue citoyen', url: 'http://localhost:3000' }],
    });
    expect(doc.author).toBeUndefined();
  });

  it('keeps plain-text titles raw and the text as escaped HTML', () => {
    expect(doc.items[0]).toMatchObject({
      id: 'tag:porte-voix,2026:feed-item:hostile1',
      url: 'https://dialoguecitoyen.example/actu?a=1&b=2',
      title: hostile.title,
      content_html: '<p>Ligne 1 &lt;b&gt;gras&lt;/b&gt; &amp; co<br>Ligne 2</p><p>Paragraphe ]]&gt; 2</p>',
      image: 'https://cdn.example/photos/atelier.JPG?w=800&h=600',
      date_published: '2026-11-24T08:00:00.000Z',
      date_modified: '2026-11-25T10:30:00.000Z',
      tags: ['Mobilités', 'Environnement et nature en ville', 'Rezé', 'Île de Nantes'],
    });
  });
});

describe('renderFeed edge cases', () => {
  it('renders an empty feed in every format', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const feed = await parser.parseString(renderFeed(format, options('http://localhost:3000/f', [])));
      expect(feed.items).toEqual([]);
    }
    expect(JSON.parse(renderFeed('json', options('http://localhost:3000/f', []))).items).toEqual([]);
  });

  it('keeps a literal "&amp;" in the feed title exact (the XML writer would otherwise un-escape it)', async () => {
    const feed = await parser.parseString(
      renderFeed('rss', { ...options('http://localhost:3000/f', []), title: 'A &amp; B <c>' }),
    );
    expect(feed.title).toBe('A &amp; B <c>');
  });

  it('names real image media types', () => {
    expect(imageType('https://x.example/a.png')).toBe('image/png');
    expect(imageType('https://x.example/a.webp?v=2')).toBe('image/webp');
    expect(imageType('https://x.example/image?id=3')).toBe('image/jpeg');
  });
});
