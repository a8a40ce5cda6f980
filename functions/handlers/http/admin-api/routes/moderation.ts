// Admin routes for the moderation of written answers: a questionnaire's queue (the original text
// for editors only, as in the console) and one decision on one text, versioned with If-Match.
import { z } from '@hono/zod-openapi';
import { hasRole } from '#core/agents/agent';
import { ModerationDecision } from '#core/moderation/decision';
import { QueueCounts, QueueEntry, QueueStatus } from '#core/moderation/queue';
import { DecisionInput, decideText, moderationQueue } from '#core/moderation/use-cases';
import { ShortId } from '#core/shared/schema';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IfMatchHeader, adminRoute, jsonBody, jsonResponse } from '../route';
import { versioned } from './common';

const tag = 'Modération';
const QuestionnaireParam = ShortId.meta({ param: { description: 'Identifiant du questionnaire' } });

const queue = adminRoute({
  method: 'get',
  path: '/api/v1/questionnaires/{id}/moderation',
  operationId: 'getModerationQueue',
  tag,
  role: 'viewer',
  summary: 'File de modération : chaque réponse écrite distincte, masquée, avec sa décision',
  description:
    'Les numéros de téléphone, adresses e-mail et adresses postales sont masqués dans `masked` ; le texte original (`original`) n’est donné qu’aux rédacteur·rices et administrateur·rices.',
  request: {
    params: z.object({ id: QuestionnaireParam }),
    query: z.object({
      status: QueueStatus.optional().meta({
        param: { description: 'À modérer (pending), approuvés (approved) ou rejetés (rejected) ; tous sans filtre' },
      }),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          questionnaireId: ShortId,
          counts: QueueCounts.meta({ id: 'ModerationCounts' }),
          items: z.array(QueueEntry.meta({ id: 'ModerationQueueEntry' })),
        })
        .meta({ id: 'ModerationQueue' }),
      'La file, recalculée à partir des réponses',
    ),
  },
});

const decide = adminRoute({
  method: 'put',
  path: '/api/v1/questionnaires/{id}/moderation/{questionId}/{textHash}',
  operationId: 'decideModeration',
  tag,
  role: 'editor',
  summary: 'Approuver ou rejeter un texte (ou changer la décision)',
  description:
    'Un rejet demande une raison (`reason_required`) ; chaque passage retiré doit figurer dans le texte masqué (`redaction_not_found`). Chaque décision est inscrite au journal, sans le texte original.',
  request: {
    params: z.object({
      id: QuestionnaireParam,
      questionId: ShortId.meta({ param: { description: 'Identifiant de la question à réponse écrite' } }),
      textHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .meta({ param: { description: 'SHA-256 (hexadécimal) du texte original, tel que la file le donne' } }),
    }),
    headers: IfMatchHeader,
    body: jsonBody(
      z
        .strictObject(DecisionInput.omit({ questionnaireId: true, questionId: true, textHash: true }).shape)
        .meta({ id: 'ModerationDecisionInput' }),
      'La décision',
    ),
  },
  responses: { 200: jsonResponse(ModerationDecision.meta({ id: 'ModerationDecision' }), 'La décision prise', true) },
});

export function moderationRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(queue, async (c) => {
    const result = await moderationQueue(deps, c.req.valid('param').id, c.req.valid('query').status);
    // A viewer reads the queue as the public would read the texts: masked, never the original.
    const items = hasRole(c.get('agent').role, 'editor')
      ? result.items
      : result.items.map(({ original: _original, ...entry }) => entry);
    return c.json({ ...result, items }, 200);
  });
  app.openapi(decide, async (c) => {
    const { id, questionId, textHash } = c.req.valid('param');
    const decision = await decideText(
      deps,
      c.get('agent'),
      { ...c.req.valid('json'), questionnaireId: id, questionId, textHash },
      c.req.valid('header')['If-Match'],
    );
    return c.json(versioned(c, decision), 200);
  });
}
