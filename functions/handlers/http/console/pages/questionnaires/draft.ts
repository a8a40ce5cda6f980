// A questionnaire as its builder holds it: every value a string, as typed, so a refused form or a
// re-rendered one (a question added, the preview refreshed) gives back exactly what the agent wrote.
// It converts from a stored questionnaire, from a submitted form, and to the use case's input.
import type { Question, Questionnaire, QuestionnaireInput } from '#core/questionnaires/questionnaire';
import type { Violation } from '#core/shared/errors';
import type { IdGenerator } from '#core/shared/ports';
import { type FormValues, valueOf, valuesOf } from '../../ui/forms';
import { toDateTimeLocal } from '../../ui/format';

export interface QuestionDraft {
  /** Empty for a question not saved yet: it gets its id when the form is sent. */
  id: string;
  kind: string;
  prompt: string;
  /** One option per line (choices). */
  options: string;
  /** Multiple choice: fewest and most boxes; scale: lowest and highest grade. */
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
  maxLength: string;
  /**
   * « Afficher seulement si… » (skip logic): the answers ticked, each `questionId:value` (an option
   * id, or `yes` / `no`); empty when the question is always shown. All must name one question.
   */
  showIf: string[];
}

export interface QuestionnaireDraft {
  title: string;
  intro: string;
  demarcheSlug: string;
  opensAt: string;
  closesAt: string;
  /** « oui » or « non ». */
  resultsPolicy: string;
  /** Id of the question the public results are cross-tabulated by; empty for none. */
  breakdownBy: string;
  nextSteps: string;
  questions: QuestionDraft[];
}

export const emptyQuestion = (): QuestionDraft => ({
  id: '',
  kind: 'single_choice',
  prompt: '',
  options: '',
  min: '',
  max: '',
  minLabel: '',
  maxLabel: '',
  maxLength: '',
  showIf: [],
});

export const emptyQuestionnaire = (): QuestionnaireDraft => ({
  title: '',
  intro: '',
  demarcheSlug: '',
  opensAt: '',
  closesAt: '',
  resultsPolicy: 'public_after_close',
  breakdownBy: '',
  nextSteps: '',
  questions: [emptyQuestion()],
});

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

function questionDraftOf(q: Question): QuestionDraft {
  const showIf = q.showIf ? q.showIf.anyOf.map((value) => `${q.showIf!.questionId}:${value}`) : [];
  const draft = { ...emptyQuestion(), id: q.id, kind: q.kind, prompt: q.prompt, showIf };
  switch (q.kind) {
    case 'single_choice':
    case 'ranking':
      return { ...draft, options: q.options.map((o) => o.label).join('\n') };
    case 'multiple_choice':
      return { ...draft, options: q.options.map((o) => o.label).join('\n'), min: text(q.min), max: text(q.max) };
    case 'scale':
      return { ...draft, min: text(q.min), max: text(q.max), minLabel: q.minLabel, maxLabel: q.maxLabel };
    case 'yes_no':
      return draft;
    case 'short_text':
      return { ...draft, maxLength: text(q.maxLength) };
  }
}

export const draftOf = (q: Questionnaire): QuestionnaireDraft => ({
  title: q.title,
  intro: q.intro ?? '',
  demarcheSlug: q.demarcheSlug ?? '',
  opensAt: toDateTimeLocal(q.opensAt),
  closesAt: toDateTimeLocal(q.closesAt),
  resultsPolicy: q.resultsPolicy,
  breakdownBy: q.breakdownBy ?? '',
  nextSteps: q.nextSteps,
  questions: q.questions.map(questionDraftOf),
});

const QUESTION_FIELDS = ['id', 'kind', 'prompt', 'options', 'min', 'max', 'minLabel', 'maxLabel', 'maxLength'] as const;
const isEmptyQuestion = (q: QuestionDraft) =>
  !q.prompt.trim() && !q.options.trim() && !q.minLabel.trim() && !q.maxLabel.trim();

/**
 * The rows `questions.N.*` in the order their « position » asks (ties and blanks keep the form's
 * order); the rows marked « Retirer » and the empty ones are dropped.
 */
function questionsOf(values: FormValues): QuestionDraft[] {
  const rows = new Set<number>();
  for (const name of Object.keys(values)) {
    const match = /^questions\.(\d{1,2})\./.exec(name);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows]
    .sort((a, b) => a - b)
    .filter((i) => !valueOf(values, `questions.${i}.remove`))
    .map((i, order) => {
      const position = Number(valueOf(values, `questions.${i}.position`));
      const fields = Object.fromEntries(QUESTION_FIELDS.map((f) => [f, valueOf(values, `questions.${i}.${f}`)]));
      const draft = { ...fields, showIf: valuesOf(values, `questions.${i}.showIf`) } as unknown as QuestionDraft;
      return {
        draft,
        rank: Number.isFinite(position) && position > 0 ? position : order + 1,
        order,
      };
    })
    .filter((row) => !isEmptyQuestion(row.draft))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((row) => row.draft);
}

/** The builder's form; `questions: false` when the questions were not part of it (frozen, shown read-only). */
export const draftFromForm = (values: FormValues): QuestionnaireDraft => ({
  title: valueOf(values, 'title'),
  intro: valueOf(values, 'intro'),
  demarcheSlug: valueOf(values, 'demarcheSlug'),
  opensAt: valueOf(values, 'opensAt'),
  closesAt: valueOf(values, 'closesAt'),
  resultsPolicy: valueOf(values, 'resultsPolicy'),
  breakdownBy: valueOf(values, 'breakdownBy'),
  nextSteps: valueOf(values, 'nextSteps'),
  questions: questionsOf(values),
});

const numberOf = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** Options, one per line; an option keeps its id while its label stays the same (answers refer to ids). */
function optionsOf(lines: string, known: readonly { id: string; label: string }[], ids: IdGenerator) {
  const unused = [...known];
  return lines
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label) => {
      const same = unused.findIndex((o) => o.label === label);
      const id = same >= 0 ? unused.splice(same, 1)[0]!.id : ids.next();
      return { id, label };
    });
}

/** The ticked answers of « Afficher seulement si… », by the question they belong to, in the order ticked. */
export function conditionsOf(q: Pick<QuestionDraft, 'showIf'>): Map<string, string[]> {
  const byQuestion = new Map<string, string[]>();
  for (const ticked of q.showIf) {
    const at = ticked.indexOf(':');
    if (at <= 0) continue;
    const [questionId, value] = [ticked.slice(0, at), ticked.slice(at + 1)];
    byQuestion.set(questionId, [...(byQuestion.get(questionId) ?? []), value]);
  }
  return byQuestion;
}

/** The condition as the schema takes it; answers of several questions are the builder's own violation. */
function showIfOf(q: QuestionDraft) {
  const [first] = conditionsOf(q);
  return first ? { showIf: { questionId: first[0], anyOf: first[1] } } : {};
}

/**
 * What the builder checks before the core: a condition ticks answers of one question only (the form
 * offers every earlier question's answers at once; the schema's `showIf` names one question).
 */
export function builderViolations(draft: QuestionnaireDraft): Violation[] {
  return draft.questions.flatMap((q, i) =>
    conditionsOf(q).size > 1
      ? [
          {
            field: `questions.${i}.showIf`,
            rule: 'show_if_one_question',
            message: `Question ${i + 1}, condition : cochez les réponses d’une seule question (la question n’apparaît que selon une question précédente)`,
          },
        ]
      : [],
  );
}

function questionInput(q: QuestionDraft, known: Question | undefined, ids: IdGenerator): unknown {
  const base = { kind: q.kind, id: q.id, prompt: q.prompt, ...showIfOf(q) };
  const options = () => optionsOf(q.options, known && 'options' in known ? known.options : [], ids);
  switch (q.kind) {
    case 'single_choice':
    case 'ranking':
      return { ...base, options: options() };
    case 'multiple_choice':
      return { ...base, options: options(), min: numberOf(q.min), max: numberOf(q.max) };
    case 'scale':
      return { ...base, min: numberOf(q.min), max: numberOf(q.max), minLabel: q.minLabel, maxLabel: q.maxLabel };
    case 'short_text':
      return { ...base, maxLength: numberOf(q.maxLength) };
    default:
      // yes_no, or a kind the schema refuses by name.
      return base;
  }
}

/** The questions as the use case takes them; a new question gets its id here, once. */
export function questionsInput(draft: QuestionnaireDraft, known: readonly Question[], ids: IdGenerator): unknown[] {
  for (const q of draft.questions) q.id ||= ids.next();
  return draft.questions.map((q) =>
    questionInput(
      q,
      known.find((k) => k.id === q.id),
      ids,
    ),
  );
}

/** The whole input of a creation; optional fields left empty are absent. */
export function inputOf(draft: QuestionnaireDraft, known: readonly Question[], ids: IdGenerator) {
  return {
    title: draft.title,
    intro: draft.intro.trim() ? draft.intro : undefined,
    demarcheSlug: draft.demarcheSlug || undefined,
    questions: questionsInput(draft, known, ids),
    opensAt: draft.opensAt,
    closesAt: draft.closesAt,
    resultsPolicy: draft.resultsPolicy,
    breakdownBy: draft.breakdownBy || undefined,
    // Set by the évaluation template only; a merge patch without it keeps it.
    evaluationOf: undefined,
    nextSteps: draft.nextSteps,
  } satisfies Record<keyof QuestionnaireInput, unknown>;
}
