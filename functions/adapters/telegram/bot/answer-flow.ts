// The steps shared by button and text answers: send a question (remembering that a short-text
// question waits for the next message), confirm an answer, move on, thank at the end, and turn
// the domain's refusals into words the citizen can act on. Nothing here writes unless it must.
import { TelegramError } from 'telegraf';
import { type AnswerRecorded, QuestionNotShown, QuestionnaireNotOpen } from '#core/questionnaires/answering';
import { type Question, type Questionnaire, shownQuestions } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';
import { publicResultsPaths } from '#core/results/paths';
import { resultsVisibility } from '#core/results/visibility';
import { isDomainError } from '#core/shared/errors';
import { awaitText } from '#core/subscribers/use-cases';
import { formatInstant, visibleLength } from '../messages/format';
import { type RenderedQuestion, renderCompletion, renderQuestion } from '../question-message';
import { renderResultsCard } from '../results-card';
import { type BotContext, errorFields } from './context';

/** Bot API: a text message is at most 4,096 characters (after entity parsing). */
const TELEGRAM_TEXT_MAX = 4096;

export interface SendOptions {
  /** Opens the same message (a confirmation before the next question). */
  notice?: string;
  /** The response's answers: the counter follows skip logic, and a recorded answer is shown (still changeable). */
  answers?: Readonly<Record<string, Answer>>;
}

/**
 * Sends question `index`; an unanswered short-text question makes the subscriber's next message
 * its answer, and any other question ends a wait left over (a « ✏️ » pressed, then another button),
 * so a later message is never taken for an answer the citizen moved away from.
 * `notice` opens the same message: one send per interaction, as Telegram allows about one
 * message per second in a chat (Bot API FAQ), while edits are not counted that way.
 */
export async function sendQuestion(
  ctx: BotContext,
  questionnaire: Questionnaire,
  index: number,
  { notice, answers = {} }: SendOptions = {},
) {
  const question = questionnaire.questions[index]!;
  const answer = answers[question.id];
  if (ctx.subscriber)
    ctx.subscriber = await awaitText(
      ctx.deps.core,
      ctx.subscriber,
      question.kind === 'short_text' && answer === undefined
        ? { questionnaireId: questionnaire.id, questionId: question.id }
        : undefined,
    );
  const view = renderQuestion(questionnaire, index, {
    language: ctx.language,
    answers,
    ...(answer === undefined ? {} : { answer }),
  });
  await reply(ctx, withNotice(view, notice));
}

export const reply = (ctx: BotContext, message: RenderedQuestion | { text: string; parse_mode: 'HTML' }) =>
  ctx.reply(message.text, {
    parse_mode: message.parse_mode,
    ...('reply_markup' in message ? { reply_markup: message.reply_markup } : {}),
  });

const withNotice = <M extends { text: string }>(message: M, notice: string | undefined): M =>
  notice ? { ...message, text: `${notice}\n\n${message.text}` } : message;

/**
 * The question to send after a recorded answer, if any: the next one on a first answer; on a change,
 * only a question the change has just brought in (skip logic), as the citizen already has the others.
 */
export function questionToSend(result: AnswerRecorded): number | null {
  const { nextIndex, previous, questionnaire, question } = result;
  if (nextIndex === null || previous === undefined) return nextIndex;
  const before = { ...result.response.answers, [question.id]: previous };
  return shownQuestions(questionnaire.questions, before).includes(questionnaire.questions[nextIndex]!)
    ? null
    : nextIndex;
}

/**
 * After a recorded answer: the next question (see `questionToSend`), or the thank-you with
 * « Et après ? » once the last one is in. Returns false when there was nothing to send.
 */
export async function moveOn(ctx: BotContext, result: AnswerRecorded, notice?: string): Promise<boolean> {
  const next = questionToSend(result);
  if (next !== null) {
    await sendQuestion(ctx, result.questionnaire, next, { notice, answers: result.response.answers });
    return true;
  }
  if (!result.justCompleted) return false;
  const completion = renderCompletion(result.questionnaire, ctx.language);
  const card = await resultsCard(ctx, result.questionnaire, visibleLength(completion.text) + (notice?.length ?? 0));
  const text = card ? `${completion.text}\n\n${card}` : completion.text;
  await reply(ctx, withNotice({ ...completion, text }, notice));
  return true;
}

/**
 * The results so far, when the questionnaire's results are public while it runs: counted from a
 * short-lived per-questionnaire tally, never by reading every response on each completion. A
 * failed count costs the card, never the thank-you.
 */
async function resultsCard(ctx: BotContext, questionnaire: Questionnaire, used: number): Promise<string | undefined> {
  const core = ctx.deps.core;
  if (questionnaire.resultsPolicy !== 'public_live' || !resultsVisibility(questionnaire, core.clock.now()).visible)
    return undefined;
  try {
    const figures = await ctx.deps.keyFigures.get(core, questionnaire);
    if (figures.respondents === 0) return undefined;
    const base = ctx.deps.publicUrl();
    const link = base ? `${base}${publicResultsPaths(questionnaire.id).page}` : undefined;
    return renderResultsCard(figures, link, ctx.language, TELEGRAM_TEXT_MAX - used - 2);
  } catch (e) {
    ctx.log.warn('results card not counted', { questionnaireId: questionnaire.id, ...errorFields(e) });
    return undefined;
  }
}

/**
 * Shows the recorded answer on the pressed message. A message of ours holding just this question
 * is redrawn whole; a campaign message that carries the first question below its own text (or
 * as a photo caption) keeps its text, and only its buttons change (✅ on the answer).
 * Telegram's refusals (too old, unchanged) are tolerated: the answer is already safe.
 */
export async function showAnswer(ctx: BotContext, questionnaire: Questionnaire, message: RenderedQuestion) {
  try {
    if (isQuestionMessage(ctx, questionnaire))
      await ctx.editMessageText(message.text, { parse_mode: message.parse_mode, reply_markup: message.reply_markup });
    else await ctx.editMessageReplyMarkup(message.reply_markup);
  } catch (e) {
    if (!(e instanceof TelegramError) || e.code !== 400) throw e;
    ctx.log.warn('question message not edited', errorFields(e));
  }
}

/**
 * What a refused answer means to the citizen, or `undefined` when the error is not the domain's
 * (then it is a real failure, left to the bot's error handler). Plain text: used as a toast.
 */
export function refusalText(ctx: BotContext, error: unknown, question?: Question): string | undefined {
  const t = ctx.t;
  if (error instanceof QuestionnaireNotOpen)
    return error.phase === 'closed'
      ? t.toastClosed(formatInstant(error.at, ctx.language))
      : t.toastNotYetOpen(formatInstant(error.at, ctx.language));
  if (error instanceof QuestionNotShown) return t.toastQuestionHidden;
  if (!isDomainError(error)) return undefined;
  if (error.code === 'NotFound') return t.toastUnknownButton;
  const rule = error.violations[0]?.rule;
  if (rule === 'choice_count' && question?.kind === 'multiple_choice')
    return t.toastChoiceCount(question.min, question.max ?? question.options.length);
  if (rule === 'text_required') return t.textEmpty;
  return t.toastInvalidAnswer;
}

/** « Question 2 sur 4 », « Question 2 of 3 to 5 »: the counter line `renderQuestion` draws, in either language. */
const COUNTER_LINE = /^Question \d+ (?:sur|of) \d+(?: (?:à|to) \d+)?$/;

/**
 * Whether the pressed message is a question message as `renderQuestion` draws it (title, then the
 * counter). The counter's figures may have moved since (skip logic), so its shape is what counts.
 */
function isQuestionMessage(ctx: BotContext, questionnaire: Questionnaire): boolean {
  const pressed = ctx.callbackQuery?.message;
  const text = pressed && 'text' in pressed ? pressed.text : undefined;
  if (!text) return false;
  const [title, counter] = text.split('\n');
  return title === questionnaire.title && COUNTER_LINE.test(counter ?? '');
}
