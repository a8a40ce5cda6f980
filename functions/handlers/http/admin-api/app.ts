// The admin API: mounts every declared route behind bearer-token auth and role checks, and
// serves its own OpenAPI document.
import { Hono } from 'hono';
import { authenticate, authorize } from '#core/agents/use-cases';
import { parseOrThrow } from '#core/shared/parse';
import { invalid } from '#core/shared/errors';
import type { HttpDeps } from '../deps';
import { errorResponse } from '../errors';
import { buildOpenApi } from './openapi';
import type { RouteSpec } from './route';
import { agentRoutes } from './routes/agents';
import { campaignRoutes } from './routes/campaigns';
import { demarcheRoutes } from './routes/demarches';
import { questionnaireRoutes } from './routes/questionnaires';
import { subscriberRoutes } from './routes/subscribers';

export const adminRoutes: RouteSpec[] = [
  ...demarcheRoutes,
  ...questionnaireRoutes,
  ...campaignRoutes,
  ...subscriberRoutes,
  ...agentRoutes,
];

export interface AdminApiOptions {
  /** SHA-256 of the bootstrap `ADMIN_TOKEN`. */
  bootstrapTokenHash?: string;
  /** Routes added by later capabilities (results export, X outbox…). */
  extraRoutes?: RouteSpec[];
}

function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (!ifMatch) return undefined;
  const version = Number(ifMatch.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1)
    throw invalid('If-Match', 'if_match_version', 'If-Match attend la version de l’objet, par exemple "3"');
  return version;
}

export function adminApi(deps: HttpDeps, options: AdminApiOptions = {}): Hono {
  const app = new Hono();
  const routes = [...adminRoutes, ...(options.extraRoutes ?? [])];
  app.onError((error, c) => errorResponse(c, error, deps.logger));

  app.get('/api/openapi.json', (c) => c.json(buildOpenApi(routes, deps.publicUrl)));

  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const agent = await authenticate(deps, c.req.header('authorization'), options.bootstrapTokenHash);
      authorize(agent, route.role);
      const query = c.req.query();
      for (const [name, q] of Object.entries(route.query ?? {}))
        if (query[name] !== undefined) parseOrThrow(q.schema, query[name], `le paramètre ${name}`);
      let body: unknown;
      if (route.body) {
        const raw: unknown = await c.req.json().catch(() => {
          throw invalid('', 'json_body', 'le corps de la requête doit être un objet JSON');
        });
        body = parseOrThrow(route.body, raw, 'le corps de la requête');
      }
      const result = await route.handle({
        body,
        params: c.req.param(),
        query,
        agent,
        expectedVersion: expectedVersionOf(c.req.header('if-match')),
        deps,
        c,
      });
      if (result.version !== undefined) c.header('ETag', `"${result.version}"`);
      if (result.raw) {
        c.header('Content-Type', result.raw.contentType);
        if (result.raw.filename) c.header('Content-Disposition', `attachment; filename="${result.raw.filename}"`);
        return c.body(result.raw.text, 200);
      }
      if (result.status === 204) return c.body(null, 204);
      return c.json(result.body ?? null, result.status ?? 200);
    });
  }
  app.all('/api/*', (c) =>
    c.json(
      { error: { code: 'NotFound', message: `aucune route ${c.req.method} ${c.req.path} : voir /api/openapi.json` } },
      404,
    ),
  );
  return app;
}
