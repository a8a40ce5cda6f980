// Admin routes for X: the outbox (posts waiting for an agent, or done), marking one posted by hand
// with its URL, and the month's pay-per-use budget.
import { z } from '@hono/zod-openapi';
import { XPostSchema } from '#adapters/dynamodb/repositories/x-outbox';
import { XMonthBudget, parisMonthOf, xMonthBudget } from '#core/campaigns/x-budget';
import { getXPost, markXPostPosted } from '#core/campaigns/x-outbox';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { adminRoute, jsonBody, jsonResponse } from '../route';
import { PaginationQuery, pageBody, pageOf } from './common';

const tag = 'X';
const XPostDoc = XPostSchema.meta({ id: 'XPost' });
const XPostId = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .meta({ param: { description: 'Identifiant de la publication dans la boîte d’envoi' } }),
});

const list = adminRoute({
  method: 'get',
  path: '/api/v1/x/outbox',
  operationId: 'listXPosts',
  tag,
  role: 'viewer',
  summary:
    'Publications X : en attente (sans identifiants X configurés), publiées ou en échec, les plus récentes d’abord',
  request: { query: PaginationQuery },
  responses: { 200: jsonResponse(pageOf(XPostDoc), 'Une page de publications') },
});

const read = adminRoute({
  method: 'get',
  path: '/api/v1/x/outbox/{id}',
  operationId: 'getXPost',
  tag,
  role: 'viewer',
  summary: 'Lire une publication X : son texte, son sondage, son coût, son état',
  request: { params: XPostId },
  responses: { 200: jsonResponse(XPostDoc, 'La publication') },
});

const posted = adminRoute({
  method: 'post',
  path: '/api/v1/x/outbox/{id}/posted',
  operationId: 'markXPostPosted',
  tag,
  role: 'editor',
  summary: 'Marquer comme publiée à la main, avec l’adresse de la publication sur X',
  description:
    'L’adresse est https://x.com/<compte>/status/<numéro> (ou twitter.com) : 400 sinon (règle `x_post_url`). ' +
    'Déjà publiée : 409 (règle `x_post_not_posted`). Les compteurs X de la campagne la comptent publiée ; ' +
    'le journal garde qui l’a fait. Publiée dans l’application X, elle n’est pas facturée par l’API : ' +
    'elle ne compte pas dans le budget mensuel.',
  request: {
    params: XPostId,
    body: jsonBody(
      z.object({ url: z.string().min(1).max(300) }).meta({ id: 'XPostPosted' }),
      'L’adresse de la publication sur X',
    ),
  },
  responses: { 200: jsonResponse(XPostDoc, 'La publication, publiée') },
});

const budget = adminRoute({
  method: 'get',
  path: '/api/v1/x/budget',
  operationId: 'getXBudget',
  tag,
  role: 'viewer',
  summary: 'Budget X du mois (heure de Paris) : budget, dépensé par l’API, programmé, reste',
  description:
    'Sans X_MONTHLY_BUDGET_USD, pas de limite : `budgetUsd` et `remainingUsd` sont absents. Une campagne sur X ' +
    'dont le coût dépasserait le reste est refusée à la programmation (409, règle `x_monthly_budget`).',
  request: {
    query: z.object({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
        .optional()
        .meta({ param: { description: 'Mois AAAA-MM (par défaut : le mois en cours, à Paris)' } }),
    }),
  },
  responses: { 200: jsonResponse(XMonthBudget.meta({ id: 'XMonthBudget' }), 'Les chiffres du mois') },
});

export function xOutboxRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(list, async (c) => c.json(pageBody(await deps.store.xOutbox.list(c.req.valid('query'))), 200));
  app.openapi(read, async (c) => c.json(await getXPost(deps, c.req.valid('param').id), 200));
  app.openapi(posted, async (c) =>
    c.json(await markXPostPosted(deps, c.get('agent'), c.req.valid('param').id, c.req.valid('json').url), 200),
  );
  app.openapi(budget, async (c) => {
    const month = c.req.valid('query').month ?? parisMonthOf(deps.clock.now().toISOString());
    return c.json(await xMonthBudget(deps, deps.xMonthlyBudgetUsd, month), 200);
  });
}
