// The builder's fields as the agent reads them, for violations (« Question 2, maximum : … »).
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
      },
    },
  },
};
