// The admin API: bodies capped at 1 MB, every /api/v1 route behind bearer-token auth, each route
// declared with its role and zod schemas (route.ts), and its own OpenAPI document (openapi.ts).
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from '#core/agents/use-cases';
import type { HttpDeps } from '../deps';
import { BODY_LIMIT_BYTES, bodyTooLarge, errorResponse, refuseInvalid } from '../errors';
import { serveOpenApi } from './openapi';
import type { AdminEnv } from './route';
import { agentRoutes } from './routes/agents';
import { announcementRoutes } from './routes/announcements';
import { campaignTestRoutes } from './routes/campaign-test';
import { campaignRoutes } from './routes/campaigns';
import { demarcheRoutes } from './routes/demarches';
import { feedSourceRoutes } from './routes/feed-sources';
import { moderationRoutes } from './routes/moderation';
import { questionnaireRoutes } from './routes/questionnaires';
import { resultsPublicationRoutes } from './routes/results-publication';
import { startLinkRoutes } from './routes/start-links';
import { statusRoutes } from './routes/status';
import { subscriberRoutes } from './routes/subscribers';
import { xOutboxRoutes } from './routes/x-outbox';

export interface AdminApiOptions {
  /** SHA-256 of the bootstrap `ADMIN_TOKEN`. */
  bootstrapTokenHash?: string;
}

export type AdminApp = OpenAPIHono<AdminEnv>;

export function adminApi(deps: HttpDeps, options: AdminApiOptions = {}): AdminApp {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: refuseInvalid });
  app.onError((error, c) => errorResponse(c, error, deps.logger));
  // Before anything reads the body: a 50 MB body is refused from its Content-Length, unread.
  app.use('/api/*', bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: bodyTooLarge }));
  app.use('/api/v1/*', async (c, next) => {
    c.set('agent', await authenticate(deps, c.req.header('authorization'), options.bootstrapTokenHash));
    await next();
  });

  const groups = [
    demarcheRoutes,
    questionnaireRoutes,
    moderationRoutes,
    resultsPublicationRoutes,
    campaignRoutes,
    campaignTestRoutes,
    subscriberRoutes,
    agentRoutes,
    xOutboxRoutes,
    announcementRoutes,
    feedSourceRoutes,
    startLinkRoutes,
    statusRoutes,
  ];
  for (const mount of groups) mount(app, deps);
  serveOpenApi(app, () => deps.publicUrl);

  app.all('/api/*', (c) =>
    c.json(
      { error: { code: 'NotFound', message: `aucune route ${c.req.method} ${c.req.path} : voir /api/openapi.json` } },
      404,
    ),
  );
  return app;
}
