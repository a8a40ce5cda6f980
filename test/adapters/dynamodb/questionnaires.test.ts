// Questionnaires on dynalite: newest first, create-once, optimistic locking.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionnaireKeys } from '#adapters/dynamodb/keys';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, questionnaire } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

describe('questionnaires', () => {
  it('lists newest first across pages', async () => {
    await t.store.questionnaires.create(questionnaire({ id: 'old', createdAt: at(0) }));
    await t.store.questionnaires.create(questionnaire({ id: 'new', createdAt: at(20) }));
    await t.store.questionnaires.create(questionnaire({ id: 'mid', createdAt: at(10) }));
    const first = await t.store.questionnaires.list({ limit: 2 });
    expect(first.items.map((q) => q.id)).toEqual(['new', 'mid']);
    const rest = await t.store.questionnaires.list({ limit: 2, cursor: first.next });
    expect(rest.items.map((q) => q.id)).toEqual(['old']);
    expect(rest.next).toBeUndefined();
  });

  it('round-trips questions of every shape', async () => {
    const q = questionnaire({
      id: 'shapes',
      intro: 'Deux minutes',
      demarcheSlug: 'plan-velo',
      questions: [
        {
          kind: 'multiple_choice',
          id: 'm',
          prompt: 'Lesquels ?',
          options: [
            { id: 'a', label: 'A' },
            { id: 'b', label: 'B' },
          ],
          min: 1,
          max: 2,
        },
        { kind: 'scale', id: 's', prompt: 'Note', min: 1, max: 5, minLabel: 'peu', maxLabel: 'beaucoup' },
        { kind: 'yes_no', id: 'y', prompt: 'Oui ?' },
      ],
    });
    await t.store.questionnaires.create(q);
    expect(await t.store.questionnaires.get('shapes')).toEqual(q);
  });

  it('refuses a duplicate id and a stale version', async () => {
    const q = questionnaire({ id: 'dup' });
    await t.store.questionnaires.create(q);
    await expect(t.store.questionnaires.create(q)).rejects.toMatchObject({ code: 'Conflict' });
    await t.store.questionnaires.update({ ...q, title: 'v2', version: 2 }, 1);
    await expect(t.store.questionnaires.update({ ...q, title: 'v2 bis', version: 2 }, 1)).rejects.toMatchObject({
      code: 'Conflict',
      message: expect.stringContaining('modifié entre-temps'),
    });
    expect(await t.store.questionnaires.get('dup')).toMatchObject({ title: 'v2', version: 2 });
  });

  it('reads an item written before the results policy as the policy it promised', async () => {
    for (const [id, resultsPublic, policy] of [
      ['legacy-pub', true, 'public_after_close'],
      ['legacy-priv', false, 'private'],
    ] as const) {
      const { resultsPolicy: _policy, ...old } = questionnaire({ id });
      const item = { ...old, resultsPublic, ...questionnaireKeys(questionnaire({ id, resultsPolicy: policy })) };
      await t.client.send(new PutCommand({ TableName: t.tableName, Item: item }));
      expect(await t.store.questionnaires.get(id)).toEqual(questionnaire({ id, resultsPolicy: policy }));
    }
  });
});
