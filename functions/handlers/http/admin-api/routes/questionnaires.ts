// Admin routes for questionnaires, their results and the open-data export of their responses.
import { z } from '@hono/zod-openapi';
import { responsesCsv } from '#core/questionnaires/export';
import { Questionnaire, QuestionnaireInput } from '#core/questionnaires/questionnaire';
import { QuestionnaireResults } from '#core/questionnaires/results';
import {
  QuestionnairePatch,
  allResponses,
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  readResults,
  updateQuestionnaire,
} from '#core/questionnaires/use-cases';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, IfMatchHeader, adminRoute, jsonBody, jsonResponse } from '../route';
import { PaginationQuery, pageBody, pageOf, versioned } from './common';

const tag = 'Questionnaires';
const QuestionnaireSchema = Questionnaire.meta({ id: 'Questionnaire' });
const QuestionnaireId = IdParam('du questionnaire');

const list = adminRoute({
  method: 'get',
  path: '/api/v1/questionnaires',
  operationId: 'listQuestionnaires',
  tag,
  role: 'viewer',
  summary: 'Lister les questionnaires',
  request: { query: PaginationQuery },
  responses: { 200: jsonResponse(pageOf(QuestionnaireSchema), 'Une page de questionnaires') },
});

const create = adminRoute({
  method: 'post',
  path: '/api/v1/questionnaires',
  operationId: 'createQuestionnaire',
  tag,
  role: 'editor',
  summary: 'Créer un questionnaire (1 à 10 questions)',
  request: { body: jsonBody(QuestionnaireInput.meta({ id: 'QuestionnaireInput' }), 'Le questionnaire') },
  responses: { 201: jsonResponse(QuestionnaireSchema, 'Le questionnaire créé', true) },
});

const read = adminRoute({
  method: 'get',
  path: '/api/v1/questionnaires/{id}',
  operationId: 'getQuestionnaire',
  tag,
  role: 'viewer',
  summary: 'Lire un questionnaire',
  request: { params: QuestionnaireId },
  responses: { 200: jsonResponse(QuestionnaireSchema, 'Le questionnaire', true) },
});

const ConfirmPublicationQuery = z.object({
  confirmPublication: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .meta({
      param: {
        description:
          'Confirme le passage de résultats privés à publics (sans elle : 409 `publication_needs_confirmation`, ' +
          'dont le message dit ce qui deviendra public). Seules les réponses reçues à partir de maintenant y comptent.',
      },
    }),
});

const update = adminRoute({
  method: 'patch',
  path: '/api/v1/questionnaires/{id}',
  operationId: 'updateQuestionnaire',
  tag,
  role: 'editor',
  summary: 'Modifier un questionnaire (JSON Merge Patch ; ses questions sont figées une fois ouvert)',
  description:
    'Sans changement, rien n’est écrit. Passer `resultsPolicy` de `private` à une politique publique demande ' +
    '`confirmPublication=true` et fixe `publicFrom` à maintenant : les réponses déjà reçues, promises privées, ' +
    'restent hors de toute sortie publique. Repasser en `private` s’applique aussitôt (les adresses publiques répondent 404).',
  request: {
    params: QuestionnaireId,
    query: ConfirmPublicationQuery,
    headers: IfMatchHeader,
    body: jsonBody(
      QuestionnairePatch.meta({ id: 'QuestionnairePatch' }),
      'Les champs à changer ; `null` retire un champ facultatif',
    ),
  },
  responses: { 200: jsonResponse(QuestionnaireSchema, 'Le questionnaire, modifié ou inchangé', true) },
});

const results = adminRoute({
  method: 'get',
  path: '/api/v1/questionnaires/{id}/results',
  operationId: 'getQuestionnaireResults',
  tag,
  role: 'viewer',
  summary: 'Résultats : nombre de répondants, décompte par option, moyenne des échelles',
  request: { params: QuestionnaireId },
  responses: {
    200: jsonResponse(
      QuestionnaireResults.meta({ id: 'QuestionnaireResults' }),
      'Les résultats, recomptés à partir des réponses',
    ),
  },
});

const csv = adminRoute({
  method: 'get',
  path: '/api/v1/questionnaires/{id}/responses.csv',
  operationId: 'exportQuestionnaireResponses',
  tag,
  // The written answers as citizens wrote them, before moderation: editors only.
  role: 'editor',
  summary:
    'Export CSV des réponses, réponses écrites d’origine comprises (avant modération) : une ligne par répondant, identifié par un pseudonyme seulement',
  request: { params: QuestionnaireId },
  responses: {
    200: {
      description: 'CSV UTF-8 (séparateur « ; »)',
      content: { 'text/csv': { schema: z.string() } },
    },
  },
});

export function questionnaireRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(list, async (c) => c.json(pageBody(await listQuestionnaires(deps, c.req.valid('query'))), 200));
  app.openapi(create, async (c) =>
    c.json(versioned(c, await createQuestionnaire(deps, c.get('agent'), c.req.valid('json'))), 201),
  );
  app.openapi(read, async (c) => c.json(versioned(c, await getQuestionnaire(deps, c.req.valid('param').id)), 200));
  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const next = await updateQuestionnaire(
      deps,
      c.get('agent'),
      id,
      c.req.valid('json'),
      c.req.valid('header')['If-Match'],
      { confirmPublication: c.req.valid('query').confirmPublication },
    );
    return c.json(versioned(c, next), 200);
  });
  app.openapi(results, async (c) => c.json(await readResults(deps, c.req.valid('param').id), 200));
  app.openapi(csv, async (c) => {
    const questionnaire = await getQuestionnaire(deps, c.req.valid('param').id);
    const text = responsesCsv(questionnaire, await allResponses(deps, questionnaire.id));
    return c.body(text, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="reponses-${questionnaire.id}.csv"`,
    });
  });
}
