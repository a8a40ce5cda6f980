// A questionnaire: 1–10 short questions a subscriber answers in a few taps, open for a time.
import * as z from 'zod';
import { atField, withField } from '../shared/french-errors';
import { Instant, ShortId, Slug, Version } from '../shared/schema';
import { MultiLineText, SingleLineText } from '../shared/text';

// Telegram inline buttons: a keyboard row holds at most 8 buttons, and a label should stay short
// enough to read on a phone; callback_data carries indexes, so labels never travel in it.
const Prompt = SingleLineText(300);
const Option = z.object({ id: ShortId, label: SingleLineText(60) });

const options = z
  .array(Option)
  .min(2, { error: withField('une question à choix doit proposer au moins 2 options') })
  .max(10)
  .refine((opts) => new Set(opts.map((o) => o.id)).size === opts.length, {
    error: withField('deux options ont le même identifiant'),
    params: { rule: 'option_ids_unique' },
  });

/**
 * Skip logic: the question is shown only when an earlier question (single or multiple choice,
 * yes/no) got one of these answers — option ids, or `yes` / `no`. A question whose condition
 * names a question that was itself not shown is not shown either (see `shownQuestions`).
 */
export const ShowIf = z.object({
  questionId: ShortId.describe('Question précédente (choix unique, choix multiple ou oui/non) dont dépend celle-ci'),
  anyOf: z
    .array(ShortId)
    .min(1, { error: withField('indiquez au moins une réponse qui fait apparaître la question') })
    .max(10)
    .describe('Réponses qui font apparaître la question : identifiants d’options, ou « yes » / « no »'),
});
export type ShowIf = z.infer<typeof ShowIf>;

/** Fields every kind of question has: its id, its prompt, and when it is shown (always, by default). */
const common = { id: ShortId, prompt: Prompt, showIf: ShowIf.optional() };

export const SingleChoiceQuestion = z.object({
  kind: z.literal('single_choice'),
  ...common,
  options,
});
export const MultipleChoiceQuestion = z
  .object({
    kind: z.literal('multiple_choice'),
    ...common,
    options,
    min: z.number().int().min(0).default(1),
    max: z.number().int().min(1).optional(),
  })
  .refine((q) => (q.max ?? q.options.length) <= q.options.length, {
    path: ['max'],
    error: withField('max ne peut pas dépasser le nombre d’options'),
    params: { rule: 'max_at_most_options' },
  })
  .refine((q) => q.min <= (q.max ?? q.options.length), {
    path: ['min'],
    error: withField('min ne peut pas dépasser max'),
    params: { rule: 'min_at_most_max' },
  });
export const ScaleQuestion = z
  .object({
    kind: z.literal('scale'),
    ...common,
    min: z.number().int().min(0).max(10).default(1),
    max: z.number().int().min(1).max(10).default(5),
    minLabel: SingleLineText(40),
    maxLabel: SingleLineText(40),
  })
  .refine((q) => q.max > q.min && q.max - q.min <= 10, {
    path: ['max'],
    error: withField('une échelle va de min à max, avec au plus 11 crans'),
    params: { rule: 'scale_range' },
  });
export const YesNoQuestion = z.object({ kind: z.literal('yes_no'), ...common });
export const ShortTextQuestion = z.object({
  kind: z.literal('short_text'),
  ...common,
  maxLength: z.number().int().min(1).max(1000).default(280),
});
/** The citizen puts 3 to 5 options in order, best first; the answer is every option id, in that order. */
export const RankingQuestion = z.object({
  kind: z.literal('ranking'),
  ...common,
  options: z
    .array(Option)
    .min(3, { error: withField('un classement porte sur 3 à 5 options') })
    .max(5, { error: withField('un classement porte sur 3 à 5 options') })
    .refine((opts) => new Set(opts.map((o) => o.id)).size === opts.length, {
      error: withField('deux options ont le même identifiant'),
      params: { rule: 'option_ids_unique' },
    }),
});

export const Question = z.discriminatedUnion('kind', [
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  ScaleQuestion,
  YesNoQuestion,
  ShortTextQuestion,
  RankingQuestion,
]);
export type Question = z.infer<typeof Question>;
export type QuestionKind = Question['kind'];

/** Kinds whose answer can make a later question appear (skip logic). */
export const CONDITION_KINDS = [
  'single_choice',
  'multiple_choice',
  'yes_no',
] as const satisfies readonly QuestionKind[];

/** The values a `showIf.anyOf` may name for a question: its option ids, or `yes` / `no`. */
export function conditionValues(question: Question): string[] | undefined {
  if (question.kind === 'yes_no') return ['yes', 'no'];
  if (question.kind === 'single_choice' || question.kind === 'multiple_choice')
    return question.options.map((o) => o.id);
  return undefined;
}

/**
 * Why a list of questions' skip logic is unsound, as violations (empty when sound). Each condition
 * names an earlier question of a choice kind and values it can take; the first question has no
 * condition. Then every path through the questionnaire ends, and every question is shown on some
 * path: conditions only look back, and each names an answer its question offers.
 */
export function skipLogicViolations(
  questions: readonly Question[],
): { index: number; rule: string; message: string }[] {
  const violations: { index: number; rule: string; message: string }[] = [];
  questions.forEach((question, index) => {
    const showIf = question.showIf;
    if (!showIf) return;
    const at = questions.findIndex((q) => q.id === showIf.questionId);
    const earlier = at >= 0 && at < index ? questions[at]! : undefined;
    if (!earlier) {
      violations.push({
        index,
        rule: 'show_if_earlier_question',
        message:
          at < 0
            ? `la condition porte sur une question « ${showIf.questionId} » : aucune question « ${showIf.questionId} » n’existe dans ce questionnaire`
            : `la condition porte sur la question ${at + 1} (« ${questions[at]!.prompt} »), posée après celle-ci ou elle-même : une condition ne peut porter que sur une question posée avant`,
      });
      return;
    }
    const values = conditionValues(earlier);
    if (!values) {
      violations.push({
        index,
        rule: 'show_if_choice_question',
        message: `la condition porte sur la question ${at + 1} (« ${earlier.prompt} ») : elle doit porter sur une question à choix unique, à choix multiple ou oui/non`,
      });
      return;
    }
    const unknown = showIf.anyOf.filter((v) => !values.includes(v));
    if (unknown.length)
      violations.push({
        index,
        rule: 'show_if_known_answer',
        message: `la condition nomme une réponse que la question ${at + 1} (« ${earlier.prompt} ») ne propose pas : ${unknown.join(', ')}`,
      });
  });
  return violations;
}

/** The value(s) an answer gives a condition: option ids, or `yes` / `no`. */
const conditionValuesOf = (answer: unknown): string[] =>
  typeof answer === 'boolean' ? [answer ? 'yes' : 'no'] : Array.isArray(answer) ? answer.map(String) : [];

/**
 * The questions shown for these answers, in order: a question with a condition is shown when the
 * question it names was shown and its answer is one of `anyOf`. Answers to questions no longer
 * shown (the citizen changed an earlier answer) are ignored, never deleted.
 */
export function shownQuestions<Q extends Pick<Question, 'id' | 'showIf'>>(
  questions: readonly Q[],
  answers: Readonly<Record<string, unknown>>,
): Q[] {
  const shown = new Set<string>();
  const out: Q[] = [];
  for (const question of questions) {
    const c = question.showIf;
    if (c && !(shown.has(c.questionId) && conditionValuesOf(answers[c.questionId]).some((v) => c.anyOf.includes(v))))
      continue;
    shown.add(question.id);
    out.push(question);
  }
  return out;
}

/** How many questions a citizen may be asked: those always shown, and all of them. */
export function questionCountRange(questions: readonly Pick<Question, 'showIf'>[]): { min: number; max: number } {
  return { min: questions.filter((q) => !q.showIf).length, max: questions.length };
}

/**
 * Who may see a questionnaire's results: everyone once it has closed (the default), everyone while
 * it is open, or the agents only. The public outputs (results page, JSON, CSV, open-data index)
 * read this and nothing else; `private` makes their URLs answer 404.
 */
export const RESULTS_POLICIES = ['public_after_close', 'public_live', 'private'] as const;
export const ResultsPolicy = z.enum(RESULTS_POLICIES);
export type ResultsPolicy = z.infer<typeof ResultsPolicy>;

export const RESULTS_POLICY_LABELS: Record<ResultsPolicy, string> = {
  public_after_close: 'publics à la clôture',
  public_live: 'publics pendant la consultation',
  private: 'privés (agents seulement)',
};

const QuestionnaireFields = z.object({
  title: SingleLineText(200),
  intro: MultiLineText(1000, 0).optional(),
  demarcheSlug: Slug.optional(),
  questions: z
    .array(Question)
    .min(1, { error: withField('un questionnaire a au moins une question') })
    .max(10, { error: withField('un questionnaire a au plus 10 questions') })
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
      error: withField('deux questions ont le même identifiant'),
      params: { rule: 'question_ids_unique' },
    })
    .superRefine((qs, ctx) => {
      for (const v of skipLogicViolations(qs))
        ctx.addIssue({
          code: 'custom',
          path: [v.index, 'showIf'],
          message: atField(['questions', v.index, 'showIf'], v.message),
          params: { rule: v.rule },
        });
    }),
  opensAt: Instant,
  closesAt: Instant,
  resultsPolicy: ResultsPolicy.default('public_after_close').describe(
    'Qui voit les résultats : tout le monde à la clôture, tout le monde pendant la consultation, ou les agents seulement',
  ),
  /**
   * A single-choice or yes/no question whose answers split the public results into groups (a
   * cross-tabulation); every cell under the small-group threshold is hidden.
   */
  breakdownBy: ShortId.optional().describe(
    'Question (choix unique ou oui/non) qui répartit les résultats publics en groupes (tableau croisé)',
  ),
  /** Set by the évaluation template: the démarche this questionnaire evaluates (comparison table). */
  evaluationOf: Slug.optional().describe('Démarche évaluée par ce questionnaire (modèle « évaluation »)'),
  nextSteps: MultiLineText(1000).describe('« Et après ? » : ce que deviennent les réponses'),
});

export const QuestionnaireInput = QuestionnaireFields.refine((q) => q.closesAt > q.opensAt, {
  path: ['closesAt'],
  error: withField('la clôture doit suivre l’ouverture'),
  params: { rule: 'closes_after_opens' },
}).refine(
  (q) =>
    q.breakdownBy === undefined ||
    q.questions.some(
      (question) => question.id === q.breakdownBy && ['single_choice', 'yes_no'].includes(question.kind),
    ),
  {
    path: ['breakdownBy'],
    error: withField('le tableau croisé se fait selon une question à choix unique ou oui/non du questionnaire'),
    params: { rule: 'breakdown_by_single_choice' },
  },
);
export type QuestionnaireInput = z.input<typeof QuestionnaireInput>;

/** Sent to those who answered, once, whichever came first: the results' publication or the démarche's synthesis or decision. */
export const Restitution = z.object({
  campaignId: ShortId,
  at: Instant,
  trigger: z.enum(['published', 'step']),
});
export type Restitution = z.infer<typeof Restitution>;

export const Questionnaire = z.object({
  ...QuestionnaireFields.shape,
  id: ShortId,
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
  /**
   * Set when the policy went from `private` to public: responses first given before this instant
   * were promised private and never reach a public output.
   */
  publicFrom: Instant.optional().describe(
    'Les réponses données avant cet instant l’ont été sous la promesse « résultats privés » : elles restent hors des sorties publiques',
  ),
  /** When an agent published the results (feed item, X draft, « Voici ce que vous avez dit »). */
  publishedAt: Instant.optional(),
  restitution: Restitution.optional(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;

/** The fields only the system writes: kept as they are when an agent edits the questionnaire. */
export type QuestionnaireState = Pick<Questionnaire, 'publicFrom' | 'publishedAt' | 'restitution'>;

export type QuestionnairePhase = 'upcoming' | 'open' | 'closed';
export const questionnairePhase = (q: Pick<Questionnaire, 'opensAt' | 'closesAt'>, now: Date): QuestionnairePhase => {
  const t = now.toISOString();
  if (t < q.opensAt) return 'upcoming';
  return t < q.closesAt ? 'open' : 'closed';
};
