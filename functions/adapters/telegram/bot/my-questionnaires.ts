// `/questionnaires`: the open questionnaires a subscriber can answer (those of démarches they follow
// first), each with how far they got and a button to start, resume or review it; and « Revoir mes
// réponses »: every question they were asked, their answer, and a button to change each one —
// written answers included, which otherwise only the message far up the chat could change.
import { Composer } from 'telegraf';
import { type Questionnaire, questionnairePhase, shownQuestions } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';
import type { Subscriber } from '#core/subscribers/subscriber';
import { escapeHtml, formatInstant, shorten } from '../messages/format';
import { answeredOf } from '../question-counter';
import { type InlineButton, type RenderedQuestion, describeAnswer, encodeCallback } from '../question-message';
import type { BotContext } from './context';
import { activeSubscriber } from './context';

/** A screen a phone shows without scrolling far; the others are named by their count. */
const LISTED = 8;
/** Pages of the questionnaire list read at most (100 each): enough for years of a city's questionnaires. */
const MAX_PAGES = 10;
/** Review lines are cut so ten questions stay well under Telegram's 4,096 characters. */
const REVIEW_PROMPT_MAX = 120;
const REVIEW_ANSWER_MAX = 200;
/** Button labels: a title cut to fit a phone's width. */
const BUTTON_TITLE_MAX = 40;

/** Every questionnaire open now, those of followed démarches first, then by closing date. */
async function openQuestionnaires(ctx: BotContext, subscriber: Subscriber): Promise<Questionnaire[]> {
  const core = ctx.deps.core;
  const now = core.clock.now();
  const open: Questionnaire[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, next } = await core.store.questionnaires.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    open.push(...items.filter((q) => questionnairePhase(q, now) === 'open'));
    if (!next) break;
    cursor = next;
  }
  const followed = (q: Questionnaire) =>
    q.demarcheSlug && subscriber.follows.demarches.includes(q.demarcheSlug) ? 0 : 1;
  return open.sort((a, b) => followed(a) - followed(b) || a.closesAt.localeCompare(b.closesAt));
}

function progressText(ctx: BotContext, questionnaire: Questionnaire, answers: Record<string, Answer> | undefined) {
  const { answered, min, max } = answeredOf(questionnaire.questions, answers ?? {});
  if (!answers || answered === 0)
    return { text: ctx.t.progressNotStarted(min, max), label: ctx.t.myQuestionnairesStart };
  if (answered >= max) return { text: ctx.t.progressDone, label: ctx.t.myQuestionnairesReview };
  return { text: ctx.t.progressPartial(answered, min, max), label: ctx.t.myQuestionnairesResume };
}

async function listQuestionnaires(ctx: BotContext) {
  const subscriber = await activeSubscriber(ctx);
  if (!subscriber) return;
  const all = await openQuestionnaires(ctx, subscriber);
  if (all.length === 0) return void (await ctx.reply(ctx.t.myQuestionnairesEmpty));
  const shown = all.slice(0, LISTED);
  const responses = await Promise.all(shown.map((q) => ctx.deps.core.store.responses.get(q.id, subscriber.id)));
  const lines: string[] = [ctx.t.myQuestionnairesTitle];
  const buttons: InlineButton[][] = [];
  let heading: 'followed' | 'others' | undefined;
  shown.forEach((questionnaire, i) => {
    const isFollowed =
      !!questionnaire.demarcheSlug && subscriber.follows.demarches.includes(questionnaire.demarcheSlug);
    const section = isFollowed ? 'followed' : 'others';
    if (section !== heading) {
      // Headings only when both kinds are listed: alone, « Autres » would mean nothing.
      if (all.some((q) => q.demarcheSlug && subscriber.follows.demarches.includes(q.demarcheSlug)))
        lines.push('', section === 'followed' ? ctx.t.myQuestionnairesFollowed : ctx.t.myQuestionnairesOthers);
      heading = section;
    }
    const response = responses[i];
    const { text, label } = progressText(ctx, questionnaire, response?.answers);
    const done = text === ctx.t.progressDone;
    lines.push(
      ctx.t.myQuestionnairesLine(
        escapeHtml(questionnaire.title),
        text,
        formatInstant(questionnaire.closesAt, ctx.language),
      ),
    );
    buttons.push([
      {
        text: label(shorten(questionnaire.title, BUTTON_TITLE_MAX)),
        callback_data: encodeCallback(
          done
            ? { kind: 'review', questionnaireId: questionnaire.id }
            : { kind: 'open', questionnaireId: questionnaire.id },
        ),
      },
    ]);
  });
  if (all.length > shown.length) lines.push('', ctx.t.myQuestionnairesMore(all.length - shown.length));
  await ctx.reply(lines.join('\n'), { parse_mode: 'HTML', reply_markup: { inline_keyboard: buttons } });
}

/**
 * « Revoir mes réponses »: the questions this subscriber is asked (skip logic), numbered as the
 * counter numbers them, each with its answer and a « ✏️ Question n » button that sends it again.
 */
export function renderReview(
  ctx: Pick<BotContext, 't' | 'language'>,
  questionnaire: Questionnaire,
  answers: Readonly<Record<string, Answer>>,
): RenderedQuestion {
  const t = ctx.t;
  const asked = shownQuestions(questionnaire.questions, answers);
  const lines = [t.reviewTitle(escapeHtml(questionnaire.title)), ''];
  const changes: InlineButton[] = [];
  asked.forEach((question, i) => {
    const answer = answers[question.id];
    const said = answer === undefined ? t.reviewUnanswered : describeAnswer(question, answer, ctx.language);
    lines.push(
      t.reviewLine(
        i + 1,
        escapeHtml(shorten(question.prompt, REVIEW_PROMPT_MAX)),
        escapeHtml(shorten(said, REVIEW_ANSWER_MAX)),
      ),
    );
    changes.push({
      text: t.reviewChange(i + 1),
      callback_data: encodeCallback({ kind: 'show', questionnaireId: questionnaire.id, questionId: question.id }),
    });
  });
  lines.push('', `<i>${t.reviewFooter(formatInstant(questionnaire.closesAt, ctx.language))}</i>`);
  const rows: InlineButton[][] = [];
  for (let i = 0; i < changes.length; i += 3) rows.push(changes.slice(i, i + 3));
  if (asked.some((q) => answers[q.id] === undefined))
    rows.push([
      { text: t.reviewContinue, callback_data: encodeCallback({ kind: 'open', questionnaireId: questionnaire.id }) },
    ]);
  return { text: lines.join('\n'), parse_mode: 'HTML', reply_markup: { inline_keyboard: rows } };
}

export function myQuestionnaires(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.command(['questionnaires', 'questionnaire'], listQuestionnaires);
  return bot;
}
