// A subscriber answers a questionnaire, one question at a time, and may change an answer until it
// closes. The response item is the source of truth, written with one conditional put per answer
// (DESIGN: ≤ 2 writes per answer, no transactions): created when absent, else replaced from the
// version read; a concurrent change makes it re-read and retry once.
import type { CoreContext } from '../context';
import { DomainError, notFound } from '../shared/errors';
import { type Question, type Questionnaire, questionnairePhase, shownQuestions } from './questionnaire';
import { type Answer, type Response, checkAnswer, isComplete, nextUnanswered } from './response';

/** The questionnaire is not open: `phase` says whether it is yet to open or closed, `at` since/until when. */
export class QuestionnaireNotOpen extends DomainError {
  constructor(
    readonly questionnaireId: string,
    readonly phase: 'upcoming' | 'closed',
    readonly at: string,
    readonly title: string,
  ) {
    const when = parisTime(at);
    const message =
      phase === 'closed'
        ? `le questionnaire « ${title} » est clos depuis le ${when} : les réponses ne sont plus acceptées`
        : `le questionnaire « ${title} » ouvre le ${when} : il n’accepte pas encore de réponses`;
    super('Closed', message, [
      {
        field: 'questionnaireId',
        rule: phase === 'closed' ? 'questionnaire_closed' : 'questionnaire_not_yet_open',
        message,
      },
    ]);
    this.name = 'QuestionnaireNotOpen';
  }
}

/**
 * The question is not asked of this subscriber: skip logic hides it given their earlier answers
 * (they changed one since the question reached them). An answer to it would count for nothing.
 */
export class QuestionNotShown extends DomainError {
  constructor(
    readonly questionnaireId: string,
    readonly questionId: string,
  ) {
    const message = `la question « ${questionId} » n’est plus posée, vu les réponses précédentes`;
    super('Conflict', message, [{ field: `answers.${questionId}`, rule: 'question_not_shown', message }]);
    this.name = 'QuestionNotShown';
  }
}

/** Throws `QuestionNotShown` when skip logic hides the question given these answers. */
export function assertShown(questionnaire: Questionnaire, question: Question, answers: Record<string, Answer>): void {
  if (!shownQuestions(questionnaire.questions, answers).includes(question))
    throw new QuestionNotShown(questionnaire.id, question.id);
}

const parisFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});
const parisTime = (iso: string) =>
  parisFormat
    .formatToParts(new Date(iso))
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');

/** The questionnaire, if it exists and accepts answers now; else `NotFound` or `QuestionnaireNotOpen`. */
export async function openQuestionnaire(ctx: CoreContext, questionnaireId: string): Promise<Questionnaire> {
  const questionnaire = await ctx.store.questionnaires.get(questionnaireId);
  if (!questionnaire) throw notFound('Questionnaire', questionnaireId);
  return assertOpen(questionnaire, ctx.clock.now());
}

export function assertOpen(questionnaire: Questionnaire, now: Date): Questionnaire {
  const phase = questionnairePhase(questionnaire, now);
  if (phase === 'closed')
    throw new QuestionnaireNotOpen(questionnaire.id, 'closed', questionnaire.closesAt, questionnaire.title);
  if (phase === 'upcoming')
    throw new QuestionnaireNotOpen(questionnaire.id, 'upcoming', questionnaire.opensAt, questionnaire.title);
  return questionnaire;
}

export function questionOf(questionnaire: Questionnaire, questionId: string): { question: Question; index: number } {
  const index = questionnaire.questions.findIndex((q) => q.id === questionId);
  const question = questionnaire.questions[index];
  if (!question) throw notFound('Question', `${questionnaire.id}/${questionId}`);
  return { question, index };
}

/** Where a subscriber stands in a questionnaire: their response so far and the first unanswered question. */
export async function progressOf(
  ctx: CoreContext,
  questionnaire: Questionnaire,
  subscriberId: string,
): Promise<{ response: Response | undefined; nextIndex: number | null }> {
  const response = await ctx.store.responses.get(questionnaire.id, subscriberId);
  const next = nextUnanswered(questionnaire, response?.answers ?? {});
  return { response, nextIndex: next === -1 ? null : next };
}

export interface AnswerInput {
  subscriberId: string;
  questionnaireId: string;
  questionId: string;
  answer: Answer;
}

export interface AnswerRecorded {
  questionnaire: Questionnaire;
  question: Question;
  questionIndex: number;
  /** The answer as stored (text trimmed, choices in the options' order). */
  answer: Answer;
  /** The answer this replaced; `undefined` on a first answer to the question. */
  previous: Answer | undefined;
  /** False when the very same answer was already stored (a repeated press): nothing was written. */
  changed: boolean;
  response: Response;
  /** Index of the first question still unanswered, or `null` when every question has an answer. */
  nextIndex: number | null;
  /** True when this answer completed the response for the first time (time for « Et après ? »). */
  justCompleted: boolean;
}

/**
 * Records one answer. `loaded` is the questionnaire if the caller has just read it (saves a read);
 * whether it is open is checked all the same.
 */
export async function recordAnswer(
  ctx: CoreContext,
  input: AnswerInput,
  loaded?: Questionnaire,
): Promise<AnswerRecorded> {
  const questionnaire =
    loaded?.id === input.questionnaireId
      ? assertOpen(loaded, ctx.clock.now())
      : await openQuestionnaire(ctx, input.questionnaireId);
  const { question, index } = questionOf(questionnaire, input.questionId);
  const answer = normalise(question, checkAnswer(question, input.answer));

  for (let attempt = 1; ; attempt++) {
    const current = await ctx.store.responses.get(questionnaire.id, input.subscriberId);
    // Skip logic: a button or awaited text for a question that an earlier change has hidden since.
    assertShown(questionnaire, question, current?.answers ?? {});
    const previous = current?.answers[question.id];
    const base = { questionnaire, question, questionIndex: index, answer, previous };
    if (current && previous !== undefined && sameAnswer(previous, answer))
      return {
        ...base,
        changed: false,
        response: current,
        nextIndex: nextIndexOf(questionnaire, current.answers),
        justCompleted: false,
      };

    const now = ctx.clock.now().toISOString();
    const answers = { ...current?.answers, [question.id]: answer };
    const response: Response = {
      questionnaireId: questionnaire.id,
      subscriberId: input.subscriberId,
      answers,
      complete: isComplete(questionnaire, answers),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
      version: (current?.version ?? 0) + 1,
    };
    try {
      await ctx.store.responses.save(response, current?.version);
    } catch (e) {
      // Another answer of the same subscriber landed between our read and our put (two quick taps):
      // re-read and apply this answer on top of it, once; a second clash is reported.
      const raced = e instanceof DomainError && (e.code === 'Conflict' || e.code === 'NotFound');
      if (raced && attempt === 1) continue;
      throw e;
    }
    return {
      ...base,
      changed: true,
      response,
      nextIndex: nextIndexOf(questionnaire, answers),
      justCompleted: response.complete && !current?.complete,
    };
  }
}

const nextIndexOf = (q: Questionnaire, answers: Record<string, Answer>) => {
  const next = nextUnanswered(q, answers);
  return next === -1 ? null : next;
};

/** Choices are kept in the options' order, so the same set of choices is the same answer. */
function normalise(question: Question, answer: Answer): Answer {
  if (question.kind !== 'multiple_choice' || !Array.isArray(answer)) return answer;
  return question.options.map((o) => o.id).filter((id) => answer.includes(id));
}

function sameAnswer(a: Answer, b: Answer): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
