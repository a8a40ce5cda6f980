// Admin route for the subscriber base as a whole: how many, in which state. Never who.
import { z } from '@hono/zod-openapi';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { adminRoute, jsonResponse } from '../route';

const count = z.number().int().min(0);
const SubscriberStats = z
  .object({ pending: count, active: count, blocked: count, left: count })
  .meta({ id: 'SubscriberStats' });

const stats = adminRoute({
  method: 'get',
  path: '/api/v1/subscribers/stats',
  operationId: 'getSubscriberStats',
  tag: 'Abonnés',
  role: 'viewer',
  summary: 'Nombre d’abonnés Telegram par état : actifs, en attente de consentement, ayant bloqué le bot, partis',
  responses: { 200: jsonResponse(SubscriberStats, 'Les effectifs (aucune donnée personnelle)') },
});

export function subscriberRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(stats, async (c) => c.json(await deps.store.subscribers.countByStatus(), 200));
}
