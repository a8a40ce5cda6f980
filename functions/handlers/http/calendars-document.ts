// The public calendars as routes, declared once: `calendars.ts` mounts exactly these and the
// OpenAPI document describes exactly these (as feeds-document.ts does for the feeds).
import type { RouteConfig } from '@hono/zod-openapi';
import * as z from 'zod';
import { Territory, Theme } from '#core/demarches/places';
import { Slug } from '#core/shared/schema';
import type { FeedScopeKind } from './feeds-document';

export interface CalendarRoute {
  scope?: FeedScopeKind;
  /** Hono's path, e.g. `/feeds/themes/:key/calendar.ics`. */
  honoPath: string;
  route: RouteConfig;
}

const SCOPES: { kind?: FeedScopeKind; param?: z.ZodObject; what: string; operation: string }[] = [
  { what: 'toutes les démarches', operation: 'getCalendar' },
  {
    kind: 'demarches',
    param: z.object({ key: Slug.describe('Slug de la démarche') }),
    what: 'une démarche',
    operation: 'getDemarcheCalendar',
  },
  {
    kind: 'themes',
    param: z.object({ key: Theme.describe('Thème') }),
    what: 'un thème',
    operation: 'getThemeCalendar',
  },
  {
    kind: 'territoires',
    param: z.object({ key: Territory }),
    what: 'une commune ou un quartier',
    operation: 'getTerritoryCalendar',
  },
];

const answer = (description: string) => ({ description, content: { 'text/plain': { schema: z.string() } } });

export const CALENDAR_ROUTES: CalendarRoute[] = SCOPES.map((scope): CalendarRoute => {
  const path = scope.kind ? `/feeds/${scope.kind}/{key}/calendar.ics` : '/feeds/calendar.ics';
  return {
    scope: scope.kind,
    honoPath: path.replace('{key}', ':key'),
    route: {
      method: 'get',
      path,
      operationId: scope.operation,
      tags: ['Flux'],
      summary: `Calendrier iCalendar : ${scope.what}`,
      description:
        'Public (RFC 5545, à ouvrir aussi en `webcal://`). Chaque étape est un événement en heure de Paris, ' +
        'd’UID permanent, dont la SEQUENCE augmente à chaque modification ; une étape annulée reste, ' +
        '`STATUS:CANCELLED`. Validateurs `ETag` et `Last-Modified` : une requête conditionnelle sur un ' +
        'calendrier inchangé reçoit 304.',
      security: [],
      ...(scope.param && { request: { params: scope.param } }),
      responses: {
        200: {
          description: 'Le calendrier (iCalendar)',
          headers: {
            ETag: { description: 'Validateur fort du calendrier', schema: { type: 'string' } },
            'Last-Modified': {
              description: 'Dernière modification d’une de ses démarches',
              schema: { type: 'string' },
            },
          },
          content: { 'text/calendar': { schema: z.string() } },
        },
        304: { description: 'Inchangé depuis la version que l’application a déjà' },
        ...(scope.param && { 404: answer('Démarche, thème ou territoire inconnu') }),
        429: { $ref: '#/components/responses/TooManyRequests' },
        503: answer('Calendrier momentanément indisponible (en-tête Retry-After)'),
      },
    },
  };
});
