// Changing a questionnaire's results policy against the real store: private → public needs a
// confirmation that says what becomes visible, and then only answers from now on count; public →
// private applies at once; the notices say what cannot be called back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { CoreContext } from '#core/context';
import { policyChangeNotice } from '#core/questionnaires/policy-change';
import { createQuestionnaire, getQuestionnaire, updateQuestionnaire } from '#core/questionnaires/use-cases';
import { publicResponses } from '#core/results/visibility';
import { type TestStore, startTestStore } from '../../support/dynalite';

const NOW = '2026-11-25T10:00:00.000Z';
const actor = { agentId: 'a1', name: 'Camille' };
const clock = fixedClock(NOW);
let testStore: TestStore;
let ctx: CoreContext;

const input = {
  title: 'Les quais',
  questions: [{ kind: 'yes_no', id: 'q1', prompt: 'D’accord ?' }],
  opensAt: '2026-11-20T08:00:00Z',
  closesAt: '2026-12-20T17:00:00Z',
  resultsPolicy: 'private',
  nextSteps: 'Une synthèse.',
};

async function answer(questionnaireId: string, subscriberId: string, at: string) {
  await ctx.store.responses.save(
    { questionnaireId, subscriberId, answers: { q1: true }, complete: true, createdAt: at, updatedAt: at, version: 1 },
    undefined,
  );
}

beforeAll(async () => {
  testStore = await startTestStore();
  ctx = { store: testStore.store, clock, ids: randomIds };
});
afterAll(() => testStore.close());
beforeEach(() => clock.set(NOW));

describe('results policy changes', () => {
  it('refuses private → public without confirmation, saying what would become visible and what stays private', async () => {
    const q = await createQuestionnaire(ctx, actor, input);
    await answer(q.id, 'p1', '2026-11-21T10:00:00.000Z');
    await answer(q.id, 'p2', '2026-11-22T10:00:00.000Z');
    const refused = await updateQuestionnaire(ctx, actor, q.id, { resultsPolicy: 'public_after_close' }).catch(
      (e) => e,
    );
    expect(refused).toMatchObject({
      code: 'Conflict',
      violations: [{ field: 'resultsPolicy', rule: 'publication_needs_confirmation' }],
    });
    expect(refused.message).toContain('les 2 réponses déjà reçues, données sous la promesse « résultats privés »');
    expect(refused.message).toContain('pour les seules réponses reçues à partir de maintenant');
    expect(refused.message).toContain('à partir du 20 décembre 2026');
    // Nothing was written.
    expect(await getQuestionnaire(ctx, q.id)).toMatchObject({ version: 1, resultsPolicy: 'private' });
    expect((await getQuestionnaire(ctx, q.id)).publicFrom).toBeUndefined();
  });

  it('applies a confirmed publication from now on: earlier answers never count in public', async () => {
    const q = await createQuestionnaire(ctx, actor, input);
    await answer(q.id, 'p1', '2026-11-21T10:00:00.000Z');
    const published = await updateQuestionnaire(ctx, actor, q.id, { resultsPolicy: 'public_live' }, 1, {
      confirmPublication: true,
    });
    expect(published).toMatchObject({ resultsPolicy: 'public_live', publicFrom: NOW, version: 2 });
    clock.set('2026-11-26T10:00:00.000Z');
    await answer(q.id, 'p2', '2026-11-26T10:00:00.000Z');
    const all = (await ctx.store.responses.listByQuestionnaire(q.id)).items;
    expect(publicResponses(published, all).map((r) => r.subscriberId)).toEqual(['p2']);
    expect(policyChangeNotice(q, published, clock.now())).toContain(
      'seules les réponses reçues depuis le 25 novembre 2026',
    );

    // Public → private at once, no confirmation; back to public moves publicFrom forward.
    const withdrawn = await updateQuestionnaire(ctx, actor, q.id, { resultsPolicy: 'private' });
    expect(withdrawn).toMatchObject({ resultsPolicy: 'private', publicFrom: NOW });
    await expect(updateQuestionnaire(ctx, actor, q.id, { resultsPolicy: 'public_live' })).rejects.toMatchObject({
      violations: [{ rule: 'publication_needs_confirmation' }],
    });
    const again = await updateQuestionnaire(ctx, actor, q.id, { resultsPolicy: 'public_live' }, undefined, {
      confirmPublication: true,
    });
    expect(again.publicFrom).toBe('2026-11-26T10:00:00.000Z');
  });

  it('needs no confirmation between public policies nor for other fields of a private questionnaire', async () => {
    const q = await createQuestionnaire(ctx, actor, { ...input, resultsPolicy: 'public_live' });
    const later = await updateQuestionnaire(ctx, actor, q.id, { resultsPolicy: 'public_after_close' });
    expect(later.publicFrom).toBeUndefined();
    expect(policyChangeNotice(q, later, clock.now())).toMatch(/à la clôture seulement/);
    const p = await createQuestionnaire(ctx, actor, input);
    expect(await updateQuestionnaire(ctx, actor, p.id, { title: 'Les quais, encore' })).toMatchObject({ version: 2 });
  });

  it('says, when results go private, that what was already published cannot be called back', () => {
    const before = {
      resultsPolicy: 'public_after_close' as const,
      publishedAt: '2026-11-21T10:00:00.000Z',
      restitution: { campaignId: 'c1', at: '2026-11-21T10:05:00.000Z', trigger: 'published' as const },
    };
    const notice = policyChangeNotice(before, { resultsPolicy: 'private', closesAt: NOW }, new Date(NOW));
    expect(notice).toContain('répondent « introuvable »');
    expect(notice).toContain('publiés le 21 novembre 2026');
    expect(notice).toContain('« Voici ce que vous avez dit »');
    expect(notice).toContain('ne peut pas être rappelé');
    expect(
      policyChangeNotice(before, { resultsPolicy: 'public_after_close', closesAt: NOW }, new Date(NOW)),
    ).toBeUndefined();
  });
});
