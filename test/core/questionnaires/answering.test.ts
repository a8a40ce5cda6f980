// recordAnswer against the real store (dynalite): every kind of question, changes, closure, races,
// and the write budget (one conditional put per answer, none for a repeated one).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import { QuestionnaireNotOpen, recordAnswer } from '#core/questionnaires/answering';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Response } from '#core/questionnaires/response';
import { DomainError } from '#core/shared/errors';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let ctx: CoreContext;
const clock = fixedClock('2026-11-25T10:00:00.000Z');
let saves = 0;

const questionnaire = Questionnaire.parse({
  id: 'qnParc',
  title: 'Le parc des Chantiers',
  questions: [
    {
      kind: 'single_choice',
      id: 'freq',
      prompt: 'Vous y allez…',
      options: [
        { id: 'souvent', label: 'Souvent' },
        { id: 'jamais', label: 'Jamais' },
      ],
    },
    {
      kind: 'multiple_choice',
      id: 'envies',
      prompt: 'Vos envies',
      min: 1,
      max: 2,
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
    },
    { kind: 'scale', id: 'note', prompt: 'Note', min: 1, max: 5, minLabel: 'bof', maxLabel: 'top' },
    { kind: 'yes_no', id: 'revenir', prompt: 'Reviendrez-vous ?' },
    { kind: 'short_text', id: 'mot', prompt: 'Un mot', maxLength: 10 },
  ],
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
  // Count the writes the use case makes, without replacing the repository.
  const save = store.responses.save.bind(store.responses);
  store.responses.save = (response: Response, expected: number | undefined) => {
    saves++;
    return save(response, expected);
  };
  ctx = { store, clock, ids: randomIds };
  await store.questionnaires.create(questionnaire);
});
afterAll(() => testStore.close());
beforeEach(() => {
  clock.set('2026-11-25T10:00:00.000Z');
  saves = 0;
});

const answer = (subscriberId: string, questionId: string, value: unknown) =>
  recordAnswer(ctx, { subscriberId, questionnaireId: questionnaire.id, questionId, answer: value as never });

describe('recordAnswer', () => {
  it('records each kind of answer with one write each, and says what comes next', async () => {
    const who = 'sub-all-kinds';
    const first = await answer(who, 'freq', ['souvent']);
    expect(first).toMatchObject({ changed: true, previous: undefined, nextIndex: 1, justCompleted: false });
    expect((await answer(who, 'envies', ['c', 'a'])).answer).toEqual(['a', 'c']);
    expect((await answer(who, 'note', 4)).nextIndex).toBe(3);
    expect((await answer(who, 'revenir', false)).nextIndex).toBe(4);
    const last = await answer(who, 'mot', '  Ombre  ');
    expect(last).toMatchObject({ answer: 'Ombre', nextIndex: null, justCompleted: true });
    expect(saves).toBe(5);
    const stored = await ctx.store.responses.get(questionnaire.id, who);
    expect(stored).toMatchObject({
      complete: true,
      version: 5,
      answers: { freq: ['souvent'], envies: ['a', 'c'], note: 4, revenir: false, mot: 'Ombre' },
    });
  });

  it('lets an answer change while open, and writes nothing when the same answer comes again', async () => {
    const who = 'sub-change';
    await answer(who, 'freq', ['souvent']);
    const changed = await answer(who, 'freq', ['jamais']);
    expect(changed).toMatchObject({ changed: true, previous: ['souvent'], answer: ['jamais'] });
    const repeated = await answer(who, 'freq', ['jamais']);
    expect(repeated.changed).toBe(false);
    expect(saves).toBe(2);
    expect((await ctx.store.responses.get(questionnaire.id, who))?.version).toBe(2);
  });

  it('refuses answers that do not fit, naming the rule, and writes nothing', async () => {
    const who = 'sub-invalid';
    const cases: [string, unknown, string][] = [
      ['freq', ['peut-etre'], 'one_known_option'],
      ['envies', [], 'choice_count'],
      ['envies', ['a', 'b', 'c'], 'choice_count'],
      ['note', 6, 'scale_range'],
      ['revenir', 'oui', 'yes_or_no'],
      ['mot', 'beaucoup trop long', 'text_max_length'],
    ];
    for (const [questionId, value, rule] of cases) {
      const error = await answer(who, questionId, value).catch((e: unknown) => e);
      expect(error, questionId).toBeInstanceOf(DomainError);
      expect((error as DomainError).violations[0]?.rule).toBe(rule);
    }
    await expect(answer(who, 'inconnue', true)).rejects.toMatchObject({ code: 'NotFound' });
    await expect(
      recordAnswer(ctx, { subscriberId: who, questionnaireId: 'nope', questionId: 'freq', answer: ['souvent'] }),
    ).rejects.toMatchObject({ code: 'NotFound' });
    expect(saves).toBe(0);
    expect(await ctx.store.responses.get(questionnaire.id, who)).toBeUndefined();
  });

  it('refuses answers once closed (saying since when) and before opening, without writing', async () => {
    clock.set('2026-12-01T17:00:00.000Z');
    const closed = await answer('sub-late', 'revenir', true).catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(QuestionnaireNotOpen);
    expect(closed).toMatchObject({ code: 'Closed', phase: 'closed', at: questionnaire.closesAt });
    expect((closed as Error).message).toContain('clos depuis le 1er décembre 2026 à 18:00');
    clock.set('2026-10-31T23:59:59.000Z');
    await expect(answer('sub-early', 'revenir', true)).rejects.toMatchObject({ code: 'Closed', phase: 'upcoming' });
    expect(saves).toBe(0);
  });

  it('keeps both answers when two land at once (conditional put, one retry)', async () => {
    const who = 'sub-race';
    await answer(who, 'freq', ['souvent']);
    const results = await Promise.all([answer(who, 'note', 2), answer(who, 'revenir', true)]);
    expect(results.every((r) => r.changed)).toBe(true);
    const stored = await ctx.store.responses.get(questionnaire.id, who);
    expect(stored?.answers).toEqual({ freq: ['souvent'], note: 2, revenir: true });
    expect(stored?.version).toBe(3);
    expect(saves).toBeLessThanOrEqual(4); // the loser of the race writes twice: still ≤ 2 per answer
  });
});
