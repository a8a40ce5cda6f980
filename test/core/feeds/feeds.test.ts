// Publishing to and reading the feeds, on the real store (embedded dynalite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import type { CoreContext } from '#core/context';
import type { Demarche } from '#core/demarches/demarche';
import { publishFeedItem } from '#core/feeds/publish';
import { FEED_TEXTS, readFeed } from '#core/feeds/read';
import { DomainError } from '#core/shared/errors';
import { startTestStore, type TestStore } from '../../support/dynalite';

let testStore: TestStore;
let ctx: CoreContext;
const clock = fixedClock('2026-11-20T09:00:00.000Z');
let counter = 0;

const demarche: Demarche = {
  slug: 'bords-de-loire',
  title: 'Bords de Loire',
  summary: 'Réaménager les quais avec les habitants.',
  link: 'https://dialoguecitoyen.example/bords-de-loire',
  themes: ['loire', 'mobilites'],
  territories: ['nantes-ile-de-nantes'],
  steps: [],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  version: 1,
};
const input = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  text: `Texte : ${title}`,
  link: 'https://dialoguecitoyen.example/actu',
  ...extra,
});

beforeAll(async () => {
  testStore = await startTestStore();
  ctx = { store: testStore.store, clock, ids: { next: () => `item${++counter}` } };
  await testStore.store.demarches.create(demarche);
});
afterAll(() => testStore.close());

describe('publishFeedItem', () => {
  it('stamps id and dates and stores the item', async () => {
    const item = await publishFeedItem(
      ctx,
      input('Ouverture de la consultation', { themes: ['sante'], territories: ['reze'] }),
    );
    expect(item).toEqual({
      id: 'item1',
      title: 'Ouverture de la consultation',
      text: 'Texte : Ouverture de la consultation',
      link: 'https://dialoguecitoyen.example/actu',
      themes: ['sante'],
      territories: ['reze'],
      publishedAt: '2026-11-20T09:00:00.000Z',
      updatedAt: '2026-11-20T09:00:00.000Z',
    });
    expect(await ctx.store.feedItems.get('item1')).toEqual(item);
  });

  it('files an item under its démarche, with the démarche’s themes and places unless given', async () => {
    clock.advance(60_000);
    const item = await publishFeedItem(ctx, input('Atelier quai', { demarcheSlug: 'bords-de-loire' }));
    expect(item).toMatchObject({
      demarcheSlug: 'bords-de-loire',
      themes: ['loire', 'mobilites'],
      territories: ['nantes-ile-de-nantes'],
    });
    const none = await publishFeedItem(ctx, input('Sans thème', { demarcheSlug: 'bords-de-loire', themes: [] }));
    expect(none.themes).toEqual([]);
  });

  it('refuses an unknown démarche and invalid input, storing nothing', async () => {
    const before = await ctx.store.feedItems.listRecent({ limit: 100 });
    await expect(publishFeedItem(ctx, input('X', { demarcheSlug: 'inconnue' }))).rejects.toMatchObject({
      code: 'NotFound',
    });
    const invalid = await publishFeedItem(ctx, { title: '', text: 'x', link: 'ftp://x' }).catch((e: DomainError) => e);
    expect(invalid).toBeInstanceOf(DomainError);
    expect((invalid as DomainError).violations.map((v) => v.field).sort()).toEqual(['link', 'title']);
    expect(await ctx.store.feedItems.listRecent({ limit: 100 })).toHaveLength(before.length);
  });

  it('treats a caller-given id as an idempotency key: a replay returns the item already published', async () => {
    clock.advance(60_000);
    const first = await publishFeedItem(ctx, input('Campagne', { id: 'camp1', campaignId: 'camp1' }));
    clock.advance(1000);
    const replay = await publishFeedItem(ctx, input('Campagne', { id: 'camp1', campaignId: 'camp1' }));
    expect(replay).toEqual(first);
    const all = await ctx.store.feedItems.listRecent({ limit: 100 });
    expect(all.filter((i) => i.id === 'camp1')).toHaveLength(1);
  });
});

describe('readFeed', () => {
  it('reads the global feed newest first, with its title and newest update', async () => {
    const feed = await readFeed(ctx, {});
    expect(feed.title).toBe('Porte-voix — Dialogue citoyen');
    expect(feed.id).toBe('tag:porte-voix,2026:feed');
    expect(feed.items.map((i) => i.title)).toEqual([
      'Campagne',
      'Sans thème',
      'Atelier quai',
      'Ouverture de la consultation',
    ]);
    expect(feed.updated).toBe(feed.items[0]!.updatedAt);
    expect((await readFeed(ctx, { limit: 2 })).items).toHaveLength(2);
  });

  it('reads one démarche’s feed, titled after it', async () => {
    const feed = await readFeed(ctx, { demarcheSlug: 'bords-de-loire' });
    expect(feed).toMatchObject({
      id: 'tag:porte-voix,2026:feed:demarche:bords-de-loire',
      title: FEED_TEXTS.demarcheTitle('Bords de Loire'),
      description: demarche.summary,
      link: demarche.link,
    });
    expect(feed.title).toBe('Bords de Loire — Porte-voix');
    expect(feed.items.map((i) => i.title)).toEqual(['Sans thème', 'Atelier quai']);
  });

  it('moves `updated` when the démarche itself changes (its title is in the feed)', async () => {
    await ctx.store.demarches.update(
      { ...demarche, title: 'Quais de Loire', updatedAt: '2026-12-01T00:00:00.000Z', version: 2 },
      1,
    );
    const feed = await readFeed(ctx, { demarcheSlug: 'bords-de-loire' });
    expect(feed.updated).toBe('2026-12-01T00:00:00.000Z');
    expect(feed.title).toBe('Quais de Loire — Porte-voix');
  });

  it('answers NotFound for an unknown démarche', async () => {
    await expect(readFeed(ctx, { demarcheSlug: 'inconnue' })).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('has no date for an empty global feed', async () => {
    const empty = await startTestStore();
    try {
      const feed = await readFeed({ ...ctx, store: empty.store }, {});
      expect(feed.items).toEqual([]);
      expect(feed.updated).toBeUndefined();
    } finally {
      await empty.close();
    }
  });
});
