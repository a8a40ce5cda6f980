// The évaluation of démarches against the real store: the template, when it is proposed (last step
// reached, none yet), starting it (questionnaire + draft campaign to respondents, else followers),
// and the comparison table with its small-group threshold.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import { createDemarche } from '#core/demarches/use-cases';
import { compareEvaluations, evaluationFigures } from '#core/evaluation/comparison';
import { evaluationProposals } from '#core/evaluation/proposals';
import { startEvaluation } from '#core/evaluation/start';
import { EVALUATION_QUESTIONS, evaluationTemplate } from '#core/evaluation/template';
import { QuestionnaireInput } from '#core/questionnaires/questionnaire';
import type { Response } from '#core/questionnaires/response';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { Subscriber } from '#core/subscribers/subscriber';
import { type TestStore, startTestStore } from '../../support/dynalite';

const NOW = '2026-11-25T10:00:00.000Z';
const actor = { agentId: 'a1', name: 'Camille' };
const clock = fixedClock(NOW);
let testStore: TestStore;
let ctx: CampaignDeps;

const demarche = (slug: string, stepStarts: string[]) => ({
  slug,
  title: `Démarche ${slug}`,
  summary: 'Une démarche.',
  link: `https://example.org/${slug}`,
  territories: ['nantes-ile-de-nantes'],
  steps: stepStarts.map((start, i) => ({ id: `s${i}`, kind: 'information', title: `Étape ${i}`, start })),
});

const subscriber = (id: string, follows: string[] = []) =>
  Subscriber.parse({
    id,
    chatId: Number(id.replace(/\D/g, '')) || 1,
    language: 'fr',
    frequency: 'instant',
    status: 'active',
    follows: { demarches: follows },
    createdAt: NOW,
    updatedAt: NOW,
  });

const response = (questionnaireId: string, subscriberId: string, answers: Response['answers']): Response => ({
  questionnaireId,
  subscriberId,
  answers,
  complete: true,
  createdAt: NOW,
  updatedAt: NOW,
  version: 1,
});

const simpleQuestionnaire = (slug: string) => ({
  title: 'Votre avis',
  demarcheSlug: slug,
  questions: [{ kind: 'yes_no', id: 'q1', prompt: 'D’accord ?' }],
  opensAt: '2026-10-01T08:00:00Z',
  closesAt: '2026-10-20T08:00:00Z',
  nextSteps: 'Une synthèse.',
});

beforeAll(async () => {
  testStore = await startTestStore();
  ctx = { store: testStore.store, clock, ids: randomIds, telegramFormat: telegramCampaignFormat };
});
afterAll(() => testStore.close());
beforeEach(() => clock.set(NOW));

describe('evaluationTemplate', () => {
  it('is a valid questionnaire with the four fixed questions, open three weeks, public after close', () => {
    const input = QuestionnaireInput.parse(
      evaluationTemplate({ slug: 'gare-sud', title: 'La gare sud' }, new Date(NOW)),
    );
    expect(input.questions.map((q) => [q.id, q.kind])).toEqual([
      [EVALUATION_QUESTIONS.clarity, 'scale'],
      [EVALUATION_QUESTIONS.heard, 'scale'],
      [EVALUATION_QUESTIONS.again, 'yes_no'],
      [EVALUATION_QUESTIONS.comment, 'short_text'],
    ]);
    expect(input.questions[0]).toMatchObject({
      min: 1,
      max: 5,
      minLabel: 'Pas claires du tout',
      maxLabel: 'Très claires',
    });
    expect(input).toMatchObject({
      evaluationOf: 'gare-sud',
      demarcheSlug: 'gare-sud',
      opensAt: NOW,
      closesAt: '2026-12-16T10:00:00.000Z',
      resultsPolicy: 'public_after_close',
    });
    expect(input.title).toContain('Qu’avez-vous pensé de cette démarche ?');
    expect(input.nextSteps).toMatch(/publiés à sa clôture/);
  });
});

describe('evaluation proposals, start and comparison', () => {
  beforeAll(async () => {
    // reached: last step (by start, typed out of order) started yesterday; not-yet: last step next week.
    await createDemarche(ctx, actor, demarche('reached', ['2026-11-24T09:00:00Z', '2026-09-01T09:00:00Z']));
    await createDemarche(ctx, actor, demarche('not-yet', ['2026-09-01T09:00:00Z', '2026-12-02T09:00:00Z']));
    await createDemarche(ctx, actor, demarche('quiet', ['2026-10-01T09:00:00Z']));
    await createDemarche(ctx, actor, demarche('no-steps', []));
    const answered = await createQuestionnaire(ctx, actor, simpleQuestionnaire('reached'));
    await createQuestionnaire(ctx, actor, simpleQuestionnaire('reached')); // nobody answered this one
    await ctx.store.subscribers.put(subscriber('p1'));
    await ctx.store.subscribers.put(subscriber('p2'));
    await ctx.store.subscribers.put(subscriber('p3', ['quiet']));
    await ctx.store.responses.save(response(answered.id, 'p1', { q1: true }), undefined);
    await ctx.store.responses.save(response(answered.id, 'p2', { q1: false }), undefined);
  });

  it('proposes the démarches whose last step is reached and that have no évaluation yet', async () => {
    const proposals = await evaluationProposals(ctx, new Date(NOW));
    expect(proposals.map((p) => [p.demarche.slug, p.lastStep.id])).toEqual([
      ['reached', 's0'],
      ['quiet', 's0'],
    ]);
  });

  it('starts an évaluation: the questionnaire and a draft campaign to those who answered', async () => {
    const started = await startEvaluation(ctx, actor, 'reached');
    expect(started.source).toBe('respondents');
    expect(started.questionnaire).toMatchObject({ evaluationOf: 'reached', opensAt: NOW });
    const answered = (await ctx.store.questionnaires.list()).items.filter(
      (q) => q.demarcheSlug === 'reached' && !q.evaluationOf,
    );
    expect(started.campaign).toMatchObject({
      status: 'draft',
      channels: ['telegram'],
      questionnaireId: started.questionnaire.id,
      demarcheSlug: 'reached',
      sendAt: '2026-11-25T11:00:00.000Z',
      audience: { kind: 'respondents' },
    });
    // Only the questionnaire that has responses is named.
    const audience = started.campaign.audience as { questionnaires: string[] };
    expect(audience.questionnaires).toHaveLength(1);
    expect(answered.map((q) => q.id)).toContain(audience.questionnaires[0]);
    expect(started.campaign.message.text).toContain('Vous avez participé à la démarche « Démarche reached »');

    expect((await evaluationProposals(ctx, new Date(NOW))).map((p) => p.demarche.slug)).toEqual(['quiet']);
    await expect(startEvaluation(ctx, actor, 'reached')).rejects.toMatchObject({
      code: 'Conflict',
      violations: [{ rule: 'one_evaluation_per_demarche' }],
    });
  });

  it('goes to the démarche’s followers when nobody answered anything, with the dates the agent chose', async () => {
    const started = await startEvaluation(ctx, actor, 'quiet', {
      opensAt: '2026-11-26T09:00',
      closesAt: '2026-12-10T18:00',
    });
    expect(started.source).toBe('followers');
    expect(started.campaign.audience).toEqual({ kind: 'followers', demarches: ['quiet'], themes: [], territories: [] });
    expect(started.campaign.sendAt).toBe('2026-11-26T09:00:00.000Z'); // an hour after it opens (Paris 10:00)
    expect(started.questionnaire).toMatchObject({
      opensAt: '2026-11-26T08:00:00.000Z',
      closesAt: '2026-12-10T17:00:00.000Z',
    });
    expect(started.campaign.message.text).toContain('Vous suivez la démarche');
  });

  it('refuses dates that leave no time to answer, before writing anything', async () => {
    await expect(
      startEvaluation(ctx, actor, 'not-yet', { opensAt: '2026-11-25T11:00', closesAt: '2026-11-25T11:30' }),
    ).rejects.toMatchObject({
      code: 'Invalid',
      violations: [{ field: 'closesAt', rule: 'evaluation_open_after_send' }],
    });
    expect((await ctx.store.questionnaires.list()).items.some((q) => q.evaluationOf === 'not-yet')).toBe(false);
  });

  it('compares one row per evaluated démarche, figures hidden under the small-group threshold', async () => {
    const [quiet, reached] = (await ctx.store.questionnaires.list()).items
      .filter((q) => q.evaluationOf)
      .sort((a, b) => a.evaluationOf!.localeCompare(b.evaluationOf!));
    const { clarity, heard, again, comment } = EVALUATION_QUESTIONS;
    const grades: Response['answers'][] = [
      { [clarity]: 5, [heard]: 4, [again]: true, [comment]: 'Bien' },
      { [clarity]: 4, [heard]: 2, [again]: false },
      { [clarity]: 3, [heard]: 3, [again]: true, [comment]: 'Trop court' },
      { [clarity]: 4, [again]: true },
      { [clarity]: 2, [heard]: 1 },
    ];
    for (const [i, answers] of grades.entries())
      await ctx.store.responses.save(response(reached!.id, `r${i}`, answers), undefined);
    for (const i of [0, 1, 2, 3])
      await ctx.store.responses.save(response(quiet!.id, `f${i}`, { [clarity]: 5 }), undefined);

    const rows = await compareEvaluations(ctx, 5);
    expect(rows.map((r) => [r.demarcheSlug, r.respondents])).toEqual([
      ['quiet', 4],
      ['reached', 5],
    ]);
    expect(rows[0]!.figures).toBeUndefined();
    expect(rows[1]).toMatchObject({ demarcheTitle: 'Démarche reached', questionnaireId: reached!.id });
    expect(rows[1]!.figures).toEqual({ clarity: 3.6, heard: 2.5, again: 0.75, written: 2 });
    // A lower threshold (configured by the deployment) shows the small row too.
    expect((await compareEvaluations(ctx, 3))[0]!.figures).toEqual({
      clarity: 5,
      heard: null,
      again: null,
      written: 0,
    });
  });

  it('counts figures from the answers present only', () => {
    expect(evaluationFigures([])).toEqual({ clarity: null, heard: null, again: null, written: 0 });
  });
});
