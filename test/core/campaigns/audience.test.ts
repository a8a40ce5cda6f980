// Who a campaign reaches when its audience is « those who answered »: active respondents only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceMatcher, respondentsOf } from '#core/campaigns/audience';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { questionnaire, response, subscriber } from '../../adapters/dynamodb/fixtures';
import { type TestStore, startTestStore } from '../../support/dynalite';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  await t.store.questionnaires.create(questionnaire({ id: 'q1' }));
  await t.store.questionnaires.create(questionnaire({ id: 'q2' }));
  await t.store.responses.save(response({ questionnaireId: 'q1', subscriberId: 'ana' }), undefined);
  await t.store.responses.save(response({ questionnaireId: 'q2', subscriberId: 'ana' }), undefined);
  await t.store.responses.save(response({ questionnaireId: 'q2', subscriberId: 'bob' }), undefined);
  await t.store.responses.save(response({ questionnaireId: 'q2', subscriberId: 'gone' }), undefined);
});
afterAll(() => t.close());

const ctx = () => ({ store: t.store, clock: fixedClock('2026-03-02T08:00:00.000Z'), ids: randomIds });

describe('respondents audience', () => {
  it('collects each respondent once across questionnaires', async () => {
    expect([...(await respondentsOf(ctx(), ['q1', 'q2', 'q1']))].sort()).toEqual(['ana', 'bob', 'gone']);
  });

  it('matches active respondents only', async () => {
    const inAudience = await audienceMatcher(ctx(), { kind: 'respondents', questionnaires: ['q1'] });
    expect(inAudience(subscriber({ id: 'ana' }))).toBe(true);
    expect(inAudience(subscriber({ id: 'bob' }))).toBe(false);
    expect(inAudience(subscriber({ id: 'ana', status: 'blocked' }))).toBe(false);
  });
});
