// Start links against the real store: created for what exists, resolved while what they name
// exists, and a follow through a link counted once per person (a repeat scan adds nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import { Demarche } from '#core/demarches/demarche';
import {
  applyKeptStartLink,
  createStartLink,
  deleteStartLink,
  followThroughLink,
  keepStartLink,
  resolveStartLink,
} from '#core/links/use-cases';
import { telegramStartUrl } from '#core/links/start-link';
import { type Subscriber, emptyFollows } from '#core/subscribers/subscriber';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let ctx: CoreContext;
const agent = { agentId: 'agent-1', name: 'Agnès' };

const subscriber = (id: string, status: Subscriber['status']): Subscriber => ({
  id,
  chatId: 1,
  language: 'fr',
  frequency: 'instant',
  status,
  follows: emptyFollows(),
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
});

beforeAll(async () => {
  testStore = await startTestStore();
  ctx = { store: testStore.store, clock: fixedClock('2026-11-25T10:00:00.000Z'), ids: randomIds };
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

describe('start links', () => {
  it('creates a link with a short unguessable payload, refusing a démarche that does not exist', async () => {
    const link = await createStartLink(ctx, agent, {
      target: { kind: 'demarche', key: 'parc-des-chantiers' },
      label: 'Affiche halle du marché de Talensac',
    });
    expect(link).toMatchObject({ subscriptions: 0, createdBy: 'agent-1', createdAt: '2026-11-25T10:00:00.000Z' });
    expect(link.id).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(telegramStartUrl('porte_voix_bot', link.id)).toBe(`https://t.me/porte_voix_bot?start=${link.id}`);
    expect(telegramStartUrl(undefined, link.id)).toBeUndefined();

    await expect(
      createStartLink(ctx, agent, { target: { kind: 'demarche', key: 'inconnue' }, label: 'x' }),
    ).rejects.toMatchObject({ code: 'Invalid', violations: [{ field: 'target.key', rule: 'demarche_exists' }] });
    await expect(
      createStartLink(ctx, agent, { target: { kind: 'territory', key: 'paris' }, label: 'x' }),
    ).rejects.toMatchObject({ code: 'Invalid' });
    await expect(
      createStartLink(ctx, agent, { target: { kind: 'theme', key: 'loire' }, label: '' }),
    ).rejects.toMatchObject({ code: 'Invalid' });
  });

  it('resolves a link with the name of what it follows; a malformed, unknown or deleted one resolves to nothing', async () => {
    const place = await createStartLink(ctx, agent, { target: { kind: 'territory', key: 'reze' }, label: 'Flyer' });
    expect((await resolveStartLink(ctx, place.id))?.targetTitle).toBe('Rezé');
    expect(await resolveStartLink(ctx, 'bad payload!')).toBeUndefined();
    expect(await resolveStartLink(ctx, 'x'.repeat(65))).toBeUndefined();
    expect(await resolveStartLink(ctx, 'unknownLink1')).toBeUndefined();
    await deleteStartLink(ctx, place.id);
    expect(await resolveStartLink(ctx, place.id)).toBeUndefined();
    await expect(deleteStartLink(ctx, place.id)).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('counts a follow the link added, once per person; a repeat scan counts nothing', async () => {
    const link = await createStartLink(ctx, agent, { target: { kind: 'theme', key: 'mobilites' }, label: 'Bus' });
    const resolved = await resolveStartLink(ctx, link.id);
    const s = subscriber('sub-a', 'active');
    await ctx.store.subscribers.put(s);
    const first = await followThroughLink(ctx, s, resolved);
    expect(first.outcome).toBe('followed');
    expect(first.subscriber.follows.themes).toEqual(['mobilites']);
    const again = await followThroughLink(ctx, first.subscriber, resolved);
    expect(again.outcome).toBe('already_following');
    expect((await ctx.store.startLinks.get(link.id))?.subscriptions).toBe(1);
    expect((await ctx.store.subscribers.get('sub-a'))?.follows.themes).toEqual(['mobilites']);
  });

  it('keeps the link on a pending subscriber and applies it once they consent, removing it', async () => {
    const link = await createStartLink(ctx, agent, {
      target: { kind: 'demarche', key: 'parc-des-chantiers' },
      label: 'Affiche',
    });
    const pending = await keepStartLink(ctx, subscriber('sub-b', 'pending'), link);
    expect((await ctx.store.subscribers.get('sub-b'))?.startLink).toBe(link.id);
    const applied = await applyKeptStartLink(ctx, { ...pending, status: 'active' });
    expect(applied.outcome).toBe('followed');
    expect(applied.resolved?.targetTitle).toBe('Parc des Chantiers');
    const stored = await ctx.store.subscribers.get('sub-b');
    expect(stored?.startLink).toBeUndefined();
    expect(stored?.follows.demarches).toEqual(['parc-des-chantiers']);
    expect((await ctx.store.startLinks.get(link.id))?.subscriptions).toBe(1);
  });

  it('drops a kept link deleted before consent, following nothing', async () => {
    const link = await createStartLink(ctx, agent, { target: { kind: 'theme', key: 'sante' }, label: 'Flyer' });
    const pending = await keepStartLink(ctx, subscriber('sub-c', 'pending'), link);
    await deleteStartLink(ctx, link.id);
    const applied = await applyKeptStartLink(ctx, { ...pending, status: 'active' });
    expect(applied.outcome).toBe('expired');
    const stored = await ctx.store.subscribers.get('sub-c');
    expect(stored?.startLink).toBeUndefined();
    expect(stored?.follows).toEqual(emptyFollows());
    expect(await ctx.store.startLinks.get(link.id)).toBeUndefined();
  });
});
