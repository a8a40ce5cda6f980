// Use cases of moderation: read a questionnaire's queue of written answers, and decide on one text
// (approve, with redactions and a category, or reject with a reason), as often as an agent changes
// their mind. Every decision lands in the audit trail without the citizen's words: the trail is
// read by every agent, and a rejected text may hold exactly what must not circulate.
import * as z from 'zod';
import { type AuthenticatedAgent, authorize } from '../agents/use-cases';
import { recordChange } from '../audit/record';
import type { CoreContext } from '../context';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { allResponses, getQuestionnaire } from '../questionnaires/use-cases';
import { publicResponses } from '../results/visibility';
import { DomainError, type Violation, conflict, invalid, notFound } from '../shared/errors';
import { sameJson } from '../shared/merge-patch';
import { parseOrThrow } from '../shared/parse';
import { ShortId } from '../shared/schema';
import { SingleLineText } from '../shared/text';
import { type ModerationDecision, ModerationStatus, publishedText } from './decision';
import { maskPersonalDetails } from './masking';
import {
  type QueueCounts,
  type QueueEntry,
  type QueueStatus,
  countByStatus,
  findWrittenAnswer,
  queueEntries,
} from './queue';

export interface ModerationQueue {
  questionnaireId: string;
  counts: QueueCounts;
  /** The entries of the status asked for (all when none), question by question. */
  items: QueueEntry[];
}

/** The responses whose texts may ever be public: those given under a « private » promise never are, so they are not moderated. */
async function moderatedResponses(ctx: CoreContext, questionnaire: Questionnaire) {
  return publicResponses(questionnaire, await allResponses(ctx, questionnaire.id));
}

/** Every entry of one questionnaire's queue: its responses and decisions read side by side. */
async function allEntries(ctx: CoreContext, questionnaire: Questionnaire): Promise<QueueEntry[]> {
  if (!questionnaire.questions.some((q) => q.kind === 'short_text')) return [];
  const [responses, decisions] = await Promise.all([
    moderatedResponses(ctx, questionnaire),
    ctx.store.moderation.listByQuestionnaire(questionnaire.id),
  ]);
  return queueEntries(questionnaire, responses, decisions);
}

export async function moderationQueue(
  ctx: CoreContext,
  questionnaireId: string,
  status?: QueueStatus,
): Promise<ModerationQueue> {
  const questionnaire = await getQuestionnaire(ctx, questionnaireId);
  const entries = await allEntries(ctx, questionnaire);
  return {
    questionnaireId: questionnaire.id,
    counts: countByStatus(entries),
    items: status ? entries.filter((e) => e.status === status) : entries,
  };
}

export interface QuestionnaireModeration {
  questionnaire: Questionnaire;
  counts: QueueCounts;
}

/** Every questionnaire with written answers to moderate or moderated, newest first as listed, with its counts. */
export async function moderationOverview(ctx: CoreContext): Promise<QuestionnaireModeration[]> {
  const overview: QuestionnaireModeration[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.questionnaires.list({ limit: 100, cursor });
    for (const questionnaire of page.items) {
      const counts = countByStatus(await allEntries(ctx, questionnaire));
      if (counts.pending + counts.approved + counts.rejected > 0) overview.push({ questionnaire, counts });
    }
    cursor = page.next;
  } while (cursor);
  return overview;
}

/** How many distinct written answers of `questionnaire` wait for a decision (0 without short-text questions, unread). */
export const pendingCount = async (ctx: CoreContext, questionnaire: Questionnaire): Promise<number> =>
  countByStatus(await allEntries(ctx, questionnaire)).pending;

export const DecisionInput = z.object({
  questionnaireId: ShortId,
  questionId: ShortId,
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: ModerationStatus,
  reason: SingleLineText(300).optional(),
  redactions: z.array(SingleLineText(1000)).max(20).default([]),
  category: SingleLineText(60).optional(),
});
export type DecisionInput = z.input<typeof DecisionInput>;

/** The redactions that are not passages of the masked text: a redaction hides what the public would read, nothing else. */
export function redactionViolations(original: string, redactions: readonly string[]): Violation[] {
  const masked = maskPersonalDetails(original).text;
  return redactions.flatMap((passage, i) =>
    masked.includes(passage)
      ? []
      : [
          {
            field: `redactions.${i}`,
            rule: 'redaction_not_found',
            message: `le passage « ${passage} » ne figure pas dans le texte masqué : copiez-le tel qu’il apparaît`,
          },
        ],
  );
}

/** The rules of a decision on `original`: a rejection says why; each redaction is a passage of the masked text. */
function checkDecision(input: z.output<typeof DecisionInput>, original: string) {
  if (input.status === 'rejected' && !input.reason)
    throw invalid('reason', 'reason_required', 'indiquez pourquoi ce texte est rejeté');
  if (input.status !== 'approved') return;
  const violations = redactionViolations(original, input.redactions);
  if (violations.length > 0) throw new DomainError('Invalid', violations[0]!.message, violations);
}

/**
 * What the audit trail keeps of a decision: the text's hash and what the public will read, never
 * the original nor the redacted passages (they are the citizen's words the agent chose to hide).
 */
function auditView(decision: ModerationDecision, original: string) {
  return {
    status: decision.status,
    ...(decision.reason ? { reason: decision.reason } : {}),
    ...(decision.category ? { category: decision.category } : {}),
    redactions: decision.redactions.length,
    ...(decision.status === 'approved' ? { publishedText: publishedText(original, decision.redactions) } : {}),
  };
}

export async function decideText(
  ctx: CoreContext,
  actor: AuthenticatedAgent,
  input: DecisionInput,
  expectedVersion?: number,
): Promise<ModerationDecision> {
  authorize(actor, 'editor');
  const data = parseOrThrow(DecisionInput, input, 'la décision');
  const questionnaire = await getQuestionnaire(ctx, data.questionnaireId);
  const question = questionnaire.questions.find((q) => q.id === data.questionId && q.kind === 'short_text');
  if (!question) throw notFound('Question à réponse écrite', data.questionId);
  const original = findWrittenAnswer(await moderatedResponses(ctx, questionnaire), question.id, data.textHash);
  if (original === undefined) throw notFound('Texte à modérer', `${data.questionId}/${data.textHash}`);
  checkDecision(data, original);

  const current = await ctx.store.moderation.get(questionnaire.id, question.id, data.textHash);
  if (expectedVersion !== undefined && expectedVersion !== current?.version)
    throw conflict(
      `la décision sur ce texte a changé entre-temps (version ${current?.version ?? 'aucune'})`,
      'version_matches',
    );
  const decided = {
    status: data.status,
    ...(data.status === 'rejected' ? { reason: data.reason } : {}),
    redactions: data.status === 'approved' ? data.redactions : [],
    ...(data.category ? { category: data.category } : {}),
  };
  if (current && sameJson(decided, decidedPart(current))) return current;
  const next: ModerationDecision = {
    questionnaireId: questionnaire.id,
    questionId: question.id,
    textHash: data.textHash,
    ...decided,
    decidedBy: { agentId: actor.agentId, name: actor.name },
    decidedAt: ctx.clock.now().toISOString(),
    version: (current?.version ?? 0) + 1,
  };
  await ctx.store.moderation.save(next, current?.version);
  // The diff is shallow and the text's id never changes: it is given as new, so every event names its text.
  const text = `${question.id}#${data.textHash}`;
  await recordChange(
    ctx,
    actor,
    next.status === 'approved' ? 'moderation.approve' : 'moderation.reject',
    { type: 'questionnaire', id: questionnaire.id },
    current && auditView(current, original),
    { text, ...auditView(next, original) },
  );
  return next;
}

const decidedPart = (d: ModerationDecision) => ({
  status: d.status,
  ...(d.reason ? { reason: d.reason } : {}),
  redactions: d.redactions,
  ...(d.category ? { category: d.category } : {}),
});
