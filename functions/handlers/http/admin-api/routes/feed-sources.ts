// Admin routes for feed sources: the platform's feeds Porte-voix imports (core/imports).
import { z } from '@hono/zod-openapi';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { publicAddressesOnly } from '#adapters/feeds/source-address';
import { FeedSource, FeedSourceInput } from '#core/imports/feed-source';
import {
  checkFeedSourceNow,
  createFeedSource,
  deleteFeedSource,
  getFeedSource,
  listFeedSources,
} from '#core/imports/use-cases';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonBody, jsonResponse } from '../route';

const Source = FeedSource.meta({ id: 'FeedSource' });
const TAG = 'Sources';

const list = adminRoute({
  method: 'get',
  path: '/api/v1/feed-sources',
  operationId: 'listFeedSources',
  tag: TAG,
  role: 'viewer',
  summary: 'Lister les flux importés et leur état',
  responses: { 200: jsonResponse(z.object({ items: z.array(Source) }), 'Les sources, la plus ancienne d’abord') },
});

const create = adminRoute({
  method: 'post',
  path: '/api/v1/feed-sources',
  operationId: 'createFeedSource',
  tag: TAG,
  role: 'editor',
  summary: 'Ajouter un flux RSS ou Atom à importer (pour une démarche, ou global)',
  description:
    'Seules les adresses http(s) publiques sont acceptées : une adresse privée, locale ou réservée est refusée ' +
    '(400, champ `url`, règle `public_feed_url`). La première lecture importe les articles existants dans les flux ' +
    'sans annoncer ceux antérieurs à l’ajout de la source.',
  request: { body: jsonBody(FeedSourceInput.meta({ id: 'FeedSourceInput' }), 'La source') },
  responses: { 201: jsonResponse(Source, 'La source ajoutée (pas encore lue)') },
});

const get = adminRoute({
  method: 'get',
  path: '/api/v1/feed-sources/{id}',
  operationId: 'getFeedSource',
  tag: TAG,
  role: 'viewer',
  summary: 'Une source et son état',
  request: { params: IdParam('de la source') },
  responses: { 200: jsonResponse(Source, 'La source') },
});

const remove = adminRoute({
  method: 'delete',
  path: '/api/v1/feed-sources/{id}',
  operationId: 'deleteFeedSource',
  tag: TAG,
  role: 'editor',
  summary: 'Retirer une source (ses articles déjà importés restent dans les flux)',
  request: { params: IdParam('de la source') },
  responses: { 204: { description: 'Source retirée' } },
});

const check = adminRoute({
  method: 'post',
  path: '/api/v1/feed-sources/{id}/check',
  operationId: 'checkFeedSource',
  tag: TAG,
  role: 'editor',
  summary: 'Lire la source maintenant (sans attendre la prochaine lecture programmée)',
  description: 'Un échec de lecture n’est pas une erreur de la requête : il est dans `status.lastError`.',
  request: { params: IdParam('de la source') },
  responses: {
    200: jsonResponse(
      z
        .object({ source: Source, imported: z.number().int().min(0).describe('Articles importés par cette lecture') })
        .meta({ id: 'FeedSourceCheck' }),
      'La source et son nouvel état',
    ),
  },
});

export function feedSourceRoutes(app: AdminApp, deps: HttpDeps) {
  const importDeps = { ...deps, feedReader: deps.feedReader ?? createFeedReader({ policy: publicAddressesOnly }) };
  app.openapi(list, async (c) => c.json({ items: await listFeedSources(deps) }, 200));
  app.openapi(create, async (c) =>
    c.json(await createFeedSource(importDeps, c.get('agent'), c.req.valid('json')), 201),
  );
  app.openapi(get, async (c) => c.json(await getFeedSource(deps, c.req.valid('param').id), 200));
  app.openapi(remove, async (c) => {
    await deleteFeedSource(deps, c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(check, async (c) => {
    const { source, imported } = await checkFeedSourceNow(importDeps, c.req.valid('param').id);
    return c.json({ source, imported }, 200);
  });
}
