// Answering questionnaires with buttons: choose, tick and submit, or ask to answer in writing.
// Every press is checked against the stored questionnaire, read at most 5 s ago (open-cache.ts): a
// button is data the client sends, so it may be late, stale or forged. Each press gets an answer,
// and a refused one stores nothing.
import { Composer } from 'telegraf';
import { progressOf, questionOf, recordAnswer } from '#core/questionnaires/answering';
import type { Question, Questionnaire } from '#core/questionnaires/questionnaire';
import { awaitText } from '#core/subscribers/use-cases';
import { escapeHtml } from '../messages/format';
import {
  type QuestionCallback,
  answerOf,
  decodeCallback,
  renderCompletion,
  renderQuestion,
  selectionOf,
} from '../question-message';
import { moveOn, refusalText, reply, sendQuestion, showAnswer } from './answer-flow';
import { type BotContext, activeSubscriber, callbackData, toast } from './context';
import { textAnswers } from './text-answers';

/** The questionnaire and question a press names, if they exist and accept answers; else the toast says why. */
async function target(
  ctx: BotContext,
  action: QuestionCallback,
): Promise<{ questionnaire: Questionnaire; question?: Question; index: number } | undefined> {
  try {
    const questionnaire = await ctx.deps.questionnaires.open(ctx.deps.core, action.questionnaireId);
    if (action.kind === 'open') return { questionnaire, index: -1 };
    const { question, index } = questionOf(questionnaire, action.questionId);
    return { questionnaire, question, index };
  } catch (e) {
    const text = refusalText(ctx, e);
    if (text === undefined) throw e;
    ctx.log.info('press refused', { outcome: (e as Error).name, questionnaireId: action.questionnaireId });
    await toast(ctx, text);
    return undefined;
  }
}

async function onPress(ctx: BotContext) {
  const action = decodeCallback(callbackData(ctx));
  if (!action) return toast(ctx, ctx.t.toastUnknownButton);
  const subscriber = await activeSubscriber(ctx);
  if (!subscriber) return;
  const found = await target(ctx, action);
  if (!found) return;
  const { questionnaire, question, index } = found;
  const forged = () => {
    ctx.log.warn('press does not fit the question', { questionnaireId: questionnaire.id });
    return toast(ctx, ctx.t.toastUnknownButton);
  };

  if (action.kind === 'open') {
    const { nextIndex } = await progressOf(ctx.deps.core, questionnaire, subscriber.id);
    await toast(ctx);
    if (nextIndex === null) return reply(ctx, renderCompletion(questionnaire, ctx.language));
    return sendQuestion(ctx, questionnaire, nextIndex);
  }
  if (!question) return forged();

  if (action.kind === 'toggle') {
    // Ticking a box only redraws the keyboard: the selection travels in callback_data, no write.
    const selection = question.kind === 'multiple_choice' ? selectionOf(question, action.mask) : undefined;
    if (!selection || question.kind !== 'multiple_choice') return forged();
    const max = question.max ?? question.options.length;
    if (selection.length > max) return toast(ctx, ctx.t.toastTooMany(max));
    await toast(ctx);
    const view = renderQuestion(questionnaire, index, { language: ctx.language, selection });
    await ctx.editMessageReplyMarkup(view.reply_markup);
    return;
  }

  if (action.kind === 'write') {
    if (question.kind !== 'short_text') return forged();
    ctx.subscriber = await awaitText(ctx.deps.core, subscriber, {
      questionnaireId: questionnaire.id,
      questionId: question.id,
    });
    await toast(ctx, ctx.t.toastWriteNow);
    await ctx.reply(ctx.t.writeNow(escapeHtml(question.prompt), question.maxLength), { parse_mode: 'HTML' });
    return;
  }

  const answer = answerOf(question, action);
  if (answer === undefined) return forged();
  let result: Awaited<ReturnType<typeof recordAnswer>>;
  try {
    result = await recordAnswer(
      ctx.deps.core,
      { subscriberId: subscriber.id, questionnaireId: questionnaire.id, questionId: question.id, answer },
      questionnaire,
    );
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
  await showAnswer(
    ctx,
    questionnaire,
    index,
    renderQuestion(questionnaire, index, { language: ctx.language, answer: result.answer }),
  );
  await moveOn(ctx, result);
}

export function questionnaires(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.action(/^[atvwo]:/, onPress);
  bot.use(textAnswers());
  return bot;
}
