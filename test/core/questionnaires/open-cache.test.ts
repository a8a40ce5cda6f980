// The answer path's questionnaire cache against the real store (dynalite): one read per max age
// however many answers, an agent's edit seen once the max age has passed, the close judged on
// every answer by the clock, and nothing kept for a questionnaire that does not exist.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import { QuestionnaireNotOpen } from '#core/questionnaires/answering';
import { OPEN_QUESTIONNAIRE_MAX_AGE_MS, createOpenQuestionnaires } from '#core/questionnaires/open-cache';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import { updateQuestionnaire } from '#core/questionnaires/use-cases';
import { DomainError } from '#core/shared/errors';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let ctx: CoreContext;
let reads = 0;
const NOW = '2026-11-25T10:00:00.000Z';
const clock = fixedClock(NOW);
const agent = { agentId: 'a1', name: 'Camille' };

const questionnaire = Questionnaire.parse({
  id: 'qnCache',
  title: 'Le marché couvert',
  questions: [{ kind: 'yes_no', id: 'ok', prompt: 'D’accord ?' }],
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-12-01T17:00:00Z',
  nextSteps: 'Synthèse en janvier.',
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-01T00:00:00Z',
  version: 1,
});

beforeAll(async () => {
  testStore = await startTestStore();
  const store = testStore.store;
  const get = store.questionnaires.get.bind(store.questionnaires);
  store.questionnaires.get = (id: string) => {
    reads++;
    return get(id);
  };
  ctx = { store, clock, ids: randomIds };
  await store.questionnaires.create(questionnaire);
});
afterAll(() => testStore.close());
beforeEach(() => {
  clock.set(NOW);
  reads = 0;
});

describe('createOpenQuestionnaires', () => {
  it('reads a questionnaire once per max age, however many answers (concurrent ones included)', async () => {
    const cache = createOpenQuestionnaires();
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.open(ctx, questionnaire.id)));
    expect(all.every((q) => q.title === questionnaire.title)).toBe(true);
    clock.advance(OPEN_QUESTIONNAIRE_MAX_AGE_MS - 1);
    await cache.open(ctx, questionnaire.id);
    expect(reads).toBe(1);
    clock.advance(1);
    await cache.open(ctx, questionnaire.id);
    expect(reads).toBe(2);
  });

  it('sees an agent closing the questionnaire early once the max age has passed', async () => {
    const cache = createOpenQuestionnaires();
    await cache.open(ctx, questionnaire.id);
    const closed = await updateQuestionnaire(ctx, agent, questionnaire.id, { closesAt: '2026-11-25T10:00:01Z' });
    expect(closed.version).toBe(2);
    // Within the max age the copy read before the edit is served; past it, the close is seen.
    await expect(cache.open(ctx, questionnaire.id)).resolves.toMatchObject({ version: 1 });
    clock.advance(OPEN_QUESTIONNAIRE_MAX_AGE_MS);
    const refused = await cache.open(ctx, questionnaire.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QuestionnaireNotOpen);
    expect(refused).toMatchObject({ phase: 'closed', at: '2026-11-25T10:00:01.000Z' });
  });

  it('judges the close by the clock on every answer, the cached copy included', async () => {
    const cache = createOpenQuestionnaires();
    const current = await ctx.store.questionnaires.get(questionnaire.id);
    clock.set(new Date(new Date(current!.closesAt).getTime() - 1000));
    await cache.open(ctx, questionnaire.id);
    clock.set(current!.closesAt);
    await expect(cache.open(ctx, questionnaire.id)).rejects.toBeInstanceOf(QuestionnaireNotOpen);
    // A clock set back makes the entry stale, not eternal.
    clock.set('2026-11-01T00:00:00Z');
    reads = 0;
    await expect(cache.open(ctx, questionnaire.id)).resolves.toMatchObject({ id: questionnaire.id });
    expect(reads).toBe(1);
  });

  it('keeps nothing for a questionnaire that does not exist: each forged id is a NotFound', async () => {
    const cache = createOpenQuestionnaires();
    for (let i = 0; i < 2; i++) {
      const error = await cache.open(ctx, 'qnNope').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'NotFound' });
    }
    expect(reads).toBe(2);
  });
});
