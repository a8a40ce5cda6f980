// Admin route for the subscriber base as a whole: how many, in which state, and how it grows. Never who.
import { z } from '@hono/zod-openapi';
import { GROWTH_MAX_WEEKS, subscriberGrowth } from '#core/subscribers/growth';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { adminRoute, jsonResponse } from '../route';

const count = z.number().int().min(0);
const SubscriberGrowth = z
  .object({
    weeks: z.array(
      z.object({
        weekStart: z.string().describe('Lundi de la semaine (heure de Paris), AAAA-MM-JJ'),
        joined: count.describe('Devenus abonnés (consentement donné) cette semaine'),
        left: count.describe('Abonnés partis cette semaine : /stop, bot bloqué ou données effacées'),
      }),
    ),
  })
  .describe('Les dernières semaines, la plus ancienne d’abord ; la semaine en cours compte jusqu’à maintenant')
  .meta({ id: 'SubscriberGrowth' });
const SubscriberStats = z
  .object({ pending: count, active: count, blocked: count, left: count, growth: SubscriberGrowth })
  .meta({ id: 'SubscriberStats' });

const stats = adminRoute({
  method: 'get',
  path: '/api/v1/subscribers/stats',
  operationId: 'getSubscriberStats',
  tag: 'Abonnés',
  role: 'viewer',
  summary: 'Nombre d’abonnés Telegram par état, et leur évolution semaine par semaine',
  description:
    'États : actifs, en attente de consentement, ayant bloqué le bot, partis. L’évolution vient de compteurs ' +
    'quotidiens tenus à chaque arrivée et départ (aucune lecture des abonnés un par un).',
  request: {
    query: z.object({
      weeks: z.coerce
        .number()
        .int()
        .min(1)
        .max(GROWTH_MAX_WEEKS)
        .optional()
        .meta({ param: { description: `Nombre de semaines d’évolution (1–${GROWTH_MAX_WEEKS}, 8 par défaut)` } }),
    }),
  },
  responses: { 200: jsonResponse(SubscriberStats, 'Les effectifs et leur évolution (aucune donnée personnelle)') },
});

export function subscriberRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(stats, async (c) => {
    const [counts, growth] = await Promise.all([
      deps.store.subscribers.countByStatus(),
      subscriberGrowth(deps, c.req.valid('query').weeks),
    ]);
    return c.json({ ...counts, growth }, 200);
  });
}
