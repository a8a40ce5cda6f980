// « Question 2 sur 3 à 5 »: where a question stands among those the citizen will be asked, under
// skip logic. A counter that says « sur 5 » when two of them will be skipped lies; so the total is
// what the answers so far make certain (min) and what they still leave possible (max).
import type { Question } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';

type Shown = 'yes' | 'no' | 'maybe';

const valuesOf = (answer: Answer | undefined): string[] =>
  typeof answer === 'boolean' ? [answer ? 'yes' : 'no'] : Array.isArray(answer) ? answer : [];

/** Whether each question is shown for these answers: surely, surely not, or not known yet (its condition is unanswered). */
function shownStatus(questions: readonly Question[], answers: Readonly<Record<string, Answer>>): Shown[] {
  const status = new Map<string, Shown>();
  return questions.map((question) => {
    const condition = question.showIf;
    let shown: Shown = 'yes';
    if (condition) {
      const parent = status.get(condition.questionId) ?? 'no';
      const answer = answers[condition.questionId];
      if (parent === 'no') shown = 'no';
      else if (parent === 'maybe' || answer === undefined) shown = 'maybe';
      else shown = valuesOf(answer).some((v) => condition.anyOf.includes(v)) ? 'yes' : 'no';
    }
    status.set(question.id, shown);
    return shown;
  });
}

/**
 * The position of question `index` (1-based, counting the questions asked before it) and how many
 * questions the citizen will be asked in all: exactly `min === max` once no condition is pending.
 * The question itself counts as asked, since it is on screen.
 */
export function questionPosition(
  questions: readonly Question[],
  answers: Readonly<Record<string, Answer>>,
  index: number,
): { n: number; min: number; max: number } {
  const status = shownStatus(questions, answers);
  status[index] = 'yes';
  const n = status.slice(0, index + 1).filter((s) => s === 'yes').length;
  const min = status.filter((s) => s === 'yes').length;
  return { n, min, max: min + status.filter((s) => s === 'maybe').length };
}

/** How many questions are answered among those shown, and the count to expect in all (for `/questionnaires`). */
export function answeredOf(
  questions: readonly Question[],
  answers: Readonly<Record<string, Answer>>,
): { answered: number; min: number; max: number } {
  const status = shownStatus(questions, answers);
  const answered = questions.filter((q, i) => status[i] === 'yes' && answers[q.id] !== undefined).length;
  const min = status.filter((s) => s === 'yes').length;
  return { answered, min, max: min + status.filter((s) => s === 'maybe').length };
}
