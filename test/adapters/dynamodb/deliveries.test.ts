// The delivery ledger on dynalite: a recipient is claimed once per campaign and channel; a Telegram
// send job's lease is taken once, taken over only as the expired lease read, released only by its owner;
// erasure moves a line to another recipient without ever losing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import type { JobLease } from '#core/delivery/delivery';
import { at, campaign, delivery } from './fixtures';

const lease = (over: Partial<JobLease> = {}): JobLease => ({
  campaignId: 'c1',
  job: 'j1',
  recipients: ['alice', 'bob'],
  owner: 'w1',
  window: 9,
  takenAt: at(0),
  heldUntil: at(5),
  ...over,
});

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  // The campaign shares the partition of its ledger: it must never be listed as a line.
  await t.store.campaigns.create(campaign({ id: 'c1' }));
});
afterAll(() => t.close());

describe('delivery ledger', () => {
  it('claims a recipient once: the second claim is refused and changes nothing', async () => {
    expect(await t.store.deliveries.claim(delivery({ recipient: 'alice' }))).toBe(true);
    expect(await t.store.deliveries.claim(delivery({ recipient: 'alice', attempts: 9 }))).toBe(false);
    expect(await t.store.deliveries.get('c1', 'telegram', 'alice')).toEqual(delivery({ recipient: 'alice' }));
  });

  it('claims per channel and per campaign', async () => {
    expect(await t.store.deliveries.claim(delivery({ recipient: 'alice', channel: 'x' }))).toBe(true);
    expect(await t.store.deliveries.claim(delivery({ recipient: 'alice', campaignId: 'c2' }))).toBe(true);
  });

  it('records the outcome of an attempt', async () => {
    await t.store.deliveries.claim(delivery({ recipient: 'bob' }));
    const sent = delivery({ recipient: 'bob', status: 'sent', attempts: 1, externalId: '4242', updatedAt: at(1) });
    await t.store.deliveries.update(sent);
    expect(await t.store.deliveries.get('c1', 'telegram', 'bob')).toEqual(sent);
    expect(await t.store.deliveries.get('c1', 'telegram', 'nobody')).toBeUndefined();
  });

  it('lists one campaign’s lines page by page', async () => {
    await t.store.deliveries.claim(
      delivery({ recipient: 'carol', status: 'blocked', error: 'bot was blocked by the user' }),
    );
    const first = await t.store.deliveries.listByCampaign('c1', { limit: 2 });
    const second = await t.store.deliveries.listByCampaign('c1', { limit: 2, cursor: first.next });
    expect(second.next).toBeUndefined();
    const lines = [...first.items, ...second.items].map((d) => `${d.channel}:${d.recipient}:${d.status}`);
    expect(lines).toEqual(['telegram:alice:pending', 'telegram:bob:sent', 'telegram:carol:blocked', 'x:alice:pending']);
    expect((await t.store.deliveries.listByCampaign('c2')).items).toHaveLength(1);
  });

  it('takes a job lease once, takes over only the lease read, and releases only its own', async () => {
    expect(await t.store.deliveries.takeLease(lease())).toBe(true);
    expect(await t.store.deliveries.takeLease(lease({ owner: 'w2' }))).toBe(false);
    expect(await t.store.deliveries.getLease('c1', 'j1')).toEqual(lease());
    // A takeover names the lease it read: a stale one (another worker took over first) is refused.
    expect(await t.store.deliveries.takeLease(lease({ owner: 'w3' }), lease({ heldUntil: at(4) }))).toBe(false);
    expect(await t.store.deliveries.takeLease(lease({ owner: 'w2', takenAt: at(6), heldUntil: at(11) }), lease())).toBe(
      true,
    );
    expect(await t.store.deliveries.takeLease(lease({ owner: 'w3' }), lease())).toBe(false);
    // The lease is not a line, and a release by a former owner changes nothing.
    expect(
      (await t.store.deliveries.listByCampaign('c1', { limit: 100 })).items.every((d) => d.recipient !== 'j1'),
    ).toBe(true);
    await t.store.deliveries.releaseLease('c1', 'j1', 'w1');
    expect(await t.store.deliveries.listLeases('c1')).toEqual([
      lease({ owner: 'w2', takenAt: at(6), heldUntil: at(11) }),
    ]);
    await t.store.deliveries.releaseLease('c1', 'j1', 'w2');
    expect(await t.store.deliveries.getLease('c1', 'j1')).toBeUndefined();
    expect(await t.store.deliveries.listLeases('c1')).toEqual([]);
  });

  it('moves a line to another recipient: idempotent, finished by a retry after a crash, never lost', async () => {
    const sent = delivery({ campaignId: 'c3', recipient: 'dave', status: 'sent', attempts: 1, externalId: '7' });
    await t.store.deliveries.claim(sent);
    await t.store.deliveries.moveTo(sent, 'random-1');
    expect(await t.store.deliveries.get('c3', 'telegram', 'dave')).toBeUndefined();
    expect(await t.store.deliveries.get('c3', 'telegram', 'random-1')).toEqual({ ...sent, recipient: 'random-1' });
    // A retry of the same move (a crash after both writes) changes nothing.
    await t.store.deliveries.moveTo(sent, 'random-1');
    expect((await t.store.deliveries.listByCampaign('c3')).items).toEqual([{ ...sent, recipient: 'random-1' }]);

    // A crash between the copy and the delete: the line is there twice (counted twice), never zero
    // times, until the retry deletes the original.
    const blocked = delivery({ campaignId: 'c3', recipient: 'erin', status: 'blocked', error: 'bloqué' });
    await t.store.deliveries.claim(blocked);
    await t.store.deliveries.claim({ ...blocked, recipient: 'random-2' });
    expect((await t.store.deliveries.listByCampaign('c3')).items).toHaveLength(3);
    await t.store.deliveries.moveTo(blocked, 'random-2');
    const lines = (await t.store.deliveries.listByCampaign('c3')).items.map((d) => d.recipient);
    expect(lines).toEqual(['random-1', 'random-2']);
  });

  it('stops a move when the line changed since it was read, and the retry moves the line as it is', async () => {
    const read = delivery({ campaignId: 'c3', recipient: 'finn', status: 'sent', attempts: 1 });
    await t.store.deliveries.claim(read);
    // An overlapping job marked it a possible duplicate between the erasure's read and its delete.
    const marked = { ...read, uncertain: true };
    await t.store.deliveries.update(marked);
    await expect(t.store.deliveries.moveTo(read, 'random-3')).rejects.toMatchObject({ code: 'Conflict' });
    expect(await t.store.deliveries.get('c3', 'telegram', 'finn')).toEqual(marked);
    await t.store.deliveries.moveTo(marked, 'random-3');
    expect(await t.store.deliveries.get('c3', 'telegram', 'finn')).toBeUndefined();
    expect(await t.store.deliveries.get('c3', 'telegram', 'random-3')).toEqual({ ...marked, recipient: 'random-3' });
  });
});
