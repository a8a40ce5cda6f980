// Moderation against the real store: the queue groups identical texts and masks them, a decision
// holds for one exact text (a rewritten answer goes back to the queue), the rules of a decision
// (a reason to reject, redactions taken from the masked text, an existing text, a fresh version),
// and the audit trail that records every decision without the citizen's words.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { BOOTSTRAP_ADMIN } from '#core/agents/use-cases';
import type { CoreContext } from '#core/context';
import { REDACTED, publicTexts, textHash } from '#core/moderation/decision';
import { MASKS } from '#core/moderation/masking';
import { decideText, moderationQueue, pendingCount } from '#core/moderation/use-cases';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';
import { createQuestionnaire, getQuestionnaire } from '#core/questionnaires/use-cases';
import { type DomainError, isDomainError } from '#core/shared/errors';
import { type TestStore, startTestStore } from '../../support/dynalite';

const clock = fixedClock('2026-11-25T10:00:00.000Z');
const editor = { agentId: 'ed-1', name: 'Camille', role: 'editor' } as const;
const viewer = { agentId: 'vi-1', name: 'Dominique', role: 'viewer' } as const;
let testStore: TestStore;
let ctx: CoreContext;
let questionnaire: Questionnaire;

const PHONE_TEXT = 'Appelez-moi au 06 12 34 56 78, Jean Dupont, pour les bancs';
const respond = (subscriberId: string, at: string, answers: Record<string, Answer>, version?: number) =>
  ctx.store.responses.save(
    {
      questionnaireId: questionnaire.id,
      subscriberId,
      answers,
      complete: true,
      createdAt: '2026-11-22T08:00:00.000Z',
      updatedAt: at,
      version: (version ?? 0) + 1,
    },
    version,
  );

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a domain error');
}

beforeAll(async () => {
  testStore = await startTestStore();
  ctx = { store: testStore.store, clock, ids: randomIds };
  questionnaire = await createQuestionnaire(ctx, BOOTSTRAP_ADMIN, {
    title: 'Le square Mercœur',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Présenté au conseil de quartier.',
    questions: [
      { kind: 'yes_no', id: 'bancs', prompt: 'Plus de bancs ?' },
      { kind: 'short_text', id: 'idee', prompt: 'Une idée ?' },
      { kind: 'short_text', id: 'autre', prompt: 'Autre chose ?' },
    ],
  });
  await respond('p1', '2026-11-22T09:00:00.000Z', { bancs: true, idee: 'Plus de bancs', autre: PHONE_TEXT });
  await respond('p2', '2026-11-24T09:00:00.000Z', { bancs: true, idee: 'Plus de bancs' });
  await respond('p3', '2026-11-23T09:00:00.000Z', { bancs: false, idee: 'Des arbres' });
});
afterAll(() => testStore.close());

describe('moderation queue', () => {
  it('has one entry per distinct text, with its masked text, respondents and first and last writing', async () => {
    const queue = await moderationQueue(ctx, questionnaire.id);
    expect(queue.counts).toEqual({ pending: 3, approved: 0, rejected: 0 });
    expect(queue.items.map((e) => [e.questionId, e.original, e.respondents, e.firstAt, e.lastAt])).toEqual([
      ['idee', 'Plus de bancs', 2, '2026-11-22T09:00:00.000Z', '2026-11-24T09:00:00.000Z'],
      ['idee', 'Des arbres', 1, '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z'],
      ['autre', PHONE_TEXT, 1, '2026-11-22T09:00:00.000Z', '2026-11-22T09:00:00.000Z'],
    ]);
    const phone = queue.items[2]!;
    expect(phone).toMatchObject({
      textHash: textHash(PHONE_TEXT),
      masked: `Appelez-moi au ${MASKS.phone}, Jean Dupont, pour les bancs`,
      maskedDetails: [{ kind: 'phone', count: 1 }],
      status: 'pending',
    });
    expect(phone.published).toBe(phone.masked);
    expect(await pendingCount(ctx, questionnaire)).toBe(3);
  });

  it('leaves out the answers given while the results were promised private', async () => {
    const current = await getQuestionnaire(ctx, questionnaire.id);
    const hidden = { ...current, publicFrom: '2026-11-22T00:00:00.000Z', version: current.version + 1 };
    await ctx.store.questionnaires.update(hidden, current.version);
    await ctx.store.responses.save(
      {
        questionnaireId: questionnaire.id,
        subscriberId: 'early',
        answers: { idee: 'Texte donné sous promesse privée' },
        complete: false,
        createdAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-20T09:00:00.000Z',
        version: 1,
      },
      undefined,
    );
    const queue = await moderationQueue(ctx, questionnaire.id);
    expect(queue.items.map((e) => e.original)).not.toContain('Texte donné sous promesse privée');
    const refused = await refusal(
      decideText(ctx, editor, {
        questionnaireId: questionnaire.id,
        questionId: 'idee',
        textHash: textHash('Texte donné sous promesse privée'),
        status: 'approved',
      }),
    );
    expect(refused.code).toBe('NotFound');
  });
});

describe('decideText', () => {
  // The journal lists newest first: each decision a minute after the last.
  beforeEach(() => clock.advance(60_000));
  const phoneText = () => ({ questionnaireId: questionnaire.id, questionId: 'autre', textHash: textHash(PHONE_TEXT) });

  it('approves with a redaction and a category: the public text is masked and redacted, the audit has no original', async () => {
    const decision = await decideText(ctx, editor, {
      ...phoneText(),
      status: 'approved',
      redactions: ['Jean Dupont'],
      category: 'Mobilier urbain',
    });
    expect(decision).toMatchObject({ status: 'approved', version: 1, decidedBy: { agentId: 'ed-1', name: 'Camille' } });
    const queue = await moderationQueue(ctx, questionnaire.id, 'approved');
    expect(queue.items).toHaveLength(1);
    const published = `Appelez-moi au ${MASKS.phone}, ${REDACTED}, pour les bancs`;
    expect(queue.items[0]!.published).toBe(published);
    const q = await getQuestionnaire(ctx, questionnaire.id);
    expect(
      publicTexts(
        q.questions,
        [{ answers: { autre: PHONE_TEXT } }],
        await ctx.store.moderation.listByQuestionnaire(q.id),
      ),
    ).toEqual([{ questionId: 'autre', text: published, category: 'Mobilier urbain' }]);

    const [event] = (
      await ctx.store.audit.list({ entity: { type: 'questionnaire', id: q.id }, actionPrefix: 'moderation.' })
    ).items;
    expect(event).toMatchObject({ action: 'moderation.approve', actor: { agentId: 'ed-1' } });
    expect(event!.changes.text!.after).toBe(`autre#${textHash(PHONE_TEXT)}`);
    expect(event!.changes.publishedText!.after).toBe(published);
    const recorded = JSON.stringify(event);
    expect(recorded).not.toContain('06 12 34 56 78');
    expect(recorded).not.toContain('Jean Dupont');
  });

  it('changes a decision from its version, refuses a stale one, and writes nothing for the same decision', async () => {
    const stale = await refusal(
      decideText(ctx, editor, { ...phoneText(), status: 'rejected', reason: 'Hors sujet' }, 7),
    );
    expect(stale.code).toBe('Conflict');
    const rejected = await decideText(ctx, editor, { ...phoneText(), status: 'rejected', reason: 'Hors sujet' }, 1);
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Hors sujet', redactions: [], version: 2 });
    const again = await decideText(ctx, editor, { ...phoneText(), status: 'rejected', reason: 'Hors sujet' }, 2);
    expect(again.version).toBe(2);
    const events = (
      await ctx.store.audit.list({
        entity: { type: 'questionnaire', id: questionnaire.id },
        actionPrefix: 'moderation.',
      })
    ).items;
    expect(events.map((e) => e.action)).toEqual(['moderation.reject', 'moderation.approve']);
    expect(events[0]!.changes.status).toEqual({ before: 'approved', after: 'rejected' });
    expect(events[0]!.changes).not.toHaveProperty('publishedText.after');
    expect((await moderationQueue(ctx, questionnaire.id)).counts).toEqual({ pending: 2, approved: 0, rejected: 1 });
  });

  it('needs a reason to reject, and redactions taken from the masked text', async () => {
    const target = { questionnaireId: questionnaire.id, questionId: 'idee', textHash: textHash('Des arbres') };
    const noReason = await refusal(decideText(ctx, editor, { ...target, status: 'rejected' }));
    expect(noReason.violations).toEqual([expect.objectContaining({ field: 'reason', rule: 'reason_required' })]);
    const phone = await refusal(
      decideText(ctx, editor, { ...phoneText(), status: 'approved', redactions: ['06 12 34 56 78'] }),
    );
    expect(phone.violations).toEqual([expect.objectContaining({ field: 'redactions.0', rule: 'redaction_not_found' })]);
  });

  it('decides only on a text someone holds now, on a short-text question, as an editor', async () => {
    const base = { questionnaireId: questionnaire.id, status: 'approved' as const };
    expect(
      (await refusal(decideText(ctx, editor, { ...base, questionId: 'idee', textHash: textHash('x') }))).code,
    ).toBe('NotFound');
    expect(
      (await refusal(decideText(ctx, editor, { ...base, questionId: 'bancs', textHash: textHash('x') }))).code,
    ).toBe('NotFound');
    expect(
      (
        await refusal(
          decideText(ctx, editor, { ...base, questionnaireId: 'inconnu', questionId: 'idee', textHash: textHash('x') }),
        )
      ).code,
    ).toBe('NotFound');
    expect(
      (await refusal(decideText(ctx, viewer, { ...base, questionId: 'idee', textHash: textHash('Des arbres') }))).code,
    ).toBe('Forbidden');
  });

  it('sends a rewritten answer back to the queue; the decision on the old text stops counting', async () => {
    await decideText(ctx, editor, {
      questionnaireId: questionnaire.id,
      questionId: 'idee',
      textHash: textHash('Des arbres'),
      status: 'approved',
    });
    expect((await moderationQueue(ctx, questionnaire.id, 'approved')).items.map((e) => e.original)).toEqual([
      'Des arbres',
    ]);
    await respond('p3', '2026-11-25T09:00:00.000Z', { bancs: false, idee: 'Des arbres fruitiers' }, 1);
    const queue = await moderationQueue(ctx, questionnaire.id);
    expect(queue.counts).toEqual({ pending: 2, approved: 0, rejected: 1 });
    expect(queue.items.find((e) => e.original === 'Des arbres fruitiers')?.status).toBe('pending');
    expect(queue.items.some((e) => e.original === 'Des arbres')).toBe(false);
  });
});
