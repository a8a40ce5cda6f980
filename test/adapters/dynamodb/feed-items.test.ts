// Feed items on dynalite: the global feed and each démarche's feed, newest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, feedItem } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  await t.store.feedItems.create(feedItem({ id: 'f1', publishedAt: at(1), demarcheSlug: 'plan-velo' }));
  await t.store.feedItems.create(feedItem({ id: 'f2', publishedAt: at(2) }));
  await t.store.feedItems.create(feedItem({ id: 'f3', publishedAt: at(3), demarcheSlug: 'ile-de-nantes' }));
  await t.store.feedItems.create(
    feedItem({ id: 'f4', publishedAt: at(4), demarcheSlug: 'plan-velo', campaignId: 'c1' }),
  );
});
afterAll(() => t.close());

describe('feed items', () => {
  it('reads an item back by its guid', async () => {
    expect(await t.store.feedItems.get('f4')).toEqual(
      feedItem({ id: 'f4', publishedAt: at(4), demarcheSlug: 'plan-velo', campaignId: 'c1' }),
    );
    expect(await t.store.feedItems.get('f9')).toBeUndefined();
  });

  it('lists the global feed newest first, up to the limit', async () => {
    expect((await t.store.feedItems.listRecent({ limit: 10 })).map((f) => f.id)).toEqual(['f4', 'f3', 'f2', 'f1']);
    expect((await t.store.feedItems.listRecent({ limit: 2 })).map((f) => f.id)).toEqual(['f4', 'f3']);
    expect(await t.store.feedItems.listRecent({ limit: 0 })).toEqual([]);
  });

  it('lists one démarche’s feed only', async () => {
    expect((await t.store.feedItems.listRecent({ limit: 10, demarcheSlug: 'plan-velo' })).map((f) => f.id)).toEqual([
      'f4',
      'f1',
    ]);
    expect((await t.store.feedItems.listRecent({ limit: 10, demarcheSlug: 'ile-de-nantes' })).map((f) => f.id)).toEqual(
      ['f3'],
    );
    expect(await t.store.feedItems.listRecent({ limit: 10, demarcheSlug: 'aucune' })).toEqual([]);
  });

  it('keeps a guid forever: a second item with the same id is refused', async () => {
    await expect(t.store.feedItems.create(feedItem({ id: 'f1', title: 'Autre' }))).rejects.toMatchObject({
      code: 'Conflict',
    });
    expect((await t.store.feedItems.get('f1'))?.title).toBe('La consultation est ouverte');
  });
});
