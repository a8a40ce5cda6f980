// Results of a questionnaire, recounted from the responses (the source of truth): counts per
// option, scale distribution and mean, yes/no counts, number of texts.
import { type Questionnaire, type QuestionnairePhase, questionnairePhase } from './questionnaire';
import type { Response } from './response';

export type QuestionResult =
  | {
      questionId: string;
      kind: 'single_choice' | 'multiple_choice';
      prompt: string;
      answered: number;
      options: { id: string; label: string; count: number }[];
    }
  | {
      questionId: string;
      kind: 'scale';
      prompt: string;
      answered: number;
      distribution: { value: number; count: number }[];
      mean: number | null;
    }
  | { questionId: string; kind: 'yes_no'; prompt: string; answered: number; yes: number; no: number }
  | { questionId: string; kind: 'short_text'; prompt: string; answered: number };

export interface QuestionnaireResults {
  questionnaireId: string;
  title: string;
  phase: QuestionnairePhase;
  respondents: number;
  complete: number;
  questions: QuestionResult[];
  nextSteps: string;
}

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
