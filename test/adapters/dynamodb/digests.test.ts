// Digests on dynalite: a campaign joins an open digest once however often it is added; a digest
// claimed for sending takes no more; two claims of one digest, one wins; a claim is taken over
// only as read; a finished digest leaves the due index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';

const DUE = '2026-11-26T07:00:00.000Z';
const AT = '2026-11-25T10:00:00.000Z';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

describe('digests', () => {
  it('takes each campaign once, and lists the due digests oldest first', async () => {
    expect(await t.store.digests.add('alice', DUE, 'c2', AT)).toBe(true);
    expect(await t.store.digests.add('alice', DUE, 'c1', AT)).toBe(true);
    expect(await t.store.digests.add('alice', DUE, 'c2', AT)).toBe(true);
    expect(await t.store.digests.add('bob', '2026-11-25T19:00:00.000Z', 'c1', AT)).toBe(true);
    expect(await t.store.digests.listDue('2026-11-25T18:59:59.999Z', 10)).toEqual([]);
    const due = await t.store.digests.listDue(DUE, 10);
    expect(due.map((d) => [d.subscriberId, d.campaigns])).toEqual([
      ['bob', ['c1']],
      ['alice', ['c1', 'c2']],
    ]);
    expect(due[1]).toMatchObject({ status: 'open', dueAt: DUE, createdAt: AT });
  });

  it('claims once: the loser and a late joiner are refused', async () => {
    const [read] = (await t.store.digests.listDue(DUE, 10)).filter((d) => d.subscriberId === 'alice');
    const [first, second] = await Promise.all([
      t.store.digests.claim(read!, 'w1', '2026-11-26T07:05:00.000Z', DUE),
      t.store.digests.claim(read!, 'w2', '2026-11-26T07:05:00.000Z', DUE),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const claimed = (first ?? second)!;
    expect(claimed).toMatchObject({ status: 'sending', campaigns: ['c1', 'c2'] });
    expect(await t.store.digests.add('alice', DUE, 'c3', DUE)).toBe(false);

    // Only its owner records parts; a takeover must name the claim it read.
    expect(await t.store.digests.recordParts(claimed, 'intruder', [], DUE)).toBe(false);
    const parts = [{ campaigns: ['c1'], status: 'sent' as const, messageId: 42 }];
    expect(await t.store.digests.recordParts(claimed, claimed.owner!, parts, DUE)).toBe(true);
    expect(await t.store.digests.claim({ ...claimed, heldUntil: DUE }, 'w3', DUE, DUE)).toBeUndefined();
    const takenOver = await t.store.digests.claim(claimed, 'w3', '2026-11-26T07:15:00.000Z', DUE);
    expect(takenOver).toMatchObject({ owner: 'w3', parts });

    await t.store.digests.finish(takenOver!, 'w3', DUE, new Date('2026-12-03T07:00:00.000Z'));
    expect((await t.store.digests.listDue(DUE, 10)).map((d) => d.subscriberId)).toEqual(['bob']);
    expect(await t.store.digests.add('alice', DUE, 'c4', DUE)).toBe(false);
    expect((await t.store.digests.listBySubscriber('alice')).map((d) => d.status)).toEqual(['sent']);
  });

  it('a released claim is taken by the next run at once', async () => {
    const [bob] = await t.store.digests.listDue(DUE, 10);
    const claimed = await t.store.digests.claim(bob!, 'w1', '2026-11-26T07:05:00.000Z', DUE);
    await t.store.digests.release(claimed!, 'w1', DUE);
    const [released] = await t.store.digests.listDue(DUE, 10);
    expect(released).toMatchObject({ status: 'sending' });
    expect(released!.owner).toBeUndefined();
    expect(await t.store.digests.claim(released!, 'w2', '2026-11-26T07:10:00.000Z', DUE)).toMatchObject({
      owner: 'w2',
    });
    await t.store.digests.delete('bob', bob!.dueAt);
    expect(await t.store.digests.listBySubscriber('bob')).toEqual([]);
  });
});
