// Responses on dynalite: created once per subscriber, then replaced only from the version read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, questionnaire, response } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  // The questionnaire shares the partition of its responses: it must never be listed as one.
  await t.store.questionnaires.create(questionnaire({ id: 'q1' }));
});
afterAll(() => t.close());

describe('responses', () => {
  it('creates a response, then refuses a second creation for the same subscriber', async () => {
    const r = response({ subscriberId: 'alice' });
    await t.store.responses.save(r, undefined);
    expect(await t.store.responses.get('q1', 'alice')).toEqual(r);
    await expect(t.store.responses.save({ ...r, answers: { freq: ['b'] } }, undefined)).rejects.toMatchObject({
      code: 'Conflict',
    });
    expect((await t.store.responses.get('q1', 'alice'))?.answers).toEqual({ freq: ['a'] });
  });

  it('replaces from the current version and refuses a stale one', async () => {
    const v1 = response({ subscriberId: 'bob' });
    await t.store.responses.save(v1, undefined);
    const v2 = {
      ...v1,
      answers: { freq: ['a'], why: 'Pour aller au travail' },
      complete: true,
      updatedAt: at(3),
      version: 2,
    };
    await t.store.responses.save(v2, 1);
    expect(await t.store.responses.get('q1', 'bob')).toEqual(v2);

    // A double tap processed twice: both read version 1; the second write must lose.
    const stale = t.store.responses.save({ ...v1, answers: { freq: ['b'] }, version: 2 }, 1);
    await expect(stale).rejects.toMatchObject({ code: 'Conflict', message: 'la réponse a été modifiée entre-temps' });
    expect(await t.store.responses.get('q1', 'bob')).toEqual(v2);
  });

  it('says NotFound when replacing a response that does not exist', async () => {
    await expect(t.store.responses.save(response({ subscriberId: 'nobody', version: 2 }), 1)).rejects.toMatchObject({
      code: 'NotFound',
    });
  });

  it('lists the responses of one questionnaire only, page by page', async () => {
    await t.store.responses.save(response({ questionnaireId: 'q1', subscriberId: 'carol' }), undefined);
    await t.store.responses.save(response({ questionnaireId: 'q2', subscriberId: 'alice' }), undefined);
    const first = await t.store.responses.listByQuestionnaire('q1', { limit: 2 });
    const second = await t.store.responses.listByQuestionnaire('q1', { limit: 2, cursor: first.next });
    expect([...first.items, ...second.items].map((r) => r.subscriberId)).toEqual(['alice', 'bob', 'carol']);
    expect(second.next).toBeUndefined();
    expect((await t.store.responses.listByQuestionnaire('q2')).items.map((r) => r.subscriberId)).toEqual(['alice']);
    expect((await t.store.responses.listByQuestionnaire('q3')).items).toEqual([]);
  });

  it('moves a response to another pseudonym: copy then delete, repeatable, never over an answer given meanwhile', async () => {
    const r = response({ questionnaireId: 'q9', subscriberId: 'dave' });
    await t.store.responses.save(r, undefined);
    await t.store.responses.moveTo(r, 'random-1');
    expect(await t.store.responses.get('q9', 'dave')).toBeUndefined();
    expect(await t.store.responses.get('q9', 'random-1')).toEqual({ ...r, subscriberId: 'random-1' });
    // A retry of the same move (a crash after the copy, or after both writes) changes nothing.
    await t.store.responses.moveTo(r, 'random-1');
    expect((await t.store.responses.listByQuestionnaire('q9')).items).toEqual([{ ...r, subscriberId: 'random-1' }]);

    // Erin answered again between the erasure's read and its delete: the move stops, his answer stays.
    const e1 = response({ questionnaireId: 'q9', subscriberId: 'erin' });
    await t.store.responses.save(e1, undefined);
    const e2 = { ...e1, answers: { freq: ['b'] }, version: 2 };
    await t.store.responses.save(e2, 1);
    await expect(t.store.responses.moveTo(e1, 'random-2')).rejects.toMatchObject({ code: 'Conflict' });
    expect(await t.store.responses.get('q9', 'erin')).toEqual(e2);
    // The retry reads the current version and finishes over its own stale copy.
    await t.store.responses.moveTo(e2, 'random-2');
    expect(await t.store.responses.get('q9', 'erin')).toBeUndefined();
    expect(await t.store.responses.get('q9', 'random-2')).toEqual({ ...e2, subscriberId: 'random-2' });
  });
});
