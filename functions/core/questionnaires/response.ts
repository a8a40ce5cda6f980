// A response: one subscriber's answers to one questionnaire, the source of truth for results.
// One item per subscriber and questionnaire, written with a conditional put (no transactions).
import * as z from 'zod';
import { invalid } from '../shared/errors';
import { Instant, ShortId } from '../shared/schema';
import { forbiddenCharacter } from '../shared/text';
import { type Question, type Questionnaire, shownQuestions } from './questionnaire';

/** Choice answers hold option ids; scale a number; yes/no a boolean; short text the text. */
export const Answer = z.union([z.array(ShortId), z.number().int(), z.boolean(), z.string()]);
export type Answer = z.infer<typeof Answer>;

export const Response = z.object({
  questionnaireId: ShortId,
  /** The subscriber's pseudonym (HMAC of the chat id), never the chat id itself. */
  subscriberId: z.string().min(1),
  answers: z.record(ShortId, Answer),
  complete: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int().min(1),
});
export type Response = z.infer<typeof Response>;

/** Checks one answer against its question; throws an `Invalid` domain error naming the rule. */
export const checkAnswer = (question: Question, answer: Answer): Answer => {
  const field = `answers.${question.id}`;
  switch (question.kind) {
    case 'single_choice': {
      if (!Array.isArray(answer) || answer.length !== 1 || !question.options.some((o) => o.id === answer[0]))
        throw invalid(field, 'one_known_option', 'choisissez une des options proposées');
      return answer;
    }
    case 'multiple_choice': {
      if (!Array.isArray(answer) || new Set(answer).size !== answer.length)
        throw invalid(field, 'known_options', 'choisissez parmi les options proposées');
      if (answer.some((id) => !question.options.some((o) => o.id === id)))
        throw invalid(field, 'known_options', 'choisissez parmi les options proposées');
      const max = question.max ?? question.options.length;
      if (answer.length < question.min || answer.length > max)
        throw invalid(field, 'choice_count', `choisissez entre ${question.min} et ${max} options`);
      return answer;
    }
    case 'scale':
      if (typeof answer !== 'number' || answer < question.min || answer > question.max)
        throw invalid(field, 'scale_range', `choisissez une note de ${question.min} à ${question.max}`);
      return answer;
    case 'yes_no':
      if (typeof answer !== 'boolean') throw invalid(field, 'yes_or_no', 'répondez par oui ou par non');
      return answer;
    case 'short_text': {
      if (typeof answer !== 'string' || answer.trim().length === 0)
        throw invalid(field, 'text_required', 'écrivez une réponse');
      const text = answer.trim();
      if ([...text].length > question.maxLength)
        throw invalid(field, 'text_max_length', `votre réponse dépasse ${question.maxLength} caractères`);
      // Line breaks are the citizen's own; invisible characters would reach the CSV and results pages.
      const forbidden = forbiddenCharacter(text, true);
      if (forbidden)
        throw invalid(
          field,
          'no_control_characters',
          `votre réponse contient un caractère invisible (${forbidden.name}, en position ${forbidden.position}) : retirez-le`,
        );
      return text;
    }
    case 'ranking': {
      // Every option once, best first: a partial or repeated order is not a ranking.
      const ids = question.options.map((o) => o.id);
      if (
        !Array.isArray(answer) ||
        answer.length !== ids.length ||
        new Set(answer).size !== ids.length ||
        answer.some((id) => !ids.includes(id))
      )
        throw invalid(field, 'full_ranking', `classez les ${ids.length} options, chacune une fois`);
      return answer;
    }
  }
};

/** A response is complete when every question shown (skip logic) has an answer. */
export const isComplete = (q: Pick<Questionnaire, 'questions'>, answers: Record<string, Answer>) =>
  shownQuestions(q.questions, answers).every((question) => answers[question.id] !== undefined);

/** Index (in `q.questions`) of the first shown question without an answer, or -1 when none is left. */
export function nextUnanswered(q: Pick<Questionnaire, 'questions'>, answers: Record<string, Answer>): number {
  const next = shownQuestions(q.questions, answers).find((question) => answers[question.id] === undefined);
  return next ? q.questions.indexOf(next) : -1;
}

/**
 * The answers that count: those to questions shown for these answers. An answer to a question
 * that an earlier change hid stays stored (the citizen may change back) but is left out of results.
 */
export function countedAnswers(q: Pick<Questionnaire, 'questions'>, answers: Record<string, Answer>) {
  const counted: Record<string, Answer> = {};
  for (const question of shownQuestions(q.questions, answers)) {
    const answer = answers[question.id];
    if (answer !== undefined) counted[question.id] = answer;
  }
  return counted;
}
