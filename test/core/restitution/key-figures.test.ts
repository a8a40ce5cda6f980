// Key figures: counted over the public responses only, aggregates only (no written answer), and
// the per-questionnaire tally the bot's card reads, recounted at most every 30 s by the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { describeKeyFigures, keyFigures } from '#core/restitution/key-figures';
import { createKeyFiguresCache } from '#core/restitution/key-figures-cache';
import type { Response } from '#core/questionnaires/response';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { NOW, questionnaireOf, responseOf, seedResponses } from './fixtures';

describe('keyFigures', () => {
  const q = questionnaireOf('qKey');
  const responses: Response[] = [
    responseOf('qKey', 'a', { freq: ['souvent'], revenir: true, note: 4, mot: 'secret' }),
    responseOf('qKey', 'b', { freq: ['souvent'], revenir: false, note: 5 }),
    responseOf('qKey', 'c', { freq: ['jamais'], revenir: true, note: 4 }),
  ];

  it('gives the leading option with its share, the share of yes and the mean, never a text', () => {
    const figures = keyFigures(q, responses, new Date(NOW));
    expect(figures.respondents).toBe(3);
    expect(figures.figures).toEqual([
      { kind: 'leading_option', questionId: 'freq', prompt: 'Vous y allez…', label: 'Souvent', share: 67 },
      { kind: 'yes_share', questionId: 'revenir', prompt: 'Reviendrez-vous ?', share: 67 },
      { kind: 'scale_mean', questionId: 'note', prompt: 'Votre note', mean: 4.33, min: 1, max: 5 },
    ]);
    const text = describeKeyFigures(figures).join('\n');
    expect(text).toContain('3 personnes ont répondu.');
    expect(text).toContain('Vous y allez… — Souvent : 67\u00a0%');
    expect(text).toContain('Reviendrez-vous ? — oui : 67\u00a0%');
    expect(text).toContain('note moyenne 4,3 (de 1 à 5)');
    expect(text).not.toContain('secret');
  });

  it('leaves out responses given under a « private » promise, and questions nobody answered', () => {
    const late = responseOf('qKey', 'd', { freq: ['jamais'] }, '2026-11-15T00:00:00.000Z');
    const figures = keyFigures({ ...q, publicFrom: '2026-11-12T00:00:00.000Z' }, [...responses, late], new Date(NOW));
    expect(figures.respondents).toBe(1);
    expect(figures.figures).toEqual([
      { kind: 'leading_option', questionId: 'freq', prompt: 'Vous y allez…', label: 'Jamais', share: 100 },
    ]);
  });
});

describe('createKeyFiguresCache', () => {
  let testStore: TestStore;
  beforeAll(async () => {
    testStore = await startTestStore();
  });
  afterAll(() => testStore.close());

  it('reads the responses once per 30 s per questionnaire version, whatever the completions in between', async () => {
    const clock = fixedClock(NOW);
    const store = testStore.store;
    let reads = 0;
    const list = store.responses.listByQuestionnaire.bind(store.responses);
    store.responses.listByQuestionnaire = (id, options) => {
      reads++;
      return list(id, options);
    };
    const ctx = { store, clock, ids: randomIds };
    const q = questionnaireOf('qCache', { resultsPolicy: 'public_live' });
    await seedResponses(store, q.id);
    const cache = createKeyFiguresCache();

    const first = await Promise.all([cache.get(ctx, q), cache.get(ctx, q), cache.get(ctx, q)]);
    expect(first.map((f) => f.respondents)).toEqual([5, 5, 5]);
    expect(reads).toBe(1);

    await store.responses.save(responseOf(q.id, 'late', { freq: ['jamais'] }), undefined);
    clock.advance(29_000);
    expect((await cache.get(ctx, q)).respondents).toBe(5); // still the tally of 29 s ago
    expect(reads).toBe(1);

    clock.advance(1_000);
    // The completion that finds it 30 s old waits for the recount; one arriving meanwhile is not held up.
    const [recounted, meanwhile] = await Promise.all([cache.get(ctx, q), cache.get(ctx, q)]);
    expect([recounted.respondents, meanwhile.respondents]).toEqual([6, 5]);
    expect(reads).toBe(2);
    expect((await cache.get(ctx, q)).respondents).toBe(6);
    expect(reads).toBe(2);

    // An edited questionnaire (its policy, its publicFrom) is counted afresh at once.
    expect((await cache.get(ctx, { ...q, version: 2 })).respondents).toBe(6);
    expect(reads).toBe(3);
  });
});
