// Answering questionnaires with buttons: choose, tick and submit, rank, or ask to answer in writing;
// open (start or resume), review the answers and bring one back to change it.
// Every press is checked against the stored questionnaire, read at most 5 s ago (open-cache.ts): a
// button is data the client sends, so it may be late, stale or forged. Each press gets an answer,
// and a refused one stores nothing.
import { Composer, TelegramError } from 'telegraf';
import { assertShown, progressOf, questionOf, recordAnswer } from '#core/questionnaires/answering';
import type { Question, Questionnaire } from '#core/questionnaires/questionnaire';
import { isDomainError } from '#core/shared/errors';
import type { Subscriber } from '#core/subscribers/subscriber';
import { awaitText } from '#core/subscribers/use-cases';
import { escapeHtml } from '../messages/format';
import {
  QUESTION_CALLBACK,
  type QuestionCallback,
  answerOf,
  decodeCallback,
  rankingOf,
  renderCompletion,
  renderQuestion,
  selectionOf,
} from '../question-message';
import { moveOn, refusalText, reply, sendQuestion, showAnswer } from './answer-flow';
import { type BotContext, activeSubscriber, callbackData, errorFields, toast } from './context';
import { myQuestionnaires, renderReview } from './my-questionnaires';
import { textAnswers } from './text-answers';

type QuestionAction = Exclude<QuestionCallback, { kind: 'open' } | { kind: 'review' }>;

interface Target {
  questionnaire: Questionnaire;
  subscriber: Subscriber;
}
interface QuestionTarget extends Target {
  question: Question;
  index: number;
}

/**
 * Runs `step`; a refusal of the domain becomes a toast (and `undefined`), anything else is a real
 * failure. `gone` names what a `NotFound` means at this step (a questionnaire deleted, a question removed).
 */
async function refusable<T>(
  ctx: BotContext,
  action: QuestionCallback,
  step: () => T | Promise<T>,
  gone?: string,
): Promise<T | undefined> {
  try {
    return await step();
  } catch (e) {
    const text = gone && isDomainError(e) && e.code === 'NotFound' ? gone : refusalText(ctx, e);
    if (text === undefined) throw e;
    ctx.log.info('press refused', {
      outcome: (e as Error).name,
      questionnaireId: action.questionnaireId,
      ...('questionId' in action ? { questionId: action.questionId } : {}),
    });
    await toast(ctx, text);
    return undefined;
  }
}

/** A press that names an option or an action the question does not have: stale (an old message) or forged. */
const forged = (ctx: BotContext, questionnaire: Questionnaire) => {
  ctx.log.warn('press does not fit the question', { questionnaireId: questionnaire.id });
  return toast(ctx, ctx.t.toastStaleButton);
};

/** Start or resume: the first question still unanswered, or the thank-you when none is left. */
async function onOpen(ctx: BotContext, { questionnaire, subscriber }: Target) {
  const { response, nextIndex } = await progressOf(ctx.deps.core, questionnaire, subscriber.id);
  await toast(ctx);
  if (nextIndex === null) return reply(ctx, renderCompletion(questionnaire, ctx.language));
  return sendQuestion(ctx, questionnaire, nextIndex, { answers: response?.answers ?? {} });
}

async function onReview(ctx: BotContext, { questionnaire, subscriber }: Target) {
  const { response } = await progressOf(ctx.deps.core, questionnaire, subscriber.id);
  await toast(ctx);
  return reply(ctx, renderReview(ctx, questionnaire, response?.answers ?? {}));
}

/** The subscriber's answers so far, if skip logic still shows them this question; else a toast says why. */
async function answersIfShown(ctx: BotContext, action: QuestionAction, target: QuestionTarget) {
  const { questionnaire, subscriber, question } = target;
  const answers = (await ctx.deps.core.store.responses.get(questionnaire.id, subscriber.id))?.answers ?? {};
  return refusable(ctx, action, () => {
    assertShown(questionnaire, question, answers);
    return answers;
  });
}

/** From the review: the question again, with its answer and the buttons to change it. */
async function onShow(ctx: BotContext, action: QuestionAction, target: QuestionTarget) {
  const { questionnaire, index } = target;
  const answers = await answersIfShown(ctx, action, target);
  if (!answers) return;
  await toast(ctx);
  return sendQuestion(ctx, questionnaire, index, { answers });
}

async function onWrite(ctx: BotContext, action: QuestionAction, target: QuestionTarget) {
  const { questionnaire, subscriber, question } = target;
  if (question.kind !== 'short_text') return forged(ctx, questionnaire);
  if (!(await answersIfShown(ctx, action, target))) return;
  ctx.subscriber = await awaitText(ctx.deps.core, subscriber, {
    questionnaireId: questionnaire.id,
    questionId: question.id,
  });
  await toast(ctx, ctx.t.toastWriteNow);
  await ctx.reply(ctx.t.writeNow(escapeHtml(question.prompt), question.maxLength), { parse_mode: 'HTML' });
}

/** Ticking a box only redraws the keyboard: the selection travels in callback_data, no write. */
async function onToggle(ctx: BotContext, mask: number, { questionnaire, question, index }: QuestionTarget) {
  const selection = question.kind === 'multiple_choice' ? selectionOf(question, mask) : undefined;
  if (!selection || question.kind !== 'multiple_choice') return forged(ctx, questionnaire);
  const max = question.max ?? question.options.length;
  if (selection.length > max) return toast(ctx, ctx.t.toastTooMany(max));
  await toast(ctx);
  const view = renderQuestion(questionnaire, index, { language: ctx.language, selection });
  await ctx.editMessageReplyMarkup(view.reply_markup);
}

/** A ranking under way: the order so far travels in callback_data and shows on the buttons, no write. */
async function onRankStep(ctx: BotContext, order: number[], { questionnaire, question, index }: QuestionTarget) {
  if (question.kind !== 'ranking' || !rankingOf(question, order)) return forged(ctx, questionnaire);
  const view = renderQuestion(questionnaire, index, { language: ctx.language, order });
  const pressed = ctx.callbackQuery?.message;
  const current = pressed && 'reply_markup' in pressed ? pressed.reply_markup : undefined;
  // A placed option pressed again: the keyboard would not change (and Telegram refuses an edit that changes nothing).
  if (
    order.length > 0 &&
    JSON.stringify(current?.inline_keyboard) === JSON.stringify(view.reply_markup.inline_keyboard)
  )
    return toast(ctx, ctx.t.toastRankAlreadyPlaced);
  await toast(ctx, order.length ? ctx.t.toastRankProgress(order.length, question.options.length) : undefined);
  try {
    await ctx.editMessageReplyMarkup(view.reply_markup);
  } catch (e) {
    if (!(e instanceof TelegramError) || e.code !== 400) throw e;
    ctx.log.warn('ranking not redrawn', errorFields(e));
  }
}

async function onAnswer(
  ctx: BotContext,
  action: QuestionAction,
  { questionnaire, subscriber, question, index }: QuestionTarget,
) {
  const answer = answerOf(question, action);
  if (answer === undefined) return forged(ctx, questionnaire);
  const input = { subscriberId: subscriber.id, questionnaireId: questionnaire.id, questionId: question.id, answer };
  let result: Awaited<ReturnType<typeof recordAnswer>>;
  try {
    result = await recordAnswer(ctx.deps.core, input, questionnaire);
  } catch (e) {
    const text = refusalText(ctx, e, question);
    if (text === undefined) throw e;
    ctx.log.info('answer refused', {
      outcome: (e as Error).name,
      questionnaireId: questionnaire.id,
      questionId: question.id,
    });
    return toast(ctx, text);
  }
  if (!result.changed) return toast(ctx, ctx.t.toastUnchanged);
  ctx.log.info('answer recorded', {
    outcome: result.previous === undefined ? 'first' : 'changed',
    questionnaireId: questionnaire.id,
    questionId: question.id,
  });
  await toast(ctx, result.previous === undefined ? ctx.t.toastRecorded : ctx.t.toastChanged);
  const answers = result.response.answers;
  await showAnswer(
    ctx,
    questionnaire,
    renderQuestion(questionnaire, index, { language: ctx.language, answer: result.answer, answers }),
  );
  await moveOn(ctx, result);
}

async function onPress(ctx: BotContext) {
  const action = decodeCallback(callbackData(ctx));
  if (!action) return toast(ctx, ctx.t.toastUnknownButton);
  const subscriber = await activeSubscriber(ctx);
  if (!subscriber) return;
  const questionnaire = await refusable(
    ctx,
    action,
    () => ctx.deps.questionnaires.open(ctx.deps.core, action.questionnaireId),
    ctx.t.toastQuestionnaireGone,
  );
  if (!questionnaire) return;
  if (action.kind === 'open') return onOpen(ctx, { questionnaire, subscriber });
  if (action.kind === 'review') return onReview(ctx, { questionnaire, subscriber });
  const found = await refusable(
    ctx,
    action,
    () => questionOf(questionnaire, action.questionId),
    ctx.t.toastQuestionGone,
  );
  if (!found) return;
  const target = { questionnaire, subscriber, ...found };
  switch (action.kind) {
    case 'show':
      return onShow(ctx, action, target);
    case 'write':
      return onWrite(ctx, action, target);
    case 'toggle':
      return onToggle(ctx, action.mask, target);
    case 'rank':
      if (found.question.kind === 'ranking' && action.order.length < found.question.options.length)
        return onRankStep(ctx, action.order, target);
      return onAnswer(ctx, action, target);
    default:
      return onAnswer(ctx, action, target);
  }
}

export function questionnaires(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.action(QUESTION_CALLBACK, onPress);
  bot.use(myQuestionnaires());
  bot.use(textAnswers());
  return bot;
}
