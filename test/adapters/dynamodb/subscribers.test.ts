// Subscribers on dynalite: put/get, the active list that fan-out pages through, status changes
// moving a subscriber between lists, and erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscriber } from '#core/subscribers/subscriber';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, subscriber } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

async function allActive(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.store.subscribers.listActive({ cursor });
    ids.push(...page.items.map((s) => s.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

describe('subscribers', () => {
  it('creates, then replaces, a subscriber', async () => {
    const s = subscriber({ id: 'solo', quietHours: { start: '22:00', end: '07:30' }, consentAt: at(0) });
    await t.store.subscribers.put(s);
    expect(await t.store.subscribers.get('solo')).toEqual(s);
    const edited: Subscriber = {
      ...s,
      frequency: 'weekly',
      follows: { demarches: [], themes: ['loire'], territories: ['reze'] },
    };
    await t.store.subscribers.put(edited);
    expect(await t.store.subscribers.get('solo')).toEqual(edited);
  });

  it('moves a subscriber out of the active list and back with setStatus', async () => {
    await t.store.subscribers.put(subscriber({ id: 'mover' }));
    expect(await allActive()).toContain('mover');

    // It answers the status it replaced: the growth counters count only who stopped being active.
    expect(await t.store.subscribers.setStatus('mover', 'blocked', at(10))).toBe('active');
    expect(await allActive()).not.toContain('mover');
    const blocked = await t.store.subscribers.get('mover');
    expect(blocked).toMatchObject({ status: 'blocked', updatedAt: at(10), follows: { demarches: ['plan-velo'] } });

    expect(await t.store.subscribers.setStatus('mover', 'active', at(20))).toBe('blocked');
    expect(await allActive()).toContain('mover');
    expect((await t.store.subscribers.get('mover'))?.status).toBe('active');
  });

  it('lists only active subscribers', async () => {
    await t.store.subscribers.put(subscriber({ id: 'pending-one', status: 'pending' }));
    await t.store.subscribers.put(subscriber({ id: 'left-one', status: 'left' }));
    const active = await allActive();
    expect(active).not.toContain('pending-one');
    expect(active).not.toContain('left-one');
    // A put with a new status moves it too.
    await t.store.subscribers.put(subscriber({ id: 'pending-one', status: 'active' }));
    expect(await allActive()).toContain('pending-one');
  });

  it('says NotFound when changing the status of nobody, without creating anyone', async () => {
    await expect(t.store.subscribers.setStatus('ghost', 'left', at(1))).rejects.toMatchObject({ code: 'NotFound' });
    expect(await t.store.subscribers.get('ghost')).toBeUndefined();
  });

  it('erases a subscriber', async () => {
    await t.store.subscribers.put(subscriber({ id: 'leaving' }));
    await t.store.subscribers.delete('leaving');
    expect(await t.store.subscribers.get('leaving')).toBeUndefined();
    expect(await allActive()).not.toContain('leaving');
  });
});

describe('subscribers counted by status', () => {
  it('counts each status with key-only queries, following each status change', async () => {
    const fresh = await startTestStore();
    try {
      for (const [id, status] of [
        ['a', 'active'],
        ['b', 'active'],
        ['p', 'pending'],
        ['l', 'left'],
      ] as const)
        await fresh.store.subscribers.put(subscriber({ id, status }));
      await fresh.store.subscribers.setStatus('b', 'blocked', at(5));
      expect(await fresh.store.subscribers.countByStatus()).toEqual({ pending: 1, active: 1, blocked: 1, left: 1 });
    } finally {
      await fresh.close();
    }
  });
});

describe('active subscribers, page by page', () => {
  let many: TestStore;
  const ids = Array.from({ length: 120 }, (_, i) => `s${String(i).padStart(3, '0')}`);
  beforeAll(async () => {
    many = await startTestStore();
    await Promise.all(ids.map((id, i) => many.store.subscribers.put(subscriber({ id, chatId: 2000 + i }))));
    await many.store.subscribers.put(subscriber({ id: 'zz-blocked', status: 'blocked' }));
  });
  afterAll(() => many.close());

  it('reads 50 a page by default, every active subscriber exactly once', async () => {
    const sizes: number[] = [];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await many.store.subscribers.listActive({ cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.next;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(ids);
  });

  it('never returns more than 100 a page', async () => {
    const page = await many.store.subscribers.listActive({ limit: 500 });
    expect(page.items).toHaveLength(100);
    expect(page.next).toBeDefined();
  });
});

describe('subscriber growth counters', () => {
  it('adds to each day’s counters, created on the first change, and reads the days from a date on', async () => {
    await t.store.subscribers.addGrowth('2026-02-27', { joined: 1 });
    await t.store.subscribers.addGrowth('2026-03-02', { joined: 1 });
    await t.store.subscribers.addGrowth('2026-03-02', { joined: 1 });
    await t.store.subscribers.addGrowth('2026-03-02', { left: 1 });
    await t.store.subscribers.addGrowth('2026-03-09', { left: 1 });
    await t.store.subscribers.addGrowth('2026-03-10', {});
    expect(await t.store.subscribers.listGrowth('2026-03-01')).toEqual([
      { day: '2026-03-02', joined: 2, left: 1 },
      { day: '2026-03-09', joined: 0, left: 1 },
    ]);
    expect(await t.store.subscribers.listGrowth('2026-02-27')).toHaveLength(3);
  });
});
