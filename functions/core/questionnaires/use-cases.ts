// Use cases of questionnaires on the agents' side: write one, correct it, read its results.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { conflict, notFound } from '../shared/errors';
import { applyMergePatch, mergePatchSchema, sameJson } from '../shared/merge-patch';
import { parseOrThrow } from '../shared/parse';
import type { ListOptions } from '../store';
import { type Questionnaire, QuestionnaireInput, type QuestionnaireState, questionnairePhase } from './questionnaire';
import { type QuestionnaireResults, tallyResponses } from './results';
import type { Response } from './response';
import { PublicationNeedsConfirmation, countResponses, isPublication, publicationConsequences } from './policy-change';

async function assertDemarcheExists(ctx: CoreContext, slug: string | undefined) {
  if (slug && !(await ctx.store.demarches.get(slug))) throw notFound('Démarche', slug);
}

export async function createQuestionnaire(ctx: CoreContext, actor: Actor, input: unknown): Promise<Questionnaire> {
  const data = parseOrThrow(QuestionnaireInput, input, 'le questionnaire');
  await assertDemarcheExists(ctx, data.demarcheSlug);
  const now = ctx.clock.now().toISOString();
  const questionnaire: Questionnaire = { ...data, id: ctx.ids.next(), createdAt: now, updatedAt: now, version: 1 };
  await ctx.store.questionnaires.create(questionnaire);
  await recordChange(
    ctx,
    actor,
    'questionnaire.create',
    { type: 'questionnaire', id: questionnaire.id },
    undefined,
    questionnaire,
  );
  return questionnaire;
}

export async function getQuestionnaire(ctx: CoreContext, id: string): Promise<Questionnaire> {
  const questionnaire = await ctx.store.questionnaires.get(id);
  if (!questionnaire) throw notFound('Questionnaire', id);
  return questionnaire;
}

export const listQuestionnaires = (ctx: CoreContext, options?: ListOptions) => ctx.store.questionnaires.list(options);

/** The body of a PATCH: a JSON Merge Patch of the questionnaire's input. */
export const QuestionnairePatch = mergePatchSchema(QuestionnaireInput);

export interface UpdateQuestionnaireOptions {
  /** The agent confirmed that results promised private become public (from now on only). */
  confirmPublication?: boolean;
}

/**
 * Applies a JSON Merge Patch, re-validated whole; a patch that changes nothing writes nothing.
 * Once a questionnaire has opened, its questions are frozen: changing them would mix answers to
 * two different questions in one result. Going from `private` to a public policy needs
 * `confirmPublication` (a Conflict says what would become visible) and sets `publicFrom` to now:
 * the responses already received were promised private and stay out of every public output.
 */
export async function updateQuestionnaire(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  patch: unknown,
  expectedVersion?: number,
  options: UpdateQuestionnaireOptions = {},
): Promise<Questionnaire> {
  const changes = parseOrThrow(QuestionnairePatch, patch, 'la modification');
  const current = await getQuestionnaire(ctx, id);
  if (expectedVersion !== undefined && expectedVersion !== current.version)
    throw conflict(`le questionnaire a été modifié entre-temps (version ${current.version})`, 'version_matches');
  const {
    id: _id,
    createdAt,
    updatedAt: _previousUpdate,
    version,
    publicFrom,
    publishedAt,
    restitution,
    ...editable
  } = current;
  const state: QuestionnaireState = {
    ...(publicFrom ? { publicFrom } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(restitution ? { restitution } : {}),
  };
  const data = parseOrThrow(QuestionnaireInput, applyMergePatch(editable, changes), 'le questionnaire');
  if (sameJson(data, editable)) return current;
  const now = ctx.clock.now();
  if (questionnairePhase(current, now) !== 'upcoming' && !sameJson(data.questions, current.questions))
    throw conflict('le questionnaire est ouvert : ses questions ne peuvent plus changer', 'questions_frozen_once_open');
  await assertDemarcheExists(ctx, data.demarcheSlug);
  if (isPublication(current.resultsPolicy, data.resultsPolicy)) {
    if (!options.confirmPublication) {
      const consequences = publicationConsequences(data, await countResponses(ctx, id), now);
      throw new PublicationNeedsConfirmation(data.resultsPolicy, consequences);
    }
    state.publicFrom = now.toISOString();
  }
  const next: Questionnaire = { ...data, ...state, id, createdAt, updatedAt: now.toISOString(), version: version + 1 };
  await ctx.store.questionnaires.update(next, version);
  await recordChange(ctx, actor, 'questionnaire.update', { type: 'questionnaire', id }, current, next);
  return next;
}

/** Every response of a questionnaire, all pages read (results are recounted from the source of truth). */
export async function allResponses(ctx: CoreContext, questionnaireId: string): Promise<Response[]> {
  const responses: Response[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.responses.listByQuestionnaire(questionnaireId, { limit: 100, cursor });
    responses.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return responses;
}

export async function readResults(ctx: CoreContext, id: string): Promise<QuestionnaireResults> {
  const questionnaire = await getQuestionnaire(ctx, id);
  return tallyResponses(questionnaire, await allResponses(ctx, id), ctx.clock.now());
}
