// The steps shared by button and text answers: send a question (remembering that a short-text
// question waits for the next message), confirm an answer, move on, thank at the end, and turn
// the domain's refusals into words the citizen can act on. Nothing here writes unless it must.
import { TelegramError } from 'telegraf';
import { type AnswerRecorded, QuestionnaireNotOpen } from '#core/questionnaires/answering';
import type { Question, Questionnaire } from '#core/questionnaires/questionnaire';
import { publicResultsPaths } from '#core/results/paths';
import { resultsVisibility } from '#core/results/visibility';
import { isDomainError } from '#core/shared/errors';
import { awaitText } from '#core/subscribers/use-cases';
import { en } from '../messages/en';
import { formatInstant, visibleLength } from '../messages/format';
import { fr } from '../messages/fr';
import { type RenderedQuestion, renderCompletion, renderQuestion } from '../question-message';
import { renderResultsCard } from '../results-card';
import { type BotContext, errorFields } from './context';

/** Bot API: a text message is at most 4,096 characters (after entity parsing). */
const TELEGRAM_TEXT_MAX = 4096;

/**
 * Sends question `index`; a short-text question makes the subscriber's next message its answer.
 * `notice` opens the same message: one send per interaction, as Telegram allows about one
 * message per second in a chat (Bot API FAQ), while edits are not counted that way.
 */
export async function sendQuestion(ctx: BotContext, questionnaire: Questionnaire, index: number, notice?: string) {
  const question = questionnaire.questions[index]!;
  if (question.kind === 'short_text' && ctx.subscriber)
    ctx.subscriber = await awaitText(ctx.deps.core, ctx.subscriber, {
      questionnaireId: questionnaire.id,
      questionId: question.id,
    });
  await reply(ctx, withNotice(renderQuestion(questionnaire, index, { language: ctx.language }), notice));
}

export const reply = (ctx: BotContext, message: RenderedQuestion | { text: string; parse_mode: 'HTML' }) =>
  ctx.reply(message.text, {
    parse_mode: message.parse_mode,
    ...('reply_markup' in message ? { reply_markup: message.reply_markup } : {}),
  });

const withNotice = <M extends { text: string }>(message: M, notice: string | undefined): M =>
  notice ? { ...message, text: `${notice}\n\n${message.text}` } : message;

/**
 * After a recorded answer: the next question on a first answer (a change does not resend what
 * the citizen already has), the thank-you with « Et après ? » once the last one is in.
 * Returns false when there was nothing to send.
 */
export async function moveOn(ctx: BotContext, result: AnswerRecorded, notice?: string): Promise<boolean> {
  if (result.previous === undefined && result.nextIndex !== null) {
    await sendQuestion(ctx, result.questionnaire, result.nextIndex, notice);
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
export async function showAnswer(
  ctx: BotContext,
  questionnaire: Questionnaire,
  index: number,
  message: RenderedQuestion,
) {
  try {
    if (isQuestionMessage(ctx, questionnaire, index))
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
  if (!isDomainError(error)) return undefined;
  if (error.code === 'NotFound') return t.toastUnknownButton;
  const rule = error.violations[0]?.rule;
  if (rule === 'choice_count' && question?.kind === 'multiple_choice')
    return t.toastChoiceCount(question.min, question.max ?? question.options.length);
  if (rule === 'text_required') return t.textEmpty;
  return t.toastInvalidAnswer;
}

/** Whether the pressed message is a question message as `renderQuestion` draws it (title, then « Question n sur N »). */
function isQuestionMessage(ctx: BotContext, questionnaire: Questionnaire, index: number): boolean {
  const pressed = ctx.callbackQuery?.message;
  const text = pressed && 'text' in pressed ? pressed.text : undefined;
  if (!text) return false;
  const [title, counter] = text.split('\n');
  const total = questionnaire.questions.length;
  return title === questionnaire.title && [fr, en].some((c) => counter === c.questionCounter(index + 1, total));
}
