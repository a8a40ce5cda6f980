// The callback_data of a questionnaire's buttons: what a press asks for, as a stable contract
// between the messages drawn (question-message.ts, campaign and digest messages, the review) and
// the bot that reads the presses back (bot/questionnaire.ts).
//
// callback_data is at most 64 bytes (Bot API); ours stay within 48. It carries ids (≤ 16 characters,
// `[A-Za-z0-9_-]`) and small numbers, never labels: a multiple-choice selection as a bitmask, a
// ranking's order so far as option indexes (best first), so neither needs a write until it is complete.
export const CALLBACK_DATA_MAX_BYTES = 64;
/** What our buttons aim for (issue #11): well under the Bot API's limit, with room to spare. */
export const CALLBACK_DATA_TARGET_BYTES = 48;

export type QuestionCallback =
  /** Single choice (value = option index), scale (value = the grade), yes/no (1 = yes, 0 = no). */
  | { kind: 'choose'; questionnaireId: string; questionId: string; value: number }
  /** Multiple choice: show this selection (bit i = option i), nothing stored. */
  | { kind: 'toggle'; questionnaireId: string; questionId: string; mask: number }
  /** Multiple choice: record this selection. */
  | { kind: 'submit'; questionnaireId: string; questionId: string; mask: number }
  /** Short text: the subscriber's next message answers this question. */
  | { kind: 'write'; questionnaireId: string; questionId: string }
  /** Start or resume a questionnaire: sends its first unanswered question. */
  | { kind: 'open'; questionnaireId: string }
  /** Ranking: the options placed so far (indexes, best first); recorded once all are placed, `[]` starts again. */
  | { kind: 'rank'; questionnaireId: string; questionId: string; order: number[] }
  /** « Revoir mes réponses »: every question shown with its answer, and a button to change each. */
  | { kind: 'review'; questionnaireId: string }
  /** Send this question again, with its answer, to change it (from the review). */
  | { kind: 'show'; questionnaireId: string; questionId: string };

const PREFIX = {
  choose: 'a',
  toggle: 't',
  submit: 'v',
  write: 'w',
  open: 'o',
  rank: 'qr',
  review: 'qv',
  show: 'qs',
} as const;
const KIND_OF_PREFIX = Object.fromEntries(Object.entries(PREFIX).map(([k, p]) => [p, k])) as Record<
  string,
  QuestionCallback['kind']
>;
const ID = '[A-Za-z0-9_-]{1,16}';
const CALLBACK = new RegExp(`^([atvwo]|q[rvs]):(${ID})(?::(${ID}))?(?::([0-9a-z]{1,5}))?$`);
/** Every callback_data of the questionnaire buttons (the bot's action filter). */
export const QUESTION_CALLBACK = /^(?:[atvwo]|q[rvs]):/;
/** A ranking's order: distinct option indexes, at most five options (questionnaire schema). */
const ORDER = /^(?:([0-4])(?!.*\1)){1,5}$/;
/** Ten options at most (questionnaire schema): every mask is below 2^10. */
const MAX_MASK = (1 << 10) - 1;

export function encodeCallback(action: QuestionCallback): string {
  const p = PREFIX[action.kind];
  switch (action.kind) {
    case 'choose':
      return `${p}:${action.questionnaireId}:${action.questionId}:${action.value}`;
    case 'toggle':
    case 'submit':
      return `${p}:${action.questionnaireId}:${action.questionId}:${action.mask.toString(36)}`;
    case 'write':
    case 'show':
      return `${p}:${action.questionnaireId}:${action.questionId}`;
    case 'open':
    case 'review':
      return `${p}:${action.questionnaireId}`;
    case 'rank':
      return `${p}:${action.questionnaireId}:${action.questionId}${action.order.length ? `:${action.order.join('')}` : ''}`;
  }
}

/** The action a button press asks for, or `undefined` when the data is not one of ours (forged or malformed). */
export function decodeCallback(data: string): QuestionCallback | undefined {
  const m = CALLBACK.exec(data);
  if (!m) return undefined;
  const [, prefix, questionnaireId, questionId, arg] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string | undefined,
  ];
  const kind = KIND_OF_PREFIX[prefix];
  switch (kind) {
    case 'open':
    case 'review':
      return questionId === undefined && arg === undefined ? { kind, questionnaireId } : undefined;
    case 'write':
    case 'show':
      return questionId !== undefined && arg === undefined ? { kind, questionnaireId, questionId } : undefined;
    case 'rank': {
      if (questionId === undefined || (arg !== undefined && !ORDER.test(arg))) return undefined;
      return { kind, questionnaireId, questionId, order: arg === undefined ? [] : [...arg].map(Number) };
    }
    case 'choose': {
      if (questionId === undefined || arg === undefined || !/^\d{1,2}$/.test(arg)) return undefined;
      return { kind, questionnaireId, questionId, value: Number(arg) };
    }
    case 'toggle':
    case 'submit': {
      if (questionId === undefined || arg === undefined) return undefined;
      const mask = parseInt(arg, 36);
      return arg.length <= 4 && mask <= MAX_MASK ? { kind, questionnaireId, questionId, mask } : undefined;
    }
    default:
      return undefined;
  }
}
