// Questionnaires, responses and moderation decisions for the public results' tests, written
// straight to the store (as the bot and the moderation queue would have).
import type { Store } from '#core/store';
import { type ModerationDecision, textHash } from '#core/moderation/decision';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Answer, Response } from '#core/questionnaires/response';

export const NOW = '2026-11-25T10:00:00.000Z';

export function questionnaire(id: string, fields: Partial<Questionnaire> = {}): Questionnaire {
  return {
    id,
    title: `Questionnaire ${id}`,
    opensAt: '2026-11-01T08:00:00.000Z',
    closesAt: '2026-12-20T21:00:00.000Z',
    resultsPolicy: 'public_live',
    nextSteps: 'Les réponses nourrissent l’atelier du 10 décembre.',
    questions: [
      {
        kind: 'single_choice',
        id: 'quartier',
        prompt: 'Votre quartier ?',
        options: [
          { id: 'nord', label: 'Nord' },
          { id: 'sud', label: 'Sud' },
        ],
      },
      { kind: 'yes_no', id: 'velo', prompt: 'À vélo chaque semaine ?' },
      { kind: 'scale', id: 'note', prompt: 'Votre note ?', min: 1, max: 5, minLabel: 'Mauvais', maxLabel: 'Très bien' },
      { kind: 'short_text', id: 'idee', prompt: 'Une idée ?', maxLength: 280 },
    ],
    createdAt: '2026-10-30T08:00:00.000Z',
    updatedAt: '2026-10-30T08:00:00.000Z',
    version: 1,
    ...fields,
  };
}

export async function answer(
  store: Store,
  questionnaireId: string,
  subscriberId: string,
  answers: Record<string, Answer>,
  createdAt = '2026-11-20T09:30:00.000Z',
): Promise<Response> {
  const response: Response = {
    questionnaireId,
    subscriberId,
    answers,
    complete: Object.keys(answers).length === 4,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
  await store.responses.save(response, undefined);
  return response;
}

export async function decide(
  store: Store,
  questionnaireId: string,
  text: string,
  status: ModerationDecision['status'],
  fields: Partial<ModerationDecision> = {},
): Promise<ModerationDecision> {
  const decision: ModerationDecision = {
    questionnaireId,
    questionId: 'idee',
    textHash: textHash(text),
    status,
    redactions: [],
    decidedBy: { agentId: 'agent-1', name: 'Camille' },
    decidedAt: '2026-11-24T09:00:00.000Z',
    version: 1,
    ...fields,
  };
  await store.moderation.save(decision, undefined);
  return decision;
}
