// Shared material for the restitution tests: a questionnaire of every countable kind, a démarche
// whose steps the tests move, and responses written straight to the store (the source of truth).
import { Demarche } from '#core/demarches/demarche';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Response } from '#core/questionnaires/response';
import type { Store } from '#core/store';

export const NOW = '2026-11-25T10:00:00.000Z';
export const AGENT = { agentId: 'ag1', name: 'Camille' };

export const questionnaireOf = (id: string, fields: Partial<Questionnaire> = {}) =>
  Questionnaire.parse({
    id,
    title: 'Le parc des Chantiers',
    questions: [
      {
        kind: 'single_choice',
        id: 'freq',
        prompt: 'Vous y allez…',
        options: [
          { id: 'souvent', label: 'Souvent' },
          { id: 'jamais', label: 'Jamais' },
        ],
      },
      { kind: 'yes_no', id: 'revenir', prompt: 'Reviendrez-vous ?' },
      { kind: 'scale', id: 'note', prompt: 'Votre note', min: 1, max: 5, minLabel: 'bof', maxLabel: 'top' },
      { kind: 'short_text', id: 'mot', prompt: 'Un mot', maxLength: 100 },
    ],
    opensAt: '2026-11-01T00:00:00Z',
    closesAt: '2026-11-20T17:00:00Z',
    resultsPolicy: 'public_after_close',
    nextSteps: 'Une synthèse sera présentée en conseil de quartier.',
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    version: 1,
    ...fields,
  });

export const demarcheOf = (slug: string, steps: { kind: string; start: string }[] = []) =>
  Demarche.parse({
    slug,
    title: 'Parc des Chantiers',
    summary: 'Un parc à imaginer ensemble.',
    link: `https://example.org/${slug}`,
    themes: ['environnement'],
    territories: ['nantes'],
    steps: steps.map((s, i) => ({ id: `s${i}`, title: `Étape ${i}`, ...s })),
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    version: 1,
  });

export const responseOf = (
  questionnaireId: string,
  subscriberId: string,
  answers: Response['answers'],
  createdAt = '2026-11-10T10:00:00.000Z',
): Response => ({
  questionnaireId,
  subscriberId,
  answers,
  complete: Object.keys(answers).length === 4,
  createdAt,
  updatedAt: createdAt,
  version: 1,
});

/** Five responses: 3 « souvent » of 5 (60 %), 3 « oui » of 4 (75 %), notes 4, 5, 3 (mean 4), 2 texts. */
export async function seedResponses(store: Store, questionnaireId: string) {
  const answers: Response['answers'][] = [
    { freq: ['souvent'], revenir: true, note: 4, mot: 'Plus d’arbres, appelez-moi au 06 12 34 56 78' },
    { freq: ['souvent'], revenir: true, note: 5, mot: 'Des bancs' },
    { freq: ['jamais'], revenir: false, note: 3 },
    { freq: ['souvent'], revenir: true },
    { freq: ['jamais'] },
  ];
  for (const [i, a] of answers.entries())
    await store.responses.save(responseOf(questionnaireId, `sub${i}`, a), undefined);
}
