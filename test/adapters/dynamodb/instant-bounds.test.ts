// A date the API accepts is a date the store reads back: written through the schemas agents' input
// goes through, read through the repositories (which parse items with the entity schemas), at the
// edges of the range and just beyond. Beyond 9999 an item once became unreadable, and its lists too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Campaign, CampaignInput } from '#core/campaigns/campaign';
import { type Demarche, DemarcheInput } from '#core/demarches/demarche';
import { type Questionnaire, QuestionnaireInput } from '#core/questionnaires/questionnaire';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { T0 } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

/** The first and last instants of the range, written as agents may write them. */
const EDGES = [
  ['1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
  ['1970-01-01T01:00', '1970-01-01T00:00:00.000Z'], // Paris wall time, winter: UTC+1
  ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ['9999-12-31T23:59', '9999-12-31T22:59:00.000Z'],
  ['9999-12-31T23:59:59.999+23:59', '9999-12-31T00:00:59.999Z'],
] as const;
/** Just beyond: the adversarial run's date, and the wall years Date.UTC would shift by 1900. */
const BEYOND = ['9999-12-31T23:00:00-23:00', '1969-12-31T23:59:59.999Z', '1970-01-01T00:59', '0075-06-01T10:00'];

const stored = { createdAt: T0, updatedAt: T0, version: 1 };

describe('instants at the edges of the range, API schema to store and back', () => {
  it('démarche steps', async () => {
    for (const [i, [start, utc]] of EDGES.entries()) {
      const input = DemarcheInput.parse({
        slug: `bornes-${i}`,
        title: 'Bornes',
        summary: 'Des dates aux limites',
        link: 'https://exemple.fr/bornes',
        territories: ['nantes'],
        steps: [{ id: 's1', kind: 'decision', title: 'Décision', start, end: '9999-12-31T23:59:59.999Z' }],
      });
      const demarche: Demarche = { ...input, ...stored };
      await t.store.demarches.create(demarche);
      const read = await t.store.demarches.get(demarche.slug);
      expect(read).toEqual(demarche);
      expect(read?.steps[0]?.start).toBe(utc);
    }
    expect((await t.store.demarches.list()).items).toHaveLength(EDGES.length);
  });

  it('questionnaire opening and closing', async () => {
    for (const [i, [opensAt, utc]] of EDGES.entries()) {
      if (i === 2) continue; // opens at the last instant: nothing can close after it
      const input = QuestionnaireInput.parse({
        title: 'Bornes',
        questions: [{ kind: 'yes_no', id: 'q1', prompt: 'Oui ?' }],
        opensAt,
        closesAt: '9999-12-31T23:59:59.999Z',
        nextSteps: 'Rien.',
      });
      const questionnaire: Questionnaire = { ...input, id: `q${i}`, ...stored };
      await t.store.questionnaires.create(questionnaire);
      const read = await t.store.questionnaires.get(questionnaire.id);
      expect(read).toEqual(questionnaire);
      expect(read?.opensAt).toBe(utc);
    }
  });

  it('campaign sending time', async () => {
    for (const [i, [sendAt, utc]] of EDGES.entries()) {
      const input = CampaignInput.parse({
        message: { title: 'Bornes', text: 'Des dates aux limites', link: 'https://exemple.fr/bornes' },
        channels: ['feeds'],
        sendAt,
      });
      const campaign: Campaign = { ...input, id: `c${i}`, status: 'draft', createdBy: 'agent', ...stored };
      await t.store.campaigns.create(campaign);
      const read = await t.store.campaigns.get(campaign.id);
      expect(read).toEqual(campaign);
      expect(read?.sendAt).toBe(utc);
    }
  });

  it('refuses, at the API schema, every date just beyond, naming the field and the rule', () => {
    for (const date of BEYOND) {
      const step = { id: 's1', kind: 'decision', title: 'Décision', start: date };
      const demarche = DemarcheInput.safeParse({
        slug: 'au-dela',
        title: 'Au-delà',
        summary: 'Trop loin',
        link: 'https://exemple.fr',
        territories: ['nantes'],
        steps: [step],
      });
      expect(demarche.error?.issues).toEqual([
        expect.objectContaining({ path: ['steps', 0, 'start'], params: { rule: 'instant_year_range' } }),
      ]);
      const questionnaire = QuestionnaireInput.safeParse({
        title: 'Au-delà',
        questions: [{ kind: 'yes_no', id: 'q1', prompt: 'Oui ?' }],
        opensAt: date,
        closesAt: date,
        nextSteps: 'Rien.',
      });
      expect(questionnaire.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['opensAt', 'closesAt']);
      const campaign = CampaignInput.safeParse({
        message: { title: 'Au-delà', text: 'Trop loin', link: 'https://exemple.fr' },
        channels: ['feeds'],
        sendAt: date,
      });
      expect(campaign.error?.issues).toEqual([
        expect.objectContaining({ path: ['sendAt'], params: { rule: 'instant_year_range' } }),
      ]);
    }
  });
});
