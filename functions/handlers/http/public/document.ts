// The public results' and open data's machine-readable files, as the OpenAPI document describes
// them (their HTML pages are for browsers, like the console, and are left out). Plain zod and a
// type import only, so the feeds Lambda does not carry the OpenAPI generator.
import type { RouteConfig } from '@hono/zod-openapi';
import * as z from 'zod';
import { DatasetList } from '#core/results/open-data';
import { OPEN_DATA_PATHS } from '#core/results/paths';
import { PublicResults } from '#core/results/public-results';
import { ShortId } from '#core/shared/schema';
import { SUBSCRIPTIONS_PATHS } from '#core/calendars/read';

/** The HTML pages (and the catch-all 404s), in Hono's spelling: browsers' pages, not the API. */
export const PUBLIC_PAGES = ['/resultats/:id', '/open-data', OPEN_DATA_PATHS.html, ...SUBSCRIPTIONS_PATHS];

const params = z.object({ id: ShortId.describe('Identifiant du questionnaire') });
const DESCRIPTION =
  'Public, sans authentification. Construit à chaque requête ; `ETag` fort et `Cache-Control: no-cache` : une requête conditionnelle sur un contenu inchangé reçoit 304.';
const ok = (description: string, mediaType: string, schema: z.ZodType) => ({
  description,
  headers: { ETag: { description: 'Validateur fort du contenu', schema: { type: 'string' as const } } },
  content: { [mediaType]: { schema } },
});
const notModified = { description: 'Inchangé depuis la version que le lecteur a déjà' };
const notFound = {
  description:
    'Questionnaire inconnu, aux résultats privés ou pas encore publics : la même réponse dans tous les cas (jamais 403)',
  content: { 'text/html': { schema: z.string() } },
};

const route = (path: string, operationId: string, summary: string, answers: RouteConfig['responses']) => ({
  method: 'get' as const,
  path,
  operationId,
  tags: ['Données ouvertes'],
  summary,
  description: DESCRIPTION,
  security: [],
  ...(path.includes('{id}') && { request: { params } }),
  responses: { ...answers, 429: { $ref: '#/components/responses/TooManyRequests' } },
});

export const PUBLIC_DATA_ROUTES: RouteConfig[] = [
  route('/resultats/{id}/resultats.json', 'getPublicResults', 'Résultats publics d’un questionnaire (JSON)', {
    200: ok('Les résultats', 'application/json', PublicResults.meta({ id: 'PublicResults' })),
    304: notModified,
    404: notFound,
  }),
  route(
    '/resultats/{id}/reponses.csv',
    'getPublicResponsesCsv',
    'Réponses sous pseudonyme, une ligne par personne (CSV)',
    {
      200: ok(
        'Le CSV (séparateur « ; », UTF-8 avec BOM) ; colonnes décrites dans /open-data/datasets.json',
        'text/csv',
        z.string(),
      ),
      304: notModified,
      404: notFound,
    },
  ),
  route(
    OPEN_DATA_PATHS.json,
    'getOpenDataDatasets',
    'Jeux de données publiés, avec licence et dictionnaire des colonnes',
    {
      200: ok('La liste documentée', 'application/json', DatasetList.meta({ id: 'DatasetList' })),
      304: notModified,
    },
  ),
  route(OPEN_DATA_PATHS.dcat, 'getOpenDataCatalog', 'Catalogue DCAT-AP 2 des jeux de données (JSON-LD)', {
    200: ok(
      'Le catalogue (dcat:Catalog)',
      'application/ld+json',
      z.looseObject({ '@context': z.unknown(), '@type': z.literal('dcat:Catalog') }),
    ),
    304: notModified,
  }),
];
