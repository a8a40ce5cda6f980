// A questionnaire's question as a Telegram message (HTML text + inline keyboard), the answer a
// press means, and the thank-you. Used by the bot (answers, edits, the review) and by the delivery
// path (the first question of a campaign). The buttons' callback_data is question-callback.ts.
import type { Question, Questionnaire } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';
import type { Language } from '#core/subscribers/subscriber';
import { catalog } from './messages/catalog';
import { escapeHtml, formatInstant } from './messages/format';
import { type QuestionCallback, encodeCallback } from './question-callback';
import { questionPosition } from './question-counter';

export {
  CALLBACK_DATA_MAX_BYTES,
  CALLBACK_DATA_TARGET_BYTES,
  QUESTION_CALLBACK,
  type QuestionCallback,
  decodeCallback,
  encodeCallback,
} from './question-callback';

export interface InlineButton {
  text: string;
  callback_data: string;
}
export interface RenderedQuestion {
  text: string;
  parse_mode: 'HTML';
  reply_markup: { inline_keyboard: InlineButton[][] };
}

export interface RenderOptions {
  language: Language;
  /** The answer already recorded: shown in the text and marked on the buttons (still changeable). */
  answer?: Answer;
  /** Multiple choice: the boxes ticked but not yet submitted (defaults to the recorded answer). */
  selection?: string[];
  /** Ranking: the options placed so far, as indexes (defaults to the recorded answer). */
  order?: number[];
  /** Every answer of the response so far: the counter follows skip logic (« Question 2 sur 3 à 5 »). */
  answers?: Readonly<Record<string, Answer>>;
}

/** The option ids a mask selects, or `undefined` when it names options the question lacks (forged). */
export function selectionOf(question: Question, mask: number): string[] | undefined {
  if (question.kind !== 'single_choice' && question.kind !== 'multiple_choice') return undefined;
  if (mask < 0 || mask >= 1 << question.options.length) return undefined;
  return question.options.filter((_, i) => mask & (1 << i)).map((o) => o.id);
}

/** A ranking's order as option ids, or `undefined` when it names options the question lacks (stale or forged). */
export function rankingOf(question: Question, order: readonly number[]): string[] | undefined {
  if (question.kind !== 'ranking') return undefined;
  const ids = order.map((i) => question.options[i]?.id);
  return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length ? ids : undefined;
}

/** The recorded ranking as option indexes (empty when there is none). */
const orderOf = (question: Question, answer: Answer | undefined): number[] =>
  question.kind === 'ranking' && Array.isArray(answer)
    ? answer.map((id) => question.options.findIndex((o) => o.id === id)).filter((i) => i >= 0)
    : [];

export function maskOf(question: Question, optionIds: readonly string[]): number {
  if (question.kind !== 'single_choice' && question.kind !== 'multiple_choice') return 0;
  return question.options.reduce((mask, o, i) => (optionIds.includes(o.id) ? mask | (1 << i) : mask), 0);
}

/**
 * The answer a press means for this question, or `undefined` when the press does not fit it
 * (an option index out of range, a toggle on a yes/no question…): a forged or stale button.
 * Range rules (scale bounds, min/max choices) are left to `checkAnswer`, the one place they live.
 */
export function answerOf(question: Question, action: QuestionCallback): Answer | undefined {
  if (action.kind === 'choose') {
    switch (question.kind) {
      case 'single_choice': {
        const option = question.options[action.value];
        return option ? [option.id] : undefined;
      }
      case 'scale':
        return action.value;
      case 'yes_no':
        return action.value === 1 ? true : action.value === 0 ? false : undefined;
      default:
        return undefined;
    }
  }
  if (action.kind === 'submit' && question.kind === 'multiple_choice') return selectionOf(question, action.mask);
  if (action.kind === 'rank' && question.kind === 'ranking' && action.order.length === question.options.length)
    return rankingOf(question, action.order);
  return undefined;
}

/** The answer in words, as the citizen chose it (option labels, « Oui », the grade, the text). */
export function describeAnswer(question: Question, answer: Answer, language: Language): string {
  const t = catalog(language);
  switch (question.kind) {
    case 'ranking': {
      const ids = Array.isArray(answer) ? answer : [];
      const labels = ids.map((id) => question.options.find((o) => o.id === id)?.label).filter((l) => l !== undefined);
      return labels.length ? labels.map((label, i) => t.rankPlaced(i + 1, label)).join(', ') : t.noneSelected;
    }
    case 'single_choice':
    case 'multiple_choice': {
      const ids = Array.isArray(answer) ? answer : [];
      const labels = question.options.filter((o) => ids.includes(o.id)).map((o) => o.label);
      return labels.length ? labels.join(', ') : t.noneSelected;
    }
    case 'scale':
      return String(answer);
    case 'yes_no':
      return answer === true ? t.yes : t.no;
    case 'short_text':
      return `« ${String(answer)} »`;
  }
}

export function renderQuestion(questionnaire: Questionnaire, index: number, options: RenderOptions): RenderedQuestion {
  const question = questionnaire.questions[index];
  if (!question) throw new RangeError(`question ${index} absent du questionnaire ${questionnaire.id}`);
  const t = catalog(options.language);
  const { n, min, max } = questionPosition(questionnaire.questions, options.answers ?? {}, index);
  const lines = [`<b>${escapeHtml(questionnaire.title)}</b>`, `<i>${t.questionCounterRange(n, min, max)}</i>`, ''];
  // The first question introduces the questionnaire: each message must make sense on its own.
  if (index === 0 && questionnaire.intro && options.answer === undefined)
    lines.push(escapeHtml(questionnaire.intro), '');
  lines.push(escapeHtml(question.prompt), `<i>${hintOf(question, options.language)}</i>`);
  if (options.answer !== undefined)
    lines.push(
      '',
      t.yourAnswer(escapeHtml(describeAnswer(question, options.answer, options.language))),
      t.editableUntil(formatInstant(questionnaire.closesAt, options.language)),
    );
  return {
    text: lines.join('\n'),
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard: keyboardOf(questionnaire.id, question, options) },
  };
}

/** The hint under the prompt, as Telegram HTML. */
function hintOf(question: Question, language: Language): string {
  const t = catalog(language);
  switch (question.kind) {
    case 'ranking':
      return t.hintRanking(question.options.length);
    case 'single_choice':
      return t.hintSingle;
    case 'multiple_choice':
      return t.hintMultiple(question.min, question.max ?? question.options.length);
    case 'scale':
      return t.hintScale(question.min, escapeHtml(question.minLabel), question.max, escapeHtml(question.maxLabel));
    case 'yes_no':
      return t.hintYesNo;
    case 'short_text':
      return t.hintText(question.maxLength);
  }
}

function keyboardOf(questionnaireId: string, question: Question, options: RenderOptions): InlineButton[][] {
  const t = catalog(options.language);
  const ids = { questionnaireId, questionId: question.id };
  const button = (text: string, action: QuestionCallback): InlineButton => ({
    text,
    callback_data: encodeCallback(action),
  });
  const chosen = (yes: boolean, label: string) => (yes ? `✅ ${label}` : label);
  const answer = options.answer;
  switch (question.kind) {
    case 'single_choice':
      // One option per row: labels run to 60 characters, too long to sit side by side on a phone.
      return question.options.map((o, i) => [
        button(chosen(Array.isArray(answer) && answer[0] === o.id, o.label), { kind: 'choose', ...ids, value: i }),
      ]);
    case 'multiple_choice': {
      const selection = options.selection ?? (Array.isArray(answer) ? answer : []);
      const mask = maskOf(question, selection);
      const rows = question.options.map((o, i) => [
        button(`${mask & (1 << i) ? '☑' : '☐'} ${o.label}`, { kind: 'toggle', ...ids, mask: mask ^ (1 << i) }),
      ]);
      const count = question.options.filter((_, i) => mask & (1 << i)).length;
      return [...rows, [button(t.validate(count), { kind: 'submit', ...ids, mask })]];
    }
    case 'scale': {
      const values: number[] = [];
      for (let v = question.min; v <= question.max; v++) values.push(v);
      // Up to 11 grades: two rows past 6, as a row of 8+ buttons is unreadable on a phone.
      const perRow = values.length <= 6 ? values.length : Math.ceil(values.length / 2);
      const rows: InlineButton[][] = [];
      for (let i = 0; i < values.length; i += perRow)
        rows.push(
          values
            .slice(i, i + perRow)
            .map((v) => button(chosen(answer === v, String(v)), { kind: 'choose', ...ids, value: v })),
        );
      return rows;
    }
    case 'yes_no':
      return [
        [
          button(chosen(answer === true, t.yes), { kind: 'choose', ...ids, value: 1 }),
          button(chosen(answer === false, t.no), { kind: 'choose', ...ids, value: 0 }),
        ],
      ];
    case 'short_text':
      return [[button(answer === undefined ? t.writeAnswer : t.changeText, { kind: 'write', ...ids })]];
    case 'ranking': {
      // The options stay where they are (no row jumps under the finger); a placed one shows its rank in words.
      const order = options.order ?? orderOf(question, answer);
      const rows = question.options.map((o, i) => {
        const rank = order.indexOf(i);
        return [
          rank >= 0
            ? button(t.rankPlaced(rank + 1, o.label), { kind: 'rank', ...ids, order })
            : button(o.label, { kind: 'rank', ...ids, order: [...order, i] }),
        ];
      });
      return order.length ? [...rows, [button(t.rankRestart, { kind: 'rank', ...ids, order: [] })]] : rows;
    }
  }
}

/** A button that starts (or resumes) a questionnaire, for a campaign message that announces one. */
export function openQuestionnaireButton(questionnaireId: string, language: Language): InlineButton {
  return {
    text: catalog(language).startQuestionnaire,
    callback_data: encodeCallback({ kind: 'open', questionnaireId }),
  };
}

/** The thank-you after the last answer, with « Et après ? » (what becomes of the answers) and the way back to them. */
export function renderCompletion(questionnaire: Questionnaire, language: Language): RenderedQuestion {
  const t = catalog(language);
  const text = [
    t.thanks(escapeHtml(questionnaire.title)),
    '',
    t.nextStepsTitle,
    escapeHtml(questionnaire.nextSteps),
    '',
    `<i>${t.editableNote(formatInstant(questionnaire.closesAt, language))}</i>`,
  ].join('\n');
  return { text, parse_mode: 'HTML', reply_markup: { inline_keyboard: [[reviewButton(questionnaire.id, language)]] } };
}

/** « Revoir mes réponses »: the answers of a questionnaire, each changeable while it is open. */
export function reviewButton(questionnaireId: string, language: Language): InlineButton {
  return {
    text: catalog(language).reviewButton,
    callback_data: encodeCallback({ kind: 'review', questionnaireId }),
  };
}
