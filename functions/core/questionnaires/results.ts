// Results of a questionnaire, recounted from the responses (the source of truth): counts per
// option, scale distribution and mean, yes/no counts, number of texts.
import * as z from 'zod';
import { type Questionnaire, type QuestionnairePhase, questionnairePhase, shownQuestions } from './questionnaire';
import { type Response, countedAnswers } from './response';

const counted = {
  questionId: z.string(),
  prompt: z.string(),
  answered: z.number().int().min(0),
  shownTo: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'Question conditionnelle seulement : personnes à qui elle a été posée selon leurs réponses précédentes (les parts se calculent sur `answered`)',
    ),
};

export const QuestionResult = z.discriminatedUnion('kind', [
  z.object({
    ...counted,
    kind: z.enum(['single_choice', 'multiple_choice']),
    options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int().min(0) })),
  }),
  z.object({
    ...counted,
    kind: z.literal('scale'),
    distribution: z.array(z.object({ value: z.number().int(), count: z.number().int().min(0) })),
    mean: z.number().nullable().describe('Moyenne arrondie au centième ; null sans réponse'),
  }),
  z.object({ ...counted, kind: z.literal('yes_no'), yes: z.number().int().min(0), no: z.number().int().min(0) }),
  z
    .object({ ...counted, kind: z.literal('short_text') })
    .describe('Les textes ne sont pas publiés ici : seul leur nombre'),
  z
    .object({
      ...counted,
      kind: z.literal('ranking'),
      options: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          meanRank: z.number().nullable().describe('Rang moyen (1 = premier), arrondi au centième ; null sans réponse'),
          first: z.number().int().min(0).describe('Nombre de fois classée première'),
        }),
      ),
    })
    .describe('Classement : options triées dans l’ordre des questions, avec leur rang moyen'),
]);
export type QuestionResult = z.infer<typeof QuestionResult>;

export const QuestionnaireResults = z.object({
  questionnaireId: z.string(),
  title: z.string(),
  phase: z.enum(['upcoming', 'open', 'closed'] as const satisfies readonly QuestionnairePhase[]),
  respondents: z.number().int().min(0).describe('Abonnés ayant répondu à au moins une question'),
  complete: z
    .number()
    .int()
    .min(0)
    .describe('Abonnés ayant répondu à toutes les questions qui leur ont été posées (selon leurs réponses)'),
  questions: z.array(QuestionResult),
  nextSteps: z.string().describe('« Et après ? » : ce que deviennent les réponses'),
});
export type QuestionnaireResults = z.infer<typeof QuestionnaireResults>;

/**
 * For each conditional question (skip logic), how many of these responses it was shown to: the
 * base a reader needs (« posée à 42 personnes selon leurs réponses »). Questions always shown are absent.
 */
export function shownCounts(
  q: Pick<Questionnaire, 'questions'>,
  responses: readonly Pick<Response, 'answers'>[],
): Map<string, number> {
  const counts = new Map(q.questions.filter((question) => question.showIf).map((question) => [question.id, 0]));
  for (const response of responses)
    for (const question of shownQuestions(q.questions, response.answers))
      if (counts.has(question.id)) counts.set(question.id, counts.get(question.id)! + 1);
  return counts;
}

export function tallyResponses(q: Questionnaire, responses: Response[], now: Date): QuestionnaireResults {
  // Skip logic: an answer to a question the response no longer shows is not counted.
  const counted = responses.map((r) => countedAnswers(q, r.answers));
  const answersTo = (id: string) => counted.map((answers) => answers[id]).filter((a) => a !== undefined);
  const shown = shownCounts(q, responses);
  const questions = q.questions.map((question): QuestionResult => {
    const answers = answersTo(question.id);
    const shownTo = shown.get(question.id);
    const base = {
      questionId: question.id,
      prompt: question.prompt,
      answered: answers.length,
      ...(shownTo === undefined ? {} : { shownTo }),
    };
    switch (question.kind) {
      case 'single_choice':
      case 'multiple_choice':
        return {
          ...base,
          kind: question.kind,
          options: question.options.map((o) => ({
            id: o.id,
            label: o.label,
            count: answers.filter((a) => Array.isArray(a) && a.includes(o.id)).length,
          })),
        };
      case 'scale': {
        const values = answers.filter((a): a is number => typeof a === 'number');
        const distribution = [];
        for (let v = question.min; v <= question.max; v++)
          distribution.push({ value: v, count: values.filter((x) => x === v).length });
        const mean = values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100 : null;
        return { ...base, kind: 'scale', distribution, mean };
      }
      case 'yes_no':
        return {
          ...base,
          kind: 'yes_no',
          yes: answers.filter((a) => a === true).length,
          no: answers.filter((a) => a === false).length,
        };
      case 'short_text':
        return { ...base, kind: 'short_text' };
      case 'ranking':
        return { ...base, kind: 'ranking', options: rankingTally(question, answers) };
    }
  });
  return {
    questionnaireId: q.id,
    title: q.title,
    phase: questionnairePhase(q, now),
    respondents: responses.length,
    complete: responses.filter((r) => r.complete).length,
    questions,
    nextSteps: q.nextSteps,
  };
}

/**
 * A ranking question's options with their mean rank (1 = always first, rounded to the hundredth;
 * null without a ranking) and how many put each first: the one count results and public outputs share.
 */
export function rankingTally(
  question: Extract<Questionnaire['questions'][number], { kind: 'ranking' }>,
  answers: readonly unknown[],
): { id: string; label: string; meanRank: number | null; first: number }[] {
  const orders = answers.filter((a): a is string[] => Array.isArray(a));
  return question.options.map((o) => {
    const ranks = orders.map((order) => order.indexOf(o.id) + 1).filter((r) => r > 0);
    const meanRank = ranks.length ? Math.round((ranks.reduce((s, r) => s + r, 0) / ranks.length) * 100) / 100 : null;
    return { id: o.id, label: o.label, meanRank, first: orders.filter((order) => order[0] === o.id).length };
  });
}
