// The builder's fields as the agent reads them, for violations (« Question 2, maximum : … »), and
// a question's condition (skip logic) in words.
import { type Question, type ShowIf, conditionValues } from '#core/questionnaires/questionnaire';
import type { FieldLabels } from '../../ui/field-labels';

export const QUESTIONNAIRE_LABELS: FieldLabels = {
  fields: {
    title: 'Titre',
    intro: 'Introduction',
    demarcheSlug: 'Démarche liée',
    opensAt: 'Ouverture',
    closesAt: 'Clôture',
    resultsPolicy: 'Résultats',
    breakdownBy: 'Tableau croisé',
    nextSteps: '« Et après ? »',
    questions: 'Questions',
  },
  rows: {
    questions: {
      row: 'Question',
      fields: {
        kind: 'type',
        prompt: 'intitulé',
        options: 'option',
        min: 'minimum',
        max: 'maximum',
        minLabel: 'libellé de la note basse',
        maxLabel: 'libellé de la note haute',
        maxLength: 'longueur maximale',
        showIf: 'condition « Afficher seulement si… »',
      },
    },
  },
};

/** How the builder names the answers a condition may tick: option labels, « Oui » / « Non ». */
export function conditionAnswers(question: Question): { value: string; label: string }[] {
  if (question.kind === 'yes_no')
    return [
      { value: 'yes', label: 'Oui' },
      { value: 'no', label: 'Non' },
    ];
  return 'options' in question && conditionValues(question)
    ? question.options.map((o) => ({ value: o.id, label: o.label }))
    : [];
}

/** « Posée seulement si la réponse à la question 1 (« Comment venez-vous ? ») est « Vélo » ou « Marche ». » */
export function conditionText(showIf: ShowIf, questions: readonly Question[]): string {
  const at = questions.findIndex((q) => q.id === showIf.questionId);
  const on = questions[at];
  if (!on) return `Posée seulement selon la réponse à une question « ${showIf.questionId} » absente du questionnaire.`;
  const labels = conditionAnswers(on);
  const answers = showIf.anyOf.map((v) => `« ${labels.find((a) => a.value === v)?.label ?? v} »`).join(' ou ');
  return `Posée seulement si la réponse à la question ${at + 1} (« ${on.prompt} ») est ${answers}.`;
}
