// Subscriber growth against the real store: each arrival and departure adds to its Paris day's
// counters, and the last weeks are read back by Paris week (Monday first), without a scan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import { subscriberGrowth } from '#core/subscribers/growth';
import type { Subscriber } from '#core/subscribers/subscriber';
import {
  declineConsent,
  eraseSubscriber,
  giveConsent,
  leave,
  markBlocked,
  startSubscription,
} from '#core/subscribers/use-cases';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let ctx: CoreContext;
const clock = fixedClock('2026-11-25T10:00:00.000Z');
const commands: string[] = [];

beforeAll(async () => {
  testStore = await startTestStore();
  testStore.client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  ctx = { store: testStore.store, clock, ids: randomIds };
});
afterAll(() => testStore.close());

async function subscribe(chatId: number): Promise<Subscriber> {
  const { subscriber } = await startSubscription(ctx, { id: `s${chatId}`, chatId, language: 'fr' }, undefined);
  return (await giveConsent(ctx, subscriber)).subscriber;
}

describe('subscriber growth', () => {
  it('counts consents as arrivals and every way of leaving an active subscription as a departure', async () => {
    // Week of Monday 16 November 2026.
    clock.set('2026-11-17T09:00:00Z');
    const a = await subscribe(1);
    const b = await subscribe(2);
    const c = await subscribe(3);
    await subscribe(4);
    // Pending, then refused: never active, so neither an arrival nor a departure.
    const { subscriber: pending } = await startSubscription(ctx, { id: 's5', chatId: 5, language: 'fr' }, undefined);
    await declineConsent(ctx, pending);

    // Week of Monday 23 November.
    clock.set('2026-11-24T09:00:00Z');
    const left = await leave(ctx, a);
    await leave(ctx, left); // already left: no second departure
    await markBlocked(ctx, b.id);
    await markBlocked(ctx, b.id); // blocked twice (a 403 after the kick): counted once
    await markBlocked(ctx, 'never-subscribed');
    await eraseSubscriber(ctx, c); // erased while active
    await eraseSubscriber(ctx, left); // had left already: counted when they left
    clock.set('2026-11-25T10:00:00Z');
    const back = await startSubscription(ctx, { id: a.id, chatId: 1, language: 'fr' }, left);
    await giveConsent(ctx, back.subscriber);

    expect(await subscriberGrowth(ctx, 3)).toEqual({
      weeks: [
        { weekStart: '2026-11-09', joined: 0, left: 0 },
        { weekStart: '2026-11-16', joined: 4, left: 0 },
        { weekStart: '2026-11-23', joined: 1, left: 3 },
      ],
    });
    const { weeks } = await subscriberGrowth(ctx);
    expect(weeks).toHaveLength(8);
    expect(weeks[0]?.weekStart).toBe('2026-10-05');
  });

  it('reads the weeks in one Query, by Paris days and Paris weeks', async () => {
    // Sunday 29 November, 23:30 in UTC, is Monday 30 November, 00:30 in Paris: a new week.
    clock.set('2026-11-29T23:30:00Z');
    await subscribe(6);
    commands.length = 0;
    const { weeks } = await subscriberGrowth(ctx, 2);
    expect(commands).toEqual(['Query']);
    expect(weeks).toEqual([
      { weekStart: '2026-11-23', joined: 1, left: 3 },
      { weekStart: '2026-11-30', joined: 1, left: 0 },
    ]);
  });

  it('costs one more write per arrival or departure, none when nothing changes', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const { subscriber } = await startSubscription(ctx, { id: 's7', chatId: 7, language: 'fr' }, undefined);
    commands.length = 0;
    const active = (await giveConsent(ctx, subscriber)).subscriber;
    expect(commands).toEqual(['PutItem', 'UpdateItem']);
    commands.length = 0;
    await giveConsent(ctx, active);
    expect(commands).toEqual([]);
    await leave(ctx, active);
    expect(commands).toEqual(['UpdateItem', 'UpdateItem']);
  });

  it('refuses a number of weeks out of range', async () => {
    await expect(subscriberGrowth(ctx, 0)).rejects.toMatchObject({ code: 'Invalid' });
    await expect(subscriberGrowth(ctx, 53)).rejects.toMatchObject({ code: 'Invalid' });
  });
});
