// GET /health: is the process up and can it reach its store? For load balancers and operators.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { HttpDeps } from './deps';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    store: z.object({ ok: z.boolean(), table: z.string(), detail: z.string().optional() }),
  })
  .meta({ id: 'Health' });

const TooManyRequests = { $ref: '#/components/responses/TooManyRequests' };

/** Declared once: mounted below, and described in the OpenAPI document (public: no token). */
export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['Service'],
  summary: 'État du service : le processus répond-il, atteint-il sa base ?',
  security: [],
  responses: {
    200: { description: 'Le service et sa base répondent', content: { 'application/json': { schema: Health } } },
    429: TooManyRequests,
    503: { description: 'La base ne répond pas', content: { 'application/json': { schema: Health } } },
  },
});

export function healthRoutes(deps: HttpDeps) {
  const app = new OpenAPIHono();
  app.openapi(healthRoute, async (c) => {
    const store = await deps.store.health().catch((e: Error) => ({ ok: false, table: '?', detail: e.message }));
    return store.ok
      ? c.json({ status: 'ok' as const, store }, 200)
      : c.json({ status: 'degraded' as const, store }, 503);
  });
  return app;
}
