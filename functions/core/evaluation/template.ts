// The évaluation of a démarche: the same four questions for every démarche, with fixed ids, so its
// results line up across démarches in one table (comparison.ts). Proposed once the last step is reached.
import type { Demarche } from '../demarches/demarche';
import type { QuestionnaireInput } from '../questionnaires/questionnaire';

/** Fixed question ids: the comparison reads the answers by them, whatever the démarche. */
export const EVALUATION_QUESTIONS = {
  clarity: 'eval-clarte',
  heard: 'eval-ecoute',
  again: 'eval-revenir',
  comment: 'eval-texte',
} as const;

export const EVALUATION_TITLE = 'Qu’avez-vous pensé de cette démarche ?';

/** Three weeks: long enough for a message sent in a few days to be answered. */
const OPEN_DAYS = 21;

export function evaluationTemplate(demarche: Pick<Demarche, 'slug' | 'title'>, now: Date): QuestionnaireInput {
  const closesAt = new Date(now.getTime() + OPEN_DAYS * 24 * 3600 * 1000);
  return {
    title: `${EVALUATION_TITLE} — ${demarche.title}`.slice(0, 200),
    intro:
      `La démarche « ${demarche.title} » arrive à sa dernière étape. Quatre questions, une minute : ` +
      'vos réponses nous aident à mieux informer et mieux écouter lors des prochaines démarches.',
    demarcheSlug: demarche.slug,
    evaluationOf: demarche.slug,
    questions: [
      {
        kind: 'scale',
        id: EVALUATION_QUESTIONS.clarity,
        prompt: 'Les informations données sur la démarche étaient-elles claires ?',
        min: 1,
        max: 5,
        minLabel: 'Pas claires du tout',
        maxLabel: 'Très claires',
      },
      {
        kind: 'scale',
        id: EVALUATION_QUESTIONS.heard,
        prompt: 'Avez-vous eu le sentiment d’être écouté·e ?',
        min: 1,
        max: 5,
        minLabel: 'Pas du tout',
        maxLabel: 'Tout à fait',
      },
      {
        kind: 'yes_no',
        id: EVALUATION_QUESTIONS.again,
        prompt: 'Participeriez-vous à nouveau à une démarche comme celle-ci ?',
      },
      {
        kind: 'short_text',
        id: EVALUATION_QUESTIONS.comment,
        prompt: 'Un mot pour nous aider à faire mieux la prochaine fois ?',
        maxLength: 500,
      },
    ],
    opensAt: now.toISOString(),
    closesAt: closesAt.toISOString(),
    resultsPolicy: 'public_after_close',
    nextSteps:
      'Les résultats de cette évaluation seront publiés à sa clôture, à côté de ceux des autres démarches. ' +
      'L’équipe de la participation citoyenne s’en sert pour améliorer l’information et l’écoute des prochaines démarches ; ' +
      'les réponses écrites ne sont publiées qu’après relecture, sans rien qui permette de vous reconnaître.',
  };
}
