// Short-text answers: when a subscriber is awaiting a written answer, their next message is it.
// It is checked (length counted in characters, as the citizen counts), recorded, confirmed by the
// question shown again with the answer, and the conversation moves on; other texts pass through.
import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { QuestionNotShown, QuestionnaireNotOpen, questionOf, recordAnswer } from '#core/questionnaires/answering';
import type { Question } from '#core/questionnaires/questionnaire';
import { isDomainError } from '#core/shared/errors';
import { forbiddenCharacter } from '#core/shared/text';
import { awaitText } from '#core/subscribers/use-cases';
import { escapeHtml, formatInstant } from '../messages/format';
import { describeAnswer, renderQuestion } from '../question-message';
import { moveOn, questionToSend, reply } from './answer-flow';
import type { BotContext } from './context';

export function textAnswers(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.on(message('text'), async (ctx, next) => {
    const subscriber = ctx.subscriber;
    const awaited = subscriber?.awaitingText;
    if (!subscriber || subscriber.status !== 'active' || !awaited || ctx.message.text.startsWith('/')) return next();

    let result: Awaited<ReturnType<typeof recordAnswer>>;
    let question: Question | undefined;
    try {
      const questionnaire = await ctx.deps.questionnaires.open(ctx.deps.core, awaited.questionnaireId);
      question = questionOf(questionnaire, awaited.questionId).question;
      result = await recordAnswer(
        ctx.deps.core,
        { subscriberId: subscriber.id, ...awaited, answer: ctx.message.text },
        questionnaire,
      );
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const rule = e.violations[0]?.rule;
      ctx.log.info('written answer refused', { outcome: rule ?? e.code, ...awaited });
      if (rule === 'text_max_length' && question?.kind === 'short_text') {
        // Still awaiting: the citizen shortens and sends again.
        await ctx.reply(ctx.t.textTooLong([...ctx.message.text.trim()].length, question.maxLength));
        return;
      }
      if (rule === 'text_required') {
        await ctx.reply(ctx.t.textEmpty);
        return;
      }
      const invisible =
        rule === 'no_control_characters' ? forbiddenCharacter(ctx.message.text.trim(), true) : undefined;
      if (invisible) {
        await ctx.reply(ctx.t.textInvisibleCharacter(invisible.position));
        return;
      }
      // Closed since, hidden by a changed answer, or gone: stop waiting, and say so in a message that stands alone.
      ctx.subscriber = await awaitText(ctx.deps.core, subscriber, undefined);
      await ctx.reply(
        e instanceof QuestionnaireNotOpen && e.phase === 'closed'
          ? ctx.t.questionnaireClosed(escapeHtml(e.title), formatInstant(e.at, ctx.language))
          : e instanceof QuestionNotShown && question
            ? ctx.t.textQuestionHidden(escapeHtml(question.prompt))
            : ctx.t.unknownText,
        { parse_mode: 'HTML' },
      );
      return;
    }

    // One write for the conversation state: wait for the next question if it is written too, else stop.
    const { questionnaire } = result;
    const nextIndex = questionToSend(result);
    const following = nextIndex === null ? undefined : questionnaire.questions[nextIndex];
    const nextAwaited =
      following?.kind === 'short_text' ? { questionnaireId: questionnaire.id, questionId: following.id } : undefined;
    ctx.subscriber = await awaitText(ctx.deps.core, subscriber, nextAwaited);
    ctx.log.info('written answer recorded', { outcome: result.changed ? 'changed' : 'unchanged', ...awaited });
    // One message: the next question (or the thank-you) opened by the confirmation; else the
    // question again, showing the answer and the button to change it.
    const notice = ctx.t.textSaved(
      escapeHtml(result.question.prompt),
      escapeHtml(describeAnswer(result.question, result.answer, ctx.language)),
    );
    if (!(await moveOn(ctx, result, notice)))
      await reply(
        ctx,
        renderQuestion(questionnaire, result.questionIndex, {
          language: ctx.language,
          answer: result.answer,
          answers: result.response.answers,
        }),
      );
  });
  return bot;
}
