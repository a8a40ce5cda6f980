// Start links on dynalite: newest first, the subscription count added atomically, a deleted link
// never brought back by a late count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartLink } from '#core/links/start-link';
import { type TestStore, startTestStore } from '../../support/dynalite';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

const link = (id: string, minute: number): StartLink => ({
  id,
  target: { kind: 'theme', key: 'mobilites' },
  label: `Affiche ${id}`,
  subscriptions: 0,
  createdAt: `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`,
  createdBy: 'agent-1',
});

describe('start links', () => {
  it('creates once, lists newest first, and counts subscriptions with concurrent ADDs', async () => {
    await t.store.startLinks.create(link('aaaaaaaaaaaa', 1));
    await t.store.startLinks.create(link('bbbbbbbbbbbb', 2));
    await expect(t.store.startLinks.create(link('aaaaaaaaaaaa', 3))).rejects.toMatchObject({ code: 'Conflict' });
    expect((await t.store.startLinks.list()).map((l) => l.id)).toEqual(['bbbbbbbbbbbb', 'aaaaaaaaaaaa']);

    const counted = await Promise.all(
      Array.from({ length: 10 }, () => t.store.startLinks.countSubscription('aaaaaaaaaaaa')),
    );
    expect(counted.every(Boolean)).toBe(true);
    expect((await t.store.startLinks.get('aaaaaaaaaaaa'))?.subscriptions).toBe(10);
  });

  it('does not resurrect a deleted link when a subscription is counted late', async () => {
    await t.store.startLinks.create(link('cccccccccccc', 4));
    await t.store.startLinks.delete('cccccccccccc');
    expect(await t.store.startLinks.countSubscription('cccccccccccc')).toBe(false);
    expect(await t.store.startLinks.get('cccccccccccc')).toBeUndefined();
    await t.store.startLinks.delete('cccccccccccc'); // a missing one is not an error
  });
});
