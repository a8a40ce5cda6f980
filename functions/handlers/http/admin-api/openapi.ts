// The admin API's OpenAPI 3.1 document, generated from the same route declarations and zod
// schemas that validate requests, so the document cannot drift from the behaviour.
import * as z from 'zod';
import type { RouteSpec } from './route';

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

const ErrorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        violations: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      required: ['code', 'message'],
    },
  },
};

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function buildOpenApi(routes: RouteSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = Object.entries(route.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: false,
      description: q.description,
      schema: jsonSchema(q.schema),
    }));
    const response = route.response;
    (paths[path] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: `Rôle requis : ${route.role}.`,
      parameters: [
        ...pathParams,
        ...queryParams,
        ...(route.method === 'patch'
          ? [
              {
                name: 'If-Match',
                in: 'header',
                required: false,
                schema: { type: 'string' },
                description: 'Version attendue, ex. "3"',
              },
            ]
          : []),
      ],
      ...(route.body && {
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } },
      }),
      responses: {
        [response.status]: {
          description: response.description,
          ...(response.schema && {
            content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema) } },
          }),
          ...(response.contentType &&
            !response.schema && { content: { [response.contentType]: { schema: { type: 'string' } } } }),
        },
        ...(route.body && { 400: errorRef('Requête invalide : le champ et la règle enfreinte sont nommés') }),
        401: errorRef('Jeton absent ou invalide'),
        403: errorRef('Le rôle de l’agent ne permet pas cette action'),
        ...(path.includes('{') && { 404: errorRef('Objet introuvable') }),
        ...(route.method !== 'get' && { 409: errorRef('Conflit : état ou version incompatible') }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Porte-voix — API d’administration',
      version: '1',
      description:
        'API des agents de la participation citoyenne : démarches, questionnaires, campagnes, résultats, journal d’audit. ' +
        'Authentification : `Authorization: Bearer <jeton>`. Heures en ISO-8601 (stockées en UTC).',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ErrorSchema },
    },
    paths,
  };
}
