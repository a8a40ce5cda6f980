// GET /health: is the process up and can it reach its store? For load balancers and operators.
import { Hono } from 'hono';
import type { HttpDeps } from './deps';

export function healthRoutes(deps: HttpDeps): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    const store = await deps.store.health().catch((e: Error) => ({ ok: false, table: '?', detail: e.message }));
    return c.json({ status: store.ok ? 'ok' : 'degraded', store }, store.ok ? 200 : 503);
  });
  return app;
}
