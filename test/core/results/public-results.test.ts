// readPublicResults, as the other public outputs (Telegram card, « Voici ce que vous avez dit »)
// call it: undefined unless the results are public now; only the responses given under a public
// promise; the démarche's next step; and the open-data settings read from the environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, openDataSettings } from '#config';
import { LICENCES } from '#core/results/open-data';
import { readPublicResults } from '#core/results/public-results';
import type { HttpDeps } from '#handlers/http/deps';
import { TEST_OPEN_DATA, startHttpDeps } from '../../support/http-deps';
import { NOW, answer, questionnaire } from '../../handlers/http/public/fixtures';

let deps: HttpDeps;
let clock: Awaited<ReturnType<typeof startHttpDeps>>['clock'];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ deps, clock, close } = await startHttpDeps(NOW));
  await deps.store.questionnaires.create(questionnaire('after', { resultsPolicy: 'public_after_close' }));
  await deps.store.questionnaires.create(questionnaire('secret', { resultsPolicy: 'private' }));
  await deps.store.questionnaires.create(questionnaire('from', { publicFrom: '2026-11-15T00:00:00.000Z' }));
  await answer(deps.store, 'after', 'a', { velo: true });
  await answer(deps.store, 'from', 'before', { velo: true }, '2026-11-14T12:00:00.000Z');
  await answer(deps.store, 'from', 'after', { velo: false }, '2026-11-16T12:00:00.000Z');
});
afterAll(() => close());

describe('readPublicResults', () => {
  it('is undefined for an unknown, a private and a not-yet-public questionnaire', async () => {
    for (const id of ['nope', 'secret', 'after', '../x'])
      expect(await readPublicResults(deps, id, TEST_OPEN_DATA), id).toBeUndefined();
  });

  it('gives the results once public after close, with absolute links when given the public URL', async () => {
    clock.set('2026-12-21T00:00:00.000Z');
    const results = await readPublicResults(deps, 'after', { ...TEST_OPEN_DATA, publicUrl: 'https://pv.example' });
    expect(results).toMatchObject({ phase: 'closed', respondents: 1, smallGroupThreshold: 5 });
    expect(results?.dataset.distributions.map((d) => d.url)).toEqual([
      'https://pv.example/resultats/after/resultats.json',
      'https://pv.example/resultats/after/reponses.csv',
    ]);
    clock.set(NOW);
  });

  it('counts only the responses given after publicFrom', async () => {
    const results = await readPublicResults(deps, 'from', TEST_OPEN_DATA);
    expect(results?.respondents).toBe(1);
    expect(results?.questions.find((q) => q.questionId === 'velo')).toMatchObject({
      yes: { count: 0 },
      no: { count: 1 },
    });
  });
});

describe('open-data settings', () => {
  it('default to Licence Ouverte 2.0 and a threshold of 5', () => {
    expect(openDataSettings(loadConfig({}))).toMatchObject({ licence: LICENCES['etalab-2.0'], smallGroupThreshold: 5 });
  });
  it('take another licence and threshold, and refuse an unknown licence by name', () => {
    const settings = openDataSettings(
      loadConfig({ OPEN_DATA_LICENCE: 'odbl-1.0', SMALL_GROUP_THRESHOLD: '10', OPEN_DATA_PUBLISHER: 'Ville de Rezé' }),
    );
    expect(settings).toEqual({ licence: LICENCES['odbl-1.0'], publisher: 'Ville de Rezé', smallGroupThreshold: 10 });
    expect(() => loadConfig({ OPEN_DATA_LICENCE: 'mit' })).toThrow(ConfigError);
    expect(() => loadConfig({ OPEN_DATA_LICENCE: 'mit' })).toThrow(/OPEN_DATA_LICENCE/);
  });
});
