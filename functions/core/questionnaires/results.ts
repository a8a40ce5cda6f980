// Results of a questionnaire, recounted from the responses (the source of truth): counts per
// option, scale distribution and mean, yes/no counts, number of texts.
import * as z from 'zod';
import { type Questionnaire, type QuestionnairePhase, questionnairePhase } from './questionnaire';
import type { Response } from './response';

const counted = { questionId: z.string(), prompt: z.string(), answered: z.number().int().min(0) };

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
]);
export type QuestionResult = z.infer<typeof QuestionResult>;

export const QuestionnaireResults = z.object({
  questionnaireId: z.string(),
  title: z.string(),
  phase: z.enum(['upcoming', 'open', 'closed'] as const satisfies readonly QuestionnairePhase[]),
  respondents: z.number().int().min(0).describe('Abonnés ayant répondu à au moins une question'),
  complete: z.number().int().min(0).describe('Abonnés ayant répondu à toutes les questions'),
  questions: z.array(QuestionResult),
  nextSteps: z.string().describe('« Et après ? » : ce que deviennent les réponses'),
});
export type QuestionnaireResults = z.infer<typeof QuestionnaireResults>;

export function tallyResponses(q: Questionnaire, responses: Response[], now: Date): QuestionnaireResults {
  const answersTo = (id: string) => responses.map((r) => r.answers[id]).filter((a) => a !== undefined);
  const questions = q.questions.map((question): QuestionResult => {
    const answers = answersTo(question.id);
    const base = { questionId: question.id, prompt: question.prompt, answered: answers.length };
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
