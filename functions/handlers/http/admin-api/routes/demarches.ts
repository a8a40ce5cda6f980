// Admin routes for démarches and their timelines.
import { Demarche, DemarcheInput } from '#core/demarches/demarche';
import { createAnnouncedDemarche, updateAnnouncedDemarche } from '#core/announcements/demarche-hook';
import { DemarchePatch, getDemarche, listDemarches } from '#core/demarches/use-cases';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IfMatchHeader, SlugParam, adminRoute, jsonBody, jsonResponse } from '../route';
import { PaginationQuery, pageBody, pageOf, versioned } from './common';

const tag = 'Démarches';
const DemarcheSchema = Demarche.meta({ id: 'Demarche' });

const list = adminRoute({
  method: 'get',
  path: '/api/v1/demarches',
  operationId: 'listDemarches',
  tag,
  role: 'viewer',
  summary: 'Lister les démarches',
  request: { query: PaginationQuery },
  responses: { 200: jsonResponse(pageOf(DemarcheSchema), 'Une page de démarches') },
});

const create = adminRoute({
  method: 'post',
  path: '/api/v1/demarches',
  operationId: 'createDemarche',
  tag,
  role: 'editor',
  summary: 'Créer une démarche et sa frise',
  request: { body: jsonBody(DemarcheInput.meta({ id: 'DemarcheInput' }), 'La démarche') },
  responses: { 201: jsonResponse(DemarcheSchema, 'La démarche créée', true) },
});

const read = adminRoute({
  method: 'get',
  path: '/api/v1/demarches/{slug}',
  operationId: 'getDemarche',
  tag,
  role: 'viewer',
  summary: 'Lire une démarche',
  request: { params: SlugParam },
  responses: { 200: jsonResponse(DemarcheSchema, 'La démarche', true) },
});

const update = adminRoute({
  method: 'patch',
  path: '/api/v1/demarches/{slug}',
  operationId: 'updateDemarche',
  tag,
  role: 'editor',
  summary: 'Modifier une démarche (JSON Merge Patch ; `If-Match: "<version>"` pour ne pas écraser une modification)',
  description: 'Le slug ne change pas : c’est l’adresse permanente de la démarche. Sans changement, rien n’est écrit.',
  request: {
    params: SlugParam,
    headers: IfMatchHeader,
    body: jsonBody(
      DemarchePatch.meta({ id: 'DemarchePatch' }),
      'Les champs à changer ; `null` retire un champ facultatif',
    ),
  },
  responses: { 200: jsonResponse(DemarcheSchema, 'La démarche, modifiée ou inchangée', true) },
});

export function demarcheRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(list, async (c) => c.json(pageBody(await listDemarches(deps, c.req.valid('query'))), 200));
  app.openapi(create, async (c) =>
    c.json(versioned(c, await createAnnouncedDemarche(deps, c.get('agent'), c.req.valid('json'))), 201),
  );
  app.openapi(read, async (c) => c.json(versioned(c, await getDemarche(deps, c.req.valid('param').slug)), 200));
  app.openapi(update, async (c) => {
    const demarche = await updateAnnouncedDemarche(
      deps,
      c.get('agent'),
      c.req.valid('param').slug,
      c.req.valid('json'),
      c.req.valid('header')['If-Match'],
    );
    return c.json(versioned(c, demarche), 200);
  });
}
