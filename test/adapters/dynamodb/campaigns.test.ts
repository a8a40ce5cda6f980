// Campaigns on dynalite: newest-first list with a status filter, the sparse "due" index that holds
// scheduled campaigns only, ordered by send time, and the sparse "sending" index finalize reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, campaign } from './fixtures';

// A fresh store per test: the due index and the list are global partitions.
let t: TestStore;
beforeEach(async () => {
  t = await startTestStore();
});
afterEach(() => t.close());

describe('campaigns', () => {
  it('round-trips a campaign and refuses a duplicate id', async () => {
    const c = campaign({
      id: 'full',
      channels: ['telegram', 'x'],
      audience: { kind: 'followers', demarches: ['plan-velo'], themes: ['mobilites'], territories: [] },
      xText: 'Plan vélo : à vous !',
      counts: {
        telegram: { sent: 3, failed: 1, blocked: 0, uncertain: 0 },
        x: { posted: 0, queued: 1, failed: 0 },
      },
    });
    await t.store.campaigns.create(c);
    expect(await t.store.campaigns.get('full')).toEqual(c);
    await expect(t.store.campaigns.create(c)).rejects.toMatchObject({
      code: 'Conflict',
      message: 'la campagne full existe déjà',
    });
  });

  it('lists newest first, filtered by status across pages', async () => {
    const statuses = ['draft', 'sent', 'draft', 'scheduled', 'draft', 'sent', 'draft'] as const;
    for (const [i, status] of statuses.entries())
      await t.store.campaigns.create(campaign({ id: `c${i}`, status, createdAt: at(i) }));

    const all = await t.store.campaigns.list();
    expect(all.items.map((c) => c.id)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);

    const first = await t.store.campaigns.list({ status: 'draft', limit: 3 });
    expect(first.items.map((c) => c.id)).toEqual(['c6', 'c4', 'c2']);
    const second = await t.store.campaigns.list({ status: 'draft', limit: 3, cursor: first.next });
    expect(second.items.map((c) => c.id)).toEqual(['c0']);
    expect(second.next).toBeUndefined();
    expect((await t.store.campaigns.list({ status: 'cancelled' })).items).toEqual([]);
  });

  it('lists due campaigns: scheduled only, sendAt at or before the bound, oldest first', async () => {
    await t.store.campaigns.create(campaign({ id: 'late', status: 'scheduled', sendAt: at(30) }));
    await t.store.campaigns.create(campaign({ id: 'early', status: 'scheduled', sendAt: at(10) }));
    await t.store.campaigns.create(campaign({ id: 'exact', status: 'scheduled', sendAt: at(20) }));
    await t.store.campaigns.create(campaign({ id: 'future', status: 'scheduled', sendAt: at(90) }));
    await t.store.campaigns.create(campaign({ id: 'draft', status: 'draft', sendAt: at(5) }));
    await t.store.campaigns.create(campaign({ id: 'sent', status: 'sent', sendAt: at(5) }));

    expect((await t.store.campaigns.listDue(at(30))).map((c) => c.id)).toEqual(['early', 'exact', 'late']);
    expect((await t.store.campaigns.listDue(at(20))).map((c) => c.id)).toEqual(['early', 'exact']);
    expect((await t.store.campaigns.listDue(at(30), 2)).map((c) => c.id)).toEqual(['early', 'exact']);
    expect(await t.store.campaigns.listDue(at(9))).toEqual([]);
    // Bounds given with an offset are read as the instant they name.
    expect((await t.store.campaigns.listDue('2026-03-01T10:20:00+01:00')).map((c) => c.id)).toEqual(['early', 'exact']);
  });

  it('takes a campaign out of the due index when it leaves `scheduled`, and puts it back', async () => {
    const c = campaign({ id: 'moving', status: 'scheduled', sendAt: at(10) });
    await t.store.campaigns.create(c);
    expect((await t.store.campaigns.listDue(at(60))).map((x) => x.id)).toEqual(['moving']);

    const sending = { ...c, status: 'sending' as const, version: 2 };
    await t.store.campaigns.update(sending, 1);
    expect(await t.store.campaigns.listDue(at(60))).toEqual([]);
    expect(await t.store.campaigns.get('moving')).toEqual(sending);

    const draft = campaign({ id: 'back', status: 'scheduled', sendAt: at(15) });
    await t.store.campaigns.create(draft);
    await t.store.campaigns.update({ ...draft, status: 'draft', version: 2 }, 1);
    await t.store.campaigns.update({ ...draft, status: 'scheduled', sendAt: at(40), version: 3 }, 2);
    expect((await t.store.campaigns.listDue(at(39))).map((x) => x.id)).toEqual([]);
    expect((await t.store.campaigns.listDue(at(40))).map((x) => x.id)).toEqual(['back']);
  });

  it('keeps the campaigns being sent in their sparse index, and only while they are sent', async () => {
    for (const [i, status] of (['draft', 'scheduled', 'sent', 'cancelled', 'paused', 'failed'] as const).entries())
      await t.store.campaigns.create(campaign({ id: `other-${i}`, status, sendAt: at(i) }));
    const c = campaign({ id: 'leaving', status: 'scheduled', sendAt: at(10) });
    await t.store.campaigns.create(c);
    await t.store.campaigns.create(campaign({ id: 'earlier', status: 'sending', sendAt: at(5) }));
    expect((await t.store.campaigns.listSending()).map((x) => x.id)).toEqual(['earlier']);

    await t.store.campaigns.update({ ...c, status: 'sending', version: 2 }, 1);
    expect((await t.store.campaigns.listSending()).map((x) => x.id)).toEqual(['earlier', 'leaving']);
    expect((await t.store.campaigns.listDue(at(60))).map((x) => x.id)).toEqual(['other-1']);
    // Paused: out of the index (finalize leaves it alone); resumed: back in; sent: out for good.
    await t.store.campaigns.update({ ...c, status: 'paused', version: 3 }, 2);
    expect((await t.store.campaigns.listSending()).map((x) => x.id)).toEqual(['earlier']);
    await t.store.campaigns.update({ ...c, status: 'sending', version: 4 }, 3);
    await t.store.campaigns.update({ ...c, status: 'sent', version: 5 }, 4);
    expect((await t.store.campaigns.listSending()).map((x) => x.id)).toEqual(['earlier']);
  });

  it('refuses a stale update, and says NotFound for a missing campaign', async () => {
    const c = campaign({ id: 'locked' });
    await t.store.campaigns.create(c);
    await t.store.campaigns.update({ ...c, status: 'scheduled', version: 2 }, 1);
    await expect(t.store.campaigns.update({ ...c, status: 'cancelled', version: 2 }, 1)).rejects.toMatchObject({
      code: 'Conflict',
      message: 'la campagne locked a été modifiée entre-temps',
    });
    expect((await t.store.campaigns.get('locked'))?.status).toBe('scheduled');
    await expect(t.store.campaigns.update(campaign({ id: 'nope', version: 2 }), 1)).rejects.toMatchObject({
      code: 'NotFound',
    });
  });
});
