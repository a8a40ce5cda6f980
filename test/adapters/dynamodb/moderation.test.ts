// Moderation decisions on dynalite: in the questionnaire's partition, created once, replaced by version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModerationDecision, textHash } from '#core/moderation/decision';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, questionnaire, response } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

const decision = (over: Partial<ModerationDecision> = {}): ModerationDecision => ({
  questionnaireId: 'q1',
  questionId: 'why',
  textHash: textHash('Plus de pistes'),
  status: 'approved',
  redactions: [],
  decidedBy: { agentId: 'a1', name: 'Camille' },
  decidedAt: at(5),
  version: 1,
  ...over,
});

describe('moderation decisions', () => {
  it('lists a questionnaire’s decisions, not its responses', async () => {
    await t.store.questionnaires.create(questionnaire());
    await t.store.responses.save(response(), undefined);
    await t.store.moderation.save(decision(), undefined);
    await t.store.moderation.save(decision({ questionnaireId: 'other' }), undefined);
    expect(await t.store.moderation.listByQuestionnaire('q1')).toEqual([decision()]);
  });

  it('creates once and replaces only the version read', async () => {
    const d = decision({ textHash: textHash('Autre') });
    await t.store.moderation.save(d, undefined);
    await expect(t.store.moderation.save(d, undefined)).rejects.toMatchObject({ code: 'Conflict' });
    const rejected = { ...d, status: 'rejected' as const, reason: 'hors sujet', version: 2 };
    await t.store.moderation.save(rejected, 1);
    await expect(t.store.moderation.save({ ...d, version: 2 }, 1)).rejects.toMatchObject({ code: 'Conflict' });
    expect(await t.store.moderation.get('q1', 'why', d.textHash)).toEqual(rejected);
  });
});
