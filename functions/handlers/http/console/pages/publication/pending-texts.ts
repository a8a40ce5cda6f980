// How many written answers still wait for an agent's decision: until then they stay out of every
// public output, and the publication page says so. SWAP: engineer B's `pendingCount(ctx,
// questionnaire)` (core/moderation/use-cases.ts) answers the same question; use it once it lands.
import type { CoreContext } from '#core/context';
import { textHash } from '#core/moderation/decision';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { allResponses } from '#core/questionnaires/use-cases';
import { publicResponses } from '#core/results/visibility';

export async function pendingTexts(ctx: CoreContext, questionnaire: Questionnaire): Promise<number> {
  const textQuestions = questionnaire.questions.filter((q) => q.kind === 'short_text').map((q) => q.id);
  if (textQuestions.length === 0) return 0;
  const decided = new Set(
    (await ctx.store.moderation.listByQuestionnaire(questionnaire.id)).map((d) => `${d.questionId}#${d.textHash}`),
  );
  const pending = new Set<string>();
  for (const response of publicResponses(questionnaire, await allResponses(ctx, questionnaire.id)))
    for (const questionId of textQuestions) {
      const text = response.answers[questionId];
      if (typeof text !== 'string') continue;
      const key = `${questionId}#${textHash(text)}`;
      if (!decided.has(key)) pending.add(key);
    }
  return pending.size;
}
