// The whole HTTP surface in one Hono app, as the local runtime serves it. On AWS the same route
// modules are split across Lambdas behind API Gateway (see handlers/lambda).
import { Hono } from 'hono';
import { type AdminApiOptions, adminApi } from './admin-api/app';
import { consoleApp } from './console/app';
import { calendarRoutes } from './calendars';
import type { HttpDeps } from './deps';
import { feedRoutes } from './feeds';
import { healthRoutes } from './health';
import { publicRoutes } from './public/routes';
import { SUBSCRIPTIONS_PATHS } from '#core/calendars/read';
import { OPEN_DATA_PATHS } from '#core/results/paths';

export function createHttpApp(deps: HttpDeps, options: AdminApiOptions & { extra?: Hono[] } = {}): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(deps));
  app.route('/', feedRoutes(deps));
  app.route('/', calendarRoutes(deps));
  app.route('/', publicRoutes(deps));
  for (const extra of options.extra ?? []) app.route('/', extra);
  app.route('/', adminApi(deps, options));
  app.route('/', consoleApp(deps, options));
  app.get('/', (c) =>
    c.json({
      name: 'Porte-voix',
      console: '/console',
      health: '/health',
      api: '/api/v1 (Authorization: Bearer <jeton>)',
      openapi: '/api/openapi.json',
      feeds: ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json', '/feeds/demarches/<slug>/rss.xml'],
      calendars: ['/feeds/calendar.ics', '/feeds/demarches/<slug>/calendar.ics', '/feeds/themes/<theme>/calendar.ics'],
      subscribe: SUBSCRIPTIONS_PATHS[0],
      results: ['/resultats/<id>', '/resultats/<id>/resultats.json', '/resultats/<id>/reponses.csv'],
      openData: [OPEN_DATA_PATHS.html, OPEN_DATA_PATHS.json, OPEN_DATA_PATHS.dcat],
    }),
  );
  return app;
}
