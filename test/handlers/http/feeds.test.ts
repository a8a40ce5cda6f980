// The public feeds over HTTP, on the real store: formats, content types, permanent guids, self
// links, escaping, and the validators (ETag, Last-Modified) that let readers poll for a 304.
import type { Hono } from 'hono';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demarche } from '#core/demarches/demarche';
import type { FeedItem } from '#core/feeds/feed-item';
import { publishFeedItem } from '#core/feeds/publish';
import { feedRoutes } from '#handlers/http/feeds';
import type { HttpDeps } from '#handlers/http/deps';
import { startHttpDeps } from '../../support/http-deps';

let app: Hono;
let deps: HttpDeps;
let clock: Awaited<ReturnType<typeof startHttpDeps>>['clock'];
let close: () => Promise<void>;
let hostile: FeedItem;
const parser = new Parser();

const demarche: Demarche = {
  slug: 'bords-de-loire',
  title: 'Bords de Loire & quais',
  summary: 'Réaménager les quais avec les habitants.',
  link: 'https://dialoguecitoyen.example/bords-de-loire',
  themes: ['loire'],
  territories: ['nantes-ile-de-nantes'],
  steps: [],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  version: 1,
};

beforeAll(async () => {
  ({ deps, clock, close } = await startHttpDeps('2026-11-25T10:00:00.000Z'));
  app = feedRoutes(deps);
  await deps.store.demarches.create(demarche);
  await publishFeedItem(deps, {
    title: 'Ouverture',
    text: 'La consultation est ouverte.',
    link: 'https://dialoguecitoyen.example/a',
  });
  clock.advance(60_000);
  hostile = await publishFeedItem(deps, {
    title: '<script>alert(1)</script> Tom & Jerry',
    text: 'Venez <b>nombreux</b> & nombreuses\nau quai.',
    link: 'https://dialoguecitoyen.example/b?x=1&y=2',
    imageUrl: 'https://cdn.example/atelier.png',
    demarcheSlug: 'bords-de-loire',
  });
});
afterAll(() => close());

interface JsonFeed {
  title: string;
  items: { id: string; title: string }[];
}
const json = async (res: Response) => (await res.json()) as JsonFeed;

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.request(path, { method, headers });

describe('GET /feeds/*', () => {
  it('serves RSS 2.0 with permanent guids, isPermaLink="false" and an atom self link', async () => {
    const res = await get('/feeds/rss.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toContain('<guid isPermaLink="false">tag:porte-voix,2026:feed-item:');
    expect(xml).toContain(
      '<atom:link href="http://localhost:3000/feeds/rss.xml" rel="self" type="application/rss+xml"/>',
    );
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Porte-voix — Dialogue citoyen');
    expect(feed.items.map((i) => i.title)).toEqual(['<script>alert(1)</script> Tom & Jerry', 'Ouverture']);
    expect(feed.items[0]!.guid).toBe(`tag:porte-voix,2026:feed-item:${hostile.id}`);
    expect(feed.items[0]!.link).toBe('https://dialoguecitoyen.example/b?x=1&y=2');
    expect(feed.items[0]!.content).toBe('<p>Venez &lt;b&gt;nombreux&lt;/b&gt; &amp; nombreuses<br>au quai.</p>');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
  });

  it('serves Atom 1.0 with a self link and entry ids', async () => {
    const res = await get('/feeds/atom.xml');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toContain('<link rel="self" href="http://localhost:3000/feeds/atom.xml"/>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry');
    expect(xml).toContain('type="image/png"');
    const feed = await parser.parseString(xml);
    expect(feed.feedUrl).toBe('http://localhost:3000/feeds/atom.xml');
    expect((feed.items[0] as { id?: string }).id).toBe(`tag:porte-voix,2026:feed-item:${hostile.id}`);
  });

  it('serves JSON Feed 1.1 with its feed_url', async () => {
    const res = await get('/feeds/feed.json');
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const doc = await json(res);
    expect(doc).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      feed_url: 'http://localhost:3000/feeds/feed.json',
      language: 'fr',
    });
    expect(doc.items[0]).toMatchObject({ id: `tag:porte-voix,2026:feed-item:${hostile.id}`, title: hostile.title });
  });

  it('serves one démarche’s feed under its title, and 404 in French for an unknown one', async () => {
    const res = await get('/feeds/demarches/bords-de-loire/rss.xml');
    expect(res.status).toBe(200);
    const feed = await parser.parseString(await res.text());
    expect(feed.title).toBe('Bords de Loire & quais — Porte-voix');
    expect(feed.link).toBe('https://dialoguecitoyen.example/bords-de-loire');
    expect(feed.feedUrl).toBe('http://localhost:3000/feeds/demarches/bords-de-loire/rss.xml');
    expect(feed.items.map((i) => i.title)).toEqual([hostile.title]);
    const demarcheJson = await json(await get('/feeds/demarches/bords-de-loire/feed.json'));
    expect(demarcheJson.title).toBe('Bords de Loire & quais — Porte-voix');

    for (const path of ['/feeds/demarches/inconnue/atom.xml', '/feeds/demarches/Pas%20Un%20Slug/rss.xml']) {
      const missing = await get(path);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toMatch(/^Démarche introuvable/);
    }
  });

  it('sends validators and caching headers', async () => {
    const res = await get('/feeds/rss.xml');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get('last-modified')).toBe('Wed, 25 Nov 2026 10:01:00 GMT');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    // Each format is its own representation, so its own ETag.
    expect((await get('/feeds/atom.xml')).headers.get('etag')).not.toBe(res.headers.get('etag'));
  });

  it('answers 304 on a matching If-None-Match, and If-None-Match wins over If-Modified-Since', async () => {
    const etag = (await get('/feeds/atom.xml')).headers.get('etag')!;
    const res = await get('/feeds/atom.xml', { 'If-None-Match': `"other", W/${etag}` });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toBe(etag);
    const stale = await get('/feeds/atom.xml', {
      'If-None-Match': '"other"',
      'If-Modified-Since': 'Wed, 25 Nov 2026 12:00:00 GMT',
    });
    expect(stale.status).toBe(200);
  });

  it('answers 304 on an If-Modified-Since not older than Last-Modified, 200 when older', async () => {
    expect((await get('/feeds/feed.json', { 'If-Modified-Since': 'Wed, 25 Nov 2026 10:01:00 GMT' })).status).toBe(304);
    expect((await get('/feeds/feed.json', { 'If-Modified-Since': 'Wed, 25 Nov 2026 10:00:59 GMT' })).status).toBe(200);
    expect((await get('/feeds/feed.json', { 'If-Modified-Since': 'pas une date' })).status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('/feeds/rss.xml', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe((await get('/feeds/rss.xml')).headers.get('etag'));
    expect(await res.text()).toBe('');
  });

  it('changes ETag and Last-Modified when an item is published', async () => {
    const before = await get('/feeds/demarches/bords-de-loire/rss.xml');
    clock.advance(60_000);
    await publishFeedItem(deps, {
      title: 'Synthèse',
      text: 'La synthèse est en ligne.',
      link: 'https://dialoguecitoyen.example/c',
      demarcheSlug: 'bords-de-loire',
    });
    const after = await get('/feeds/demarches/bords-de-loire/rss.xml', {
      'If-None-Match': before.headers.get('etag')!,
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.headers.get('last-modified')).toBe('Wed, 25 Nov 2026 10:02:00 GMT');
    expect((await parser.parseString(await after.text())).items[0]!.title).toBe('Synthèse');
  });

  it('serves at most the 50 newest items', async () => {
    for (let i = 0; i < 52; i++) {
      clock.advance(1000);
      await publishFeedItem(deps, { title: `Brève ${i}`, text: 'x', link: 'https://dialoguecitoyen.example/d' });
    }
    const doc = await json(await get('/feeds/feed.json'));
    expect(doc.items).toHaveLength(50);
    expect(doc.items[0]!.title).toBe('Brève 51');
  });
});
