// Consent versions against the real store: which version is current and which one is required,
// that consent records its version, that a renewal is not a new subscriber, that « Non merci » to a
// renewal leaves without erasing, and that the request replacing a message is sent once per version
// even when several sends reach the subscriber at once (one conditional write decides).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import type { TelegramMessage } from '#core/campaigns/telegram-format';
import type { TelegramSender } from '#core/delivery/ports';
import {
  CONSENT_VERSIONS,
  type ConsentVersion,
  askConsentAgain,
  consentOutdated,
  currentConsent,
  requiredConsent,
} from '#core/subscribers/consent';
import { declineRenewedConsent, giveConsent, startSubscription } from '#core/subscribers/use-cases';
import { type TestStore, startTestStore } from '../../support/dynalite';

const V1: ConsentVersion = { version: 1, date: '2026-12-01', material: true };
const V2: ConsentVersion = { version: 2, date: '2026-12-02', material: true };
const V3minor: ConsentVersion = { version: 3, date: '2026-12-03', material: false };

let testStore: TestStore;
const clock = fixedClock('2026-12-02T10:00:00.000Z');
const ctxWith = (consentVersions?: readonly ConsentVersion[]): CoreContext => ({
  store: testStore.store,
  clock,
  ids: randomIds,
  ...(consentVersions ? { consentVersions } : {}),
});
beforeAll(async () => {
  testStore = await startTestStore();
});
afterAll(() => testStore.close());

/** A sender that records what it is asked to send, and answers as Telegram would. */
function recordingSender(status: 'sent' | 'blocked' = 'sent') {
  const sent: { chatId: number; message: TelegramMessage }[] = [];
  const telegram: TelegramSender = {
    async send(chatId, message) {
      sent.push({ chatId, message });
      return status === 'sent'
        ? { status, messageId: sent.length, attempts: 1, uncertain: false }
        : { status, attempts: 1, error: 'Forbidden: bot was blocked by the user', uncertain: false };
    },
  };
  return { sent, telegram };
}
const request = (language: string, version: ConsentVersion): TelegramMessage => ({
  html: `${language} v${version.version}`,
  length: 5,
  limit: 4096,
});

async function activeSubscriber(ctx: CoreContext, id: string, chatId: number) {
  const { subscriber } = await startSubscription(ctx, { id, chatId, language: 'fr' }, undefined);
  return (await giveConsent(ctx, subscriber)).subscriber;
}

describe('consent versions', () => {
  it('the real list starts at version 1, material; current and required follow the injected list', () => {
    expect(CONSENT_VERSIONS[0]).toMatchObject({ version: 1, material: true });
    expect(currentConsent(ctxWith())).toEqual(CONSENT_VERSIONS.at(-1));
    expect(currentConsent(ctxWith([V1, V2, V3minor])).version).toBe(3);
    expect(requiredConsent(ctxWith([V1, V2, V3minor])).version).toBe(2);
    expect(requiredConsent(ctxWith([V1, V3minor])).version).toBe(1);
  });

  it('an item without a version accepted version 1; only active subscribers below the required one are outdated', () => {
    const ctx = ctxWith([V1, V2]);
    expect(consentOutdated(ctx, { status: 'active' })).toBe(true);
    expect(consentOutdated(ctx, { status: 'active', consentVersion: 2 })).toBe(false);
    expect(consentOutdated(ctx, { status: 'left' })).toBe(false);
    expect(consentOutdated(ctx, { status: 'pending' })).toBe(false);
    expect(consentOutdated(ctxWith([V1, V3minor]), { status: 'active' })).toBe(false);
  });

  it('consent records the current version; a renewal records it again without counting a new subscriber', async () => {
    const before = await ctxWith().store.subscribers.listGrowth('2026-12-02');
    const s = await activeSubscriber(ctxWith(), 'k1', 201);
    expect(s).toMatchObject({ status: 'active', consentVersion: 1 });
    const joinedAfterFirst = (await ctxWith().store.subscribers.listGrowth('2026-12-02'))[0]?.joined ?? 0;
    expect(joinedAfterFirst).toBe((before[0]?.joined ?? 0) + 1);

    const ctx = ctxWith([V1, V2]);
    expect(await giveConsent(ctx, { ...s, consentVersion: 2 })).toMatchObject({ changed: false, renewal: true });
    const renewed = await giveConsent(ctx, s);
    expect(renewed).toMatchObject({ changed: true, renewal: true, subscriber: { consentVersion: 2 } });
    expect(await ctx.store.subscribers.get('k1')).toMatchObject({ consentVersion: 2, status: 'active' });
    expect((await ctx.store.subscribers.listGrowth('2026-12-02'))[0]?.joined).toBe(joinedAfterFirst);
  });

  it('« Non merci » to a renewal leaves, keeping the item; to nothing outdated it does nothing', async () => {
    const s = await activeSubscriber(ctxWith(), 'k2', 202);
    expect(await declineRenewedConsent(ctxWith(), s)).toBe('not_outdated');
    expect(await declineRenewedConsent(ctxWith([V1, V2]), s)).toBe('left');
    expect(await ctxWith().store.subscribers.get('k2')).toMatchObject({ status: 'left', consentVersion: 1 });
  });

  it('asks once per version, whatever the sends racing; a newer material version asks again', async () => {
    const s = await activeSubscriber(ctxWith(), 'k3', 203);
    const { sent, telegram } = recordingSender();
    const deps = { ...ctxWith([V1, V2]), telegram, consentRequest: request };
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => askConsentAgain(deps, s)));
    expect(outcomes.filter((o) => o === 'asked')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_asked')).toHaveLength(3);
    expect(sent).toEqual([{ chatId: 203, message: request('fr', V2) }]);
    expect(await deps.store.subscribers.get('k3')).toMatchObject({ consentAskedFor: 2, consentVersion: 1 });

    const V4: ConsentVersion = { version: 4, date: '2026-12-04', material: true };
    expect(await askConsentAgain({ ...deps, consentVersions: [V1, V2, V4] }, s)).toBe('asked');
    expect(sent.at(-1)?.message.html).toBe('fr v4');
  });

  it('sends nothing without a renderer, nor to someone not active; a 403 marks them blocked', async () => {
    const s = await activeSubscriber(ctxWith(), 'k4', 204);
    const { sent, telegram } = recordingSender('blocked');
    expect(await askConsentAgain({ ...ctxWith([V1, V2]), telegram }, s)).toBe('not_sent');
    expect(sent).toEqual([]);
    const deps = { ...ctxWith([V1, V2]), telegram, consentRequest: request };
    expect(await askConsentAgain(deps, s)).toBe('not_sent');
    expect(sent).toHaveLength(1);
    expect(await deps.store.subscribers.get('k4')).toMatchObject({ status: 'blocked' });
    expect(await askConsentAgain(deps, { ...s, status: 'blocked' })).toBe('already_asked');
    expect(sent).toHaveLength(1);
  });
});
