// What expires, on the embedded store: each item that AWS must delete carries `expiresAt` (epoch
// seconds, the table's TTL attribute) at the instant its rule says, kept across rewrites; what must
// stay carries none. dynalite never deletes, so the value itself is what is checked here.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentLinkCodeKey,
  deliveryKey,
  digestKey,
  jobCountersKey,
  jobLeaseKey,
  processedUpdateKey,
  sessionKey,
  subscriberKey,
  type PrimaryKey,
} from '#adapters/dynamodb/keys';
import { PROCESSED_UPDATE_TTL_SECONDS } from '#adapters/dynamodb/repositories/processed-updates';
import { TABLE } from '#adapters/dynamodb/table';
import { DELIVERY_RETENTION_DAYS } from '#core/delivery/retention';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { T0, at, campaign, delivery, subscriber } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  await t.store.campaigns.create(campaign({ id: 'c1' }));
});
afterAll(() => t.close());

async function expiresAtOf(key: PrimaryKey): Promise<unknown> {
  const out = await t.client.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
  expect(out.Item, JSON.stringify(key)).toBeDefined();
  return out.Item![TABLE.ttlAttribute];
}

const seconds = (iso: string) => Date.parse(iso) / 1000;
const DAY_S = 24 * 60 * 60;
const hex = (c: string) => c.repeat(64);

describe('items that expire', () => {
  it('a processed update id: 7 days after it was seen (Telegram redelivers for 24 h)', async () => {
    expect(await t.store.processedUpdates.markFirstSeen(42, new Date(T0))).toBe(true);
    expect(await expiresAtOf(processedUpdateKey(42))).toBe(seconds(T0) + PROCESSED_UPDATE_TTL_SECONDS);
    expect(PROCESSED_UPDATE_TTL_SECONDS).toBe(7 * DAY_S);
  });

  it('a console session: at its absolute end, still after its last request is recorded', async () => {
    const endsAt = at(12 * 60);
    const session = { id: hex('a'), agentId: 'ag1', credentialHash: hex('b'), createdAt: T0, lastSeenAt: T0, endsAt };
    await t.store.sessions.create(session);
    await t.store.sessions.touch(session.id, at(30));
    expect(await expiresAtOf(sessionKey(session.id))).toBe(seconds(endsAt));
  });

  it('an agent’s Telegram link code: when it stops being valid', async () => {
    const validUntil = at(10);
    await t.store.agents.putLinkCode({ agentId: 'ag1', codeHash: hex('c'), createdAt: T0, validUntil });
    expect(await expiresAtOf(agentLinkCodeKey('ag1'))).toBe(seconds(validUntil));
  });

  it('a digest once sent: at the instant finish is given (open ones stay)', async () => {
    expect(await t.store.digests.add('s1', at(60), 'c1', T0)).toBe(true);
    expect(await expiresAtOf(digestKey('s1', at(60)))).toBeUndefined();
    const [open] = await t.store.digests.listBySubscriber('s1');
    const claimed = await t.store.digests.claim(open!, 'w1', at(65), at(60));
    const week = new Date(Date.parse(at(61)) + 7 * DAY_S * 1000);
    await t.store.digests.finish(claimed!, 'w1', at(61), week);
    expect(await expiresAtOf(digestKey('s1', at(60)))).toBe(week.getTime() / 1000);
  });

  it(`a delivery line: ${DELIVERY_RETENTION_DAYS} days after it was first written, through its outcome and an erasure’s move`, async () => {
    const retention = DELIVERY_RETENTION_DAYS * DAY_S;
    expect(await t.store.deliveries.claim(delivery({ recipient: 'alice' }))).toBe(true);
    expect(await expiresAtOf(deliveryKey('c1', 'telegram', 'alice'))).toBe(seconds(T0) + retention);
    // The outcome, written a day later, does not push the line's end back.
    const sent = delivery({ recipient: 'alice', status: 'sent', attempts: 1, updatedAt: at(24 * 60) });
    await t.store.deliveries.update(sent);
    expect(await expiresAtOf(deliveryKey('c1', 'telegram', 'alice'))).toBe(seconds(T0) + retention);
    // Erasure files the line under a random pseudonym: the copy ends when the original would have.
    await t.store.deliveries.moveTo(sent, 'random-pseudonym');
    expect(await expiresAtOf(deliveryKey('c1', 'telegram', 'random-pseudonym'))).toBe(seconds(T0) + retention);
    expect(await t.store.deliveries.get('c1', 'telegram', 'random-pseudonym')).toEqual({
      ...sent,
      recipient: 'random-pseudonym',
    });
  });

  it('a send job’s lease: as long as the lines it guards, whether released or left by a dead worker', async () => {
    const lease = {
      campaignId: 'c1',
      job: 'j1',
      recipients: ['alice'],
      owner: 'w1',
      window: 1,
      takenAt: at(1),
      heldUntil: at(2),
    };
    expect(await t.store.deliveries.takeLease(lease)).toBe(true);
    expect(await expiresAtOf(jobLeaseKey('c1', 'j1'))).toBe(seconds(at(1)) + DELIVERY_RETENTION_DAYS * DAY_S);
    expect(await t.store.deliveries.getLease('c1', 'j1')).toEqual(lease);
  });
});

describe('items that stay', () => {
  it('subscribers, campaigns and a campaign’s counters carry no expiry', async () => {
    await t.store.subscribers.put(subscriber({ id: 'keep' }));
    await t.store.deliveries.addCounters('c1', { sent: 1 }, T0);
    expect(await expiresAtOf(subscriberKey('keep'))).toBeUndefined();
    expect(await expiresAtOf({ pk: 'CAMPAIGN#c1', sk: 'CAMPAIGN' })).toBeUndefined();
    expect(await expiresAtOf(jobCountersKey('c1'))).toBeUndefined();
  });
});
