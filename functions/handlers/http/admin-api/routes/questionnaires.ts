// Admin routes for questionnaires and their results.
import * as z from 'zod';
import { Questionnaire, QuestionnaireInput } from '#core/questionnaires/questionnaire';
import { responsesCsv } from '#core/questionnaires/export';
import {
  allResponses,
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  readResults,
  updateQuestionnaire,
} from '#core/questionnaires/use-cases';
import { defineRoute } from '../route';
import { Patch, listOptions, pageBody, pageOf, paginationQuery } from './common';

const tag = 'Questionnaires';

export const questionnaireRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/questionnaires',
    tag,
    role: 'viewer',
    summary: 'Lister les questionnaires',
    query: paginationQuery,
    response: { status: 200, description: 'Une page de questionnaires', schema: pageOf(Questionnaire) },
    handle: async ({ deps, query }) => ({ body: pageBody(await listQuestionnaires(deps, listOptions(query))) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/questionnaires',
    tag,
    role: 'editor',
    summary: 'Créer un questionnaire (1 à 10 questions)',
    body: QuestionnaireInput,
    response: { status: 201, description: 'Le questionnaire créé', schema: Questionnaire },
    handle: async ({ deps, agent, body }) => {
      const questionnaire = await createQuestionnaire(deps, agent, body);
      return { status: 201, body: questionnaire, version: questionnaire.version };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/questionnaires/:id',
    tag,
    role: 'viewer',
    summary: 'Lire un questionnaire',
    response: { status: 200, description: 'Le questionnaire', schema: Questionnaire },
    handle: async ({ deps, params }) => {
      const questionnaire = await getQuestionnaire(deps, params.id!);
      return { body: questionnaire, version: questionnaire.version };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/questionnaires/:id',
    tag,
    role: 'editor',
    summary: 'Modifier un questionnaire (ses questions sont figées une fois ouvert)',
    body: Patch,
    response: { status: 200, description: 'Le questionnaire modifié', schema: Questionnaire },
    handle: async ({ deps, agent, params, body, expectedVersion }) => {
      const questionnaire = await updateQuestionnaire(deps, agent, params.id!, body, expectedVersion);
      return { body: questionnaire, version: questionnaire.version };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/questionnaires/:id/results',
    tag,
    role: 'viewer',
    summary: 'Résultats : nombre de répondants, décompte par option, moyenne des échelles',
    response: {
      status: 200,
      description: 'Les résultats, recomptés à partir des réponses',
      schema: z.record(z.string(), z.unknown()),
    },
    handle: async ({ deps, params }) => ({ body: await readResults(deps, params.id!) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/questionnaires/:id/responses.csv',
    tag,
    role: 'viewer',
    summary:
      'Export CSV des réponses (données ouvertes) : une ligne par répondant, identifié par un pseudonyme seulement',
    response: { status: 200, description: 'CSV UTF-8 (séparateur « ; »)', contentType: 'text/csv' },
    handle: async ({ deps, params }) => {
      const questionnaire = await getQuestionnaire(deps, params.id!);
      const text = responsesCsv(questionnaire, await allResponses(deps, questionnaire.id));
      return { raw: { contentType: 'text/csv; charset=utf-8', text, filename: `reponses-${questionnaire.id}.csv` } };
    },
  }),
];
