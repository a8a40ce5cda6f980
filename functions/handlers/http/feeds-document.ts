// The public feeds as routes, declared once: `feeds.ts` mounts exactly these, and the OpenAPI
// document describes exactly these. Plain zod and a type import only, so the feeds Lambda does not
// carry the OpenAPI generator.
import type { RouteConfig } from '@hono/zod-openapi';
import * as z from 'zod';
import { Territory, Theme } from '#core/demarches/places';
import { Slug } from '#core/shared/schema';

export type FeedFormat = 'rss' | 'atom' | 'json';
export type FeedScopeKind = 'demarches' | 'themes' | 'territoires';

const FORMATS: Record<FeedFormat, { file: string; mediaType: string; name: string; operation: string }> = {
  rss: { file: 'rss.xml', mediaType: 'application/rss+xml', name: 'RSS 2.0', operation: 'Rss' },
  atom: { file: 'atom.xml', mediaType: 'application/atom+xml', name: 'Atom 1.0', operation: 'Atom' },
  json: { file: 'feed.json', mediaType: 'application/feed+json', name: 'JSON Feed 1.1', operation: 'JsonFeed' },
};

const SCOPES: { kind?: FeedScopeKind; param?: z.ZodObject; what: string; operation: string }[] = [
  { what: 'toutes les publications', operation: 'getFeed' },
  {
    kind: 'demarches',
    param: z.object({ key: Slug.describe('Slug de la démarche') }),
    what: 'une démarche',
    operation: 'getDemarcheFeed',
  },
  { kind: 'themes', param: z.object({ key: Theme.describe('Thème') }), what: 'un thème', operation: 'getThemeFeed' },
  {
    kind: 'territoires',
    param: z.object({ key: Territory }),
    what: 'une commune ou un quartier',
    operation: 'getTerritoryFeed',
  },
];

export interface FeedRoute {
  format: FeedFormat;
  scope?: FeedScopeKind;
  /** Hono's path, e.g. `/feeds/themes/:key/rss.xml`. */
  honoPath: string;
  route: RouteConfig;
}

// JSON Feed 1.1 (jsonfeed.org/version/1.1): the members a reader relies on; the rest is the spec's.
const JsonFeed = z.looseObject({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string(),
  items: z.array(z.looseObject({ id: z.string() })),
});

const answer = (description: string) => ({ description, content: { 'text/plain': { schema: z.string() } } });

export const FEED_ROUTES: FeedRoute[] = SCOPES.flatMap((scope) =>
  (Object.keys(FORMATS) as FeedFormat[]).map((format): FeedRoute => {
    const { file, mediaType, name, operation } = FORMATS[format];
    const path = scope.kind ? `/feeds/${scope.kind}/{key}/${file}` : `/feeds/${file}`;
    return {
      format,
      scope: scope.kind,
      honoPath: path.replace('{key}', ':key'),
      route: {
        method: 'get',
        path,
        operationId: `${scope.operation}${operation}`,
        tags: ['Flux'],
        summary: `Flux ${name} : ${scope.what}`,
        description:
          'Public. Validateurs `ETag` et `Last-Modified` : une requête conditionnelle sur un flux inchangé reçoit 304.',
        security: [],
        ...(scope.param && { request: { params: scope.param } }),
        responses: {
          200: {
            description: `Le flux (${name})`,
            headers: {
              ETag: { description: 'Validateur fort du flux', schema: { type: 'string' } },
              'Last-Modified': { description: 'Date de la dernière publication', schema: { type: 'string' } },
            },
            content: { [mediaType]: { schema: format === 'json' ? JsonFeed : z.string() } },
          },
          304: { description: 'Inchangé depuis la version que le lecteur a déjà' },
          ...(scope.param && { 404: answer('Démarche, thème ou territoire inconnu') }),
          429: { $ref: '#/components/responses/TooManyRequests' },
          503: answer('Flux momentanément indisponible (en-tête Retry-After)'),
        },
      },
    };
  }),
);
