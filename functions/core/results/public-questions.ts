// Each question's public figures (counts and shares of those who answered it, scale distribution
// and mean, yes/no, written answers moderated and grouped) and the cross-tabulation by one
// question's groups, every small cell hidden. Texts reach here only through `publicTexts`.
import * as z from 'zod';
import type { Question, Questionnaire } from '../questionnaires/questionnaire';
import { type Response, countedAnswers } from '../questionnaires/response';
import { rankingTally, shownCounts } from '../questionnaires/results';
import type { PublicText } from '../moderation/decision';
import { ProtectedCount, protectClusters, protectTable } from './small-groups';

const Share = z
  .number()
  .min(0)
  .max(100)
  .describe('Part, en pourcentage des personnes ayant répondu à la question (arrondie au dixième)');
const Count = z.number().int().min(0);
const Tally = z.object({ count: Count.describe('Nombre de réponses'), share: Share });

const asked = {
  questionId: z.string().describe('Identifiant de la question'),
  prompt: z.string().describe('Intitulé de la question'),
  answered: Count.describe('Personnes ayant répondu à cette question (la base des parts)'),
  shownIf: z
    .object({
      questionId: z.string(),
      prompt: z.string().describe('Intitulé de la question dont elle dépend'),
      answers: z.array(z.string()).describe('Réponses à cette question qui la font poser'),
    })
    .optional()
    .describe('Question conditionnelle : posée seulement après l’une de ces réponses à une question précédente'),
  shownTo: Count.optional().describe(
    'Question conditionnelle : personnes à qui elle a été posée selon leurs réponses précédentes',
  ),
};

export const PublicQuestion = z.discriminatedUnion('kind', [
  z
    .object({
      ...asked,
      kind: z.enum(['single_choice', 'multiple_choice']).describe('Choix unique ou multiple'),
      options: z.array(z.object({ id: z.string(), label: z.string().describe('Libellé de l’option'), ...Tally.shape })),
    })
    .describe('Question à choix ; en choix multiple, le total des parts dépasse 100 %'),
  z
    .object({
      ...asked,
      kind: z.literal('scale'),
      min: z.number().int(),
      max: z.number().int(),
      minLabel: z.string(),
      maxLabel: z.string(),
      distribution: z.array(z.object({ value: z.number().int().describe('Note'), ...Tally.shape })),
      mean: z.number().nullable().describe('Moyenne arrondie au centième ; null sans réponse'),
    })
    .describe('Échelle de notes'),
  z
    .object({ ...asked, kind: z.literal('yes_no'), yes: Tally.describe('Oui'), no: Tally.describe('Non') })
    .describe('Question oui/non'),
  z
    .object({
      ...asked,
      kind: z.literal('short_text'),
      published: Count.describe('Réponses libres approuvées par un agent et publiées ici'),
      clusters: z
        .array(z.object({ label: z.string(), count: Count, texts: z.array(z.string()) }))
        .describe('Groupes de réponses qui disent la même chose (au moins le seuil de petits effectifs)'),
      others: z.array(z.string()).describe('« Autres réponses » : approuvées, hors groupe ou d’un groupe trop petit'),
    })
    .describe('Réponse libre : seules les réponses approuvées, coordonnées masquées et passages retirés'),
  z
    .object({
      ...asked,
      kind: z.literal('ranking'),
      options: z.array(
        z.object({
          id: z.string(),
          label: z.string().describe('Libellé de l’option'),
          meanRank: z
            .number()
            .nullable()
            .describe('Rang moyen (1 = classée première), arrondi au centième ; null sans réponse'),
          first: Tally.describe('Personnes qui l’ont classée première'),
        }),
      ),
    })
    .describe('Classement : chaque option avec son rang moyen et le nombre de fois classée première'),
]);
export type PublicQuestion = z.infer<typeof PublicQuestion>;

const Choice = z.object({ id: z.string(), label: z.string() });

export const CrossTabulation = z
  .object({
    by: z.object({ questionId: z.string(), prompt: z.string() }).describe('Question qui répartit en groupes'),
    groups: z.array(Choice).describe('Les groupes (réponses à la question de répartition)'),
    tables: z.array(
      z.object({
        questionId: z.string(),
        prompt: z.string(),
        columns: z.array(Choice),
        rows: z.array(
          z.object({
            groupId: z.string(),
            cells: z.array(ProtectedCount).describe('Un effectif par colonne'),
            total: ProtectedCount.describe(
              'Total de la ligne (en choix multiple, une personne compte pour chaque option choisie)',
            ),
          }),
        ),
        totals: z.array(ProtectedCount).describe('Total par colonne'),
        total: ProtectedCount.describe('Personnes ayant répondu aux deux questions'),
      }),
    ),
  })
  .describe(
    'Tableau croisé : chaque effectif sous le seuil est masqué (« moins de 5 »), et ceux qui permettraient de le recalculer aussi',
  );
export type CrossTabulation = z.infer<typeof CrossTabulation>;

const share = (count: number, answered: number) => (answered > 0 ? Math.round((count / answered) * 1000) / 10 : 0);
const tally = (count: number, answered: number) => ({ count, share: share(count, answered) });

/**
 * One question's figures. `responses` carry only the answers that count (`countedAnswers`): an
 * answer to a question the respondent was no longer shown is left out.
 */
export function publicQuestion(
  question: Question,
  responses: readonly Response[],
  texts: readonly PublicText[],
  threshold: number,
): PublicQuestion {
  const answers = responses.map((r) => r.answers[question.id]).filter((a) => a !== undefined);
  const base = { questionId: question.id, prompt: question.prompt, answered: answers.length };
  const n = answers.length;
  switch (question.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return {
        ...base,
        kind: question.kind,
        options: question.options.map((o) => ({
          id: o.id,
          label: o.label,
          ...tally(answers.filter((a) => Array.isArray(a) && a.includes(o.id)).length, n),
        })),
      };
    case 'scale': {
      const values = answers.filter((a): a is number => typeof a === 'number');
      const distribution = [];
      for (let v = question.min; v <= question.max; v++)
        distribution.push({ value: v, ...tally(values.filter((x) => x === v).length, n) });
      const mean = values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100 : null;
      const { min, max, minLabel, maxLabel } = question;
      return { ...base, kind: 'scale', min, max, minLabel, maxLabel, distribution, mean };
    }
    case 'yes_no':
      return {
        ...base,
        kind: 'yes_no',
        yes: tally(answers.filter((a) => a === true).length, n),
        no: tally(answers.filter((a) => a === false).length, n),
      };
    case 'short_text': {
      const mine = texts.filter((t) => t.questionId === question.id);
      const { clusters, others } = protectClusters(mine, threshold);
      return {
        ...base,
        kind: 'short_text',
        published: mine.length,
        clusters: clusters.map((c) => ({ label: c.label, count: c.texts.length, texts: c.texts.map((t) => t.text) })),
        others: others.map((t) => t.text),
      };
    }
    case 'ranking':
      return {
        ...base,
        kind: 'ranking',
        options: rankingTally(question, answers).map((o) => ({ ...o, first: tally(o.first, n) })),
      };
  }
}

/** The answers of the condition `question.showIf` names, as a reader reads them. */
function conditionOf(question: Question, questions: readonly Question[]): PublicQuestion['shownIf'] {
  const showIf = question.showIf;
  const on = showIf && questions.find((q) => q.id === showIf.questionId);
  if (!showIf || !on) return undefined;
  const labels = choicesOf(on);
  return {
    questionId: on.id,
    prompt: on.prompt,
    answers: showIf.anyOf.map((value) => labels.find((c) => c.value === value)?.label ?? value),
  };
}

/** Every question's figures, counting only the answers to questions each respondent was shown. */
export function publicQuestions(
  questionnaire: Pick<Questionnaire, 'questions'>,
  responses: readonly Response[],
  texts: readonly PublicText[],
  threshold: number,
): PublicQuestion[] {
  const counted = countedResponses(questionnaire, responses);
  const shown = shownCounts(questionnaire, responses);
  return questionnaire.questions.map((question) => {
    const result = publicQuestion(question, counted, texts, threshold);
    const shownIf = conditionOf(question, questionnaire.questions);
    const shownTo = shown.get(question.id);
    return { ...result, ...(shownIf ? { shownIf } : {}), ...(shownTo === undefined ? {} : { shownTo }) };
  });
}

/** The responses with only their answers that count (skip logic): what every public figure is made from. */
export const countedResponses = (q: Pick<Questionnaire, 'questions'>, responses: readonly Response[]): Response[] =>
  responses.map((r) => ({ ...r, answers: countedAnswers(q, r.answers) }));

/** The groups a choice or yes/no question splits respondents into, and who is in each. */
function choicesOf(
  question: Question,
): { id: string; value: string; label: string; holds: (answer: unknown) => boolean }[] {
  if (question.kind === 'yes_no')
    return [
      { id: 'oui', value: 'yes', label: 'Oui', holds: (a) => a === true },
      { id: 'non', value: 'no', label: 'Non', holds: (a) => a === false },
    ];
  if (question.kind === 'single_choice' || question.kind === 'multiple_choice')
    return question.options.map((o) => ({
      id: o.id,
      value: o.id,
      label: o.label,
      holds: (a) => Array.isArray(a) && a.includes(o.id),
    }));
  return [];
}

/** Every other choice or yes/no question, by the groups of `questionnaire.breakdownBy`; hidden answers left out. */
export function crossTabulation(
  questionnaire: Questionnaire,
  responses: readonly Response[],
  threshold: number,
): CrossTabulation | undefined {
  const by = questionnaire.questions.find((q) => q.id === questionnaire.breakdownBy);
  if (!by) return undefined;
  // Skip logic: an answer to a question no longer shown to that respondent is in no cell.
  const counted = countedResponses(questionnaire, responses);
  const groups = choicesOf(by);
  const tables = questionnaire.questions
    .filter((q) => q.id !== by.id && ['single_choice', 'multiple_choice', 'yes_no'].includes(q.kind))
    .map((question) => {
      const columns = choicesOf(question);
      const both = counted.filter((r) => r.answers[by.id] !== undefined && r.answers[question.id] !== undefined);
      const counts = groups.map((g) =>
        columns.map((c) => both.filter((r) => g.holds(r.answers[by.id]) && c.holds(r.answers[question.id])).length),
      );
      const table = protectTable(counts, threshold);
      return {
        questionId: question.id,
        prompt: question.prompt,
        columns: columns.map(({ id, label }) => ({ id, label })),
        rows: groups.map((g, i) => ({ groupId: g.id, cells: table.cells[i]!, total: table.rowTotals[i]! })),
        totals: table.columnTotals,
        total: both.length < threshold ? { count: null, hidden: 'under_threshold' as const } : { count: both.length },
      };
    });
  return {
    by: { questionId: by.id, prompt: by.prompt },
    groups: groups.map(({ id, label }) => ({ id, label })),
    tables,
  };
}
