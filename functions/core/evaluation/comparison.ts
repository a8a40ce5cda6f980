// The évaluations side by side, one row per démarche: the same questions (fixed ids) give
// comparable figures. A row under the small-group threshold shows no figures at all: with four
// answers, a mean or a share says too much about each person (issue #8, small groups protected).
import type { CoreContext } from '../context';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { Response } from '../questionnaires/response';
import { allQuestionnaires, evaluationOf } from './proposals';
import { EVALUATION_QUESTIONS } from './template';

export interface EvaluationFigures {
  /** Mean of « clarity of the information », 1–5; null when nobody answered it. */
  clarity: number | null;
  /** Mean of « feeling of being heard », 1–5; null when nobody answered it. */
  heard: number | null;
  /** Share (0–1) of « yes » among those who answered « would take part again »; null when nobody did. */
  again: number | null;
  /** Written answers received (their texts are moderated elsewhere, never shown here). */
  written: number;
}

export interface EvaluationRow {
  demarcheSlug: string;
  /** The démarche's title, or its slug if the démarche is gone. */
  demarcheTitle: string;
  questionnaireId: string;
  opensAt: string;
  closesAt: string;
  respondents: number;
  /** Absent when `respondents` is under the threshold. */
  figures?: EvaluationFigures;
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

export function evaluationFigures(responses: readonly Response[]): EvaluationFigures {
  const answers = (id: string) => responses.map((r) => r.answers[id]).filter((a) => a !== undefined);
  const numbers = (id: string) => answers(id).filter((a): a is number => typeof a === 'number');
  const again = answers(EVALUATION_QUESTIONS.again).filter((a): a is boolean => typeof a === 'boolean');
  return {
    clarity: mean(numbers(EVALUATION_QUESTIONS.clarity)),
    heard: mean(numbers(EVALUATION_QUESTIONS.heard)),
    again: again.length ? again.filter(Boolean).length / again.length : null,
    written: answers(EVALUATION_QUESTIONS.comment).filter((a) => typeof a === 'string').length,
  };
}

export function evaluationRow(
  questionnaire: Questionnaire,
  demarcheTitle: string,
  responses: readonly Response[],
  threshold: number,
): EvaluationRow {
  const respondents = responses.length;
  return {
    demarcheSlug: questionnaire.evaluationOf ?? '',
    demarcheTitle,
    questionnaireId: questionnaire.id,
    opensAt: questionnaire.opensAt,
    closesAt: questionnaire.closesAt,
    respondents,
    ...(respondents >= threshold ? { figures: evaluationFigures(responses) } : {}),
  };
}

async function responsesOf(ctx: CoreContext, questionnaireId: string): Promise<Response[]> {
  const responses: Response[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.responses.listByQuestionnaire(questionnaireId, { limit: 500, cursor });
    responses.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return responses;
}

/** One row per evaluated démarche (its latest évaluation), the latest to open first. */
export async function compareEvaluations(
  ctx: CoreContext,
  /** The small-group threshold of the open-data settings (SMALL_GROUP_THRESHOLD). */
  threshold: number,
): Promise<EvaluationRow[]> {
  const questionnaires = await allQuestionnaires(ctx);
  const slugs = [...new Set(questionnaires.map((q) => q.evaluationOf).filter((s): s is string => Boolean(s)))];
  const rows = await Promise.all(
    slugs.map(async (slug) => {
      const questionnaire = evaluationOf(questionnaires, slug)!;
      const [demarche, responses] = await Promise.all([
        ctx.store.demarches.get(slug),
        responsesOf(ctx, questionnaire.id),
      ]);
      return evaluationRow(questionnaire, demarche?.title ?? slug, responses, threshold);
    }),
  );
  return rows.sort((a, b) => b.opensAt.localeCompare(a.opensAt));
}
