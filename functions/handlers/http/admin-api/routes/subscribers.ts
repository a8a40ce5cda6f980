// Admin route for the subscriber base as a whole: how many, in which state. Never who.
import * as z from 'zod';
import { defineRoute } from '../route';

export const subscriberRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/subscribers/stats',
    tag: 'Abonnés',
    role: 'viewer',
    summary: 'Nombre d’abonnés Telegram par état : actifs, en attente de consentement, ayant bloqué le bot, partis',
    response: {
      status: 200,
      description: 'Les effectifs (aucune donnée personnelle)',
      schema: z.object({ pending: z.number(), active: z.number(), blocked: z.number(), left: z.number() }),
    },
    handle: async ({ deps }) => ({ body: await deps.store.subscribers.countByStatus() }),
  }),
];
