// Processed Telegram updates on dynalite: first sight true, redelivery false, and an expired
// mark (still present, since dynalite never expires TTL items) counts as not seen.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

const now = new Date('2026-03-01T09:00:00.000Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('processed updates', () => {
  it('is true the first time and false on every redelivery', async () => {
    expect(await t.store.processedUpdates.markFirstSeen(1001, now)).toBe(true);
    expect(await t.store.processedUpdates.markFirstSeen(1001, now)).toBe(false);
    expect(await t.store.processedUpdates.markFirstSeen(1001, days(6))).toBe(false);
    expect(await t.store.processedUpdates.markFirstSeen(1002, now)).toBe(true);
  });

  it('stores an expiry a week ahead, in epoch seconds, for DynamoDB TTL', async () => {
    await t.store.processedUpdates.markFirstSeen(2001, now);
    const { Item } = await t.client.send(
      new GetCommand({ TableName: t.tableName, Key: { pk: 'UPDATE#2001', sk: 'UPDATE' } }),
    );
    expect(Item?.expiresAt).toBe(now.getTime() / 1000 + 7 * 86_400);
  });

  it('counts an expired mark as not seen, and marks it again', async () => {
    await t.store.processedUpdates.markFirstSeen(3001, now);
    expect(await t.store.processedUpdates.markFirstSeen(3001, days(8))).toBe(true);
    expect(await t.store.processedUpdates.markFirstSeen(3001, days(8))).toBe(false);
  });
});
