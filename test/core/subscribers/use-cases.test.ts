// A subscriber's life against the real store: start, consent, follows, language, leave, block,
// export and erase; each change one write, and a refusal leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import { Demarche } from '#core/demarches/demarche';
import {
  awaitText,
  declineConsent,
  eraseSubscriber,
  exportSubscriberData,
  giveConsent,
  leave,
  markBlocked,
  setLanguage,
  startSubscription,
  toggleFollow,
} from '#core/subscribers/use-cases';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let ctx: CoreContext;
const clock = fixedClock('2026-11-25T10:00:00.000Z');

beforeAll(async () => {
  testStore = await startTestStore();
  ctx = { store: testStore.store, clock, ids: randomIds };
  await ctx.store.demarches.create(
    Demarche.parse({
      slug: 'parc-des-chantiers',
      title: 'Parc des Chantiers',
      summary: 'Le parc.',
      link: 'https://example.org/parc',
      territories: ['nantes-ile-de-nantes'],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      version: 1,
    }),
  );
});
afterAll(() => testStore.close());

const get = (id: string) => ctx.store.subscribers.get(id);

describe('subscriber use cases', () => {
  it('keeps a pending item until consent, then activates it with a dated consent', async () => {
    const started = await startSubscription(ctx, { id: 'p1', chatId: 101, language: 'fr' }, undefined);
    expect(started.outcome).toBe('new');
    expect(await get('p1')).toMatchObject({ status: 'pending', chatId: 101, language: 'fr' });
    expect(await get('p1')).not.toHaveProperty('consentAt');
    expect((await startSubscription(ctx, { id: 'p1', chatId: 101, language: 'fr' }, await get('p1'))).outcome).toBe(
      'awaiting_consent',
    );
    const { subscriber } = await giveConsent(ctx, await get('p1'));
    expect(subscriber).toMatchObject({ status: 'active', consentAt: '2026-11-25T10:00:00.000Z' });
    expect(await get('p1')).toEqual(subscriber);
    expect((await startSubscription(ctx, { id: 'p1', chatId: 101, language: 'fr' }, subscriber)).outcome).toBe(
      'already_active',
    );
  });

  it('erases a pending item when consent is refused', async () => {
    await startSubscription(ctx, { id: 'p2', chatId: 102, language: 'en' }, undefined);
    expect(await declineConsent(ctx, await get('p2'))).toBe('erased');
    expect(await get('p2')).toBeUndefined();
  });

  it('toggles follows, refusing unknown ones, and switches language', async () => {
    await startSubscription(ctx, { id: 'p3', chatId: 103, language: 'fr' }, undefined);
    let s = (await giveConsent(ctx, await get('p3'))).subscriber;
    s = (await toggleFollow(ctx, s, 'demarches', 'parc-des-chantiers')).subscriber;
    s = (await toggleFollow(ctx, s, 'themes', 'mobilites')).subscriber;
    s = (await toggleFollow(ctx, s, 'territories', 'reze')).subscriber;
    expect((await get('p3'))?.follows).toEqual({
      demarches: ['parc-des-chantiers'],
      themes: ['mobilites'],
      territories: ['reze'],
    });
    const off = await toggleFollow(ctx, s, 'themes', 'mobilites');
    expect(off.following).toBe(false);
    await expect(toggleFollow(ctx, off.subscriber, 'demarches', 'inconnue')).rejects.toMatchObject({
      code: 'NotFound',
    });
    await expect(toggleFollow(ctx, off.subscriber, 'themes', 'astrologie')).rejects.toMatchObject({ code: 'NotFound' });
    expect((await setLanguage(ctx, off.subscriber, 'en')).language).toBe('en');
    expect((await get('p3'))?.follows.themes).toEqual([]);
  });

  it('leaves, comes back through consent again with follows kept, and is marked blocked', async () => {
    await startSubscription(ctx, { id: 'p4', chatId: 104, language: 'fr' }, undefined);
    let s = (await giveConsent(ctx, await get('p4'))).subscriber;
    s = (await toggleFollow(ctx, s, 'themes', 'loire')).subscriber;
    s = await awaitText(ctx, s, { questionnaireId: 'q', questionId: 'mot' });
    await leave(ctx, s);
    expect((await get('p4'))?.status).toBe('left');
    const back = await startSubscription(ctx, { id: 'p4', chatId: 104, language: 'fr' }, await get('p4'));
    expect(back.outcome).toBe('returning');
    const returned = await get('p4');
    expect(returned).toMatchObject({ status: 'pending', follows: { themes: ['loire'] } });
    expect(returned).not.toHaveProperty('awaitingText');
    expect(returned).not.toHaveProperty('consentAt');
    expect(await markBlocked(ctx, 'p4')).toBe(true);
    expect((await get('p4'))?.status).toBe('blocked');
    expect(await markBlocked(ctx, 'never-subscribed')).toBe(false);
  });

  it('exports the item and the responses under the pseudonym, then erases the item only', async () => {
    await startSubscription(ctx, { id: 'p5', chatId: 105, language: 'fr' }, undefined);
    const s = (await giveConsent(ctx, await get('p5'))).subscriber;
    const data = await exportSubscriberData(ctx, s);
    expect(data).toEqual({ subscriber: s, responses: [], deliveries: [], digests: [] });
    expect(await eraseSubscriber(ctx, s)).toBe(true);
    expect(await get('p5')).toBeUndefined();
    expect(await eraseSubscriber(ctx, undefined)).toBe(false);
  });
});
