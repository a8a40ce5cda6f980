// Admin routes for agents and their tokens, and for the audit trail.
import { z } from '@hono/zod-openapi';
import { Agent, AgentInput, Role } from '#core/agents/agent';
import { createAgent, listAgents, revokeAgent } from '#core/agents/use-cases';
import { AuditEvent } from '#core/audit/audit-event';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonBody, jsonResponse } from '../route';
import { PaginationQuery, pageBody, pageOf } from './common';

const VisibleAgent = Agent.omit({ tokenHash: true }).meta({ id: 'Agent' });
const EntityType = AuditEvent.shape.entity.shape.type;

const me = adminRoute({
  method: 'get',
  path: '/api/v1/me',
  operationId: 'getMe',
  tag: 'Agents',
  role: 'viewer',
  summary: 'Qui suis-je ? (agent et rôle du jeton)',
  responses: {
    200: jsonResponse(
      z.object({ agentId: z.string(), name: z.string(), role: Role }).meta({ id: 'Me' }),
      'L’agent authentifié',
    ),
  },
});

const list = adminRoute({
  method: 'get',
  path: '/api/v1/agents',
  operationId: 'listAgents',
  tag: 'Agents',
  role: 'admin',
  summary: 'Lister les agents',
  responses: { 200: jsonResponse(z.object({ items: z.array(VisibleAgent) }), 'Les agents (sans leurs jetons)') },
});

const create = adminRoute({
  method: 'post',
  path: '/api/v1/agents',
  operationId: 'createAgent',
  tag: 'Agents',
  role: 'admin',
  summary: 'Créer un agent et son jeton (le jeton n’est montré qu’une fois)',
  request: { body: jsonBody(AgentInput.meta({ id: 'AgentInput' }), 'L’agent') },
  responses: {
    201: jsonResponse(
      z.object({ agent: VisibleAgent, token: z.string().describe('À transmettre à l’agent : il ne sera plus montré') }),
      'L’agent et son jeton',
    ),
  },
});

const revoke = adminRoute({
  method: 'delete',
  path: '/api/v1/agents/{id}',
  operationId: 'revokeAgent',
  tag: 'Agents',
  role: 'admin',
  summary: 'Révoquer le jeton d’un agent',
  request: { params: IdParam('de l’agent') },
  responses: { 204: { description: 'Jeton révoqué' } },
});

const audit = adminRoute({
  method: 'get',
  path: '/api/v1/audit',
  operationId: 'listAuditEvents',
  tag: 'Journal',
  role: 'viewer',
  summary: 'Journal d’audit : qui a changé quoi, et quand (le plus récent d’abord)',
  request: {
    query: PaginationQuery.extend({
      entityType: EntityType.optional().meta({
        param: { description: 'Type d’objet : demarche, questionnaire, campaign, agent' },
      }),
      // Slugs and ids alike: the same bounds as the keys they name.
      entityId: z
        .string()
        .min(1)
        .max(80)
        .regex(/^[A-Za-z0-9_-]+$/)
        .optional()
        .meta({ param: { description: 'Identifiant ou slug de l’objet (avec entityType)' } }),
    }),
  },
  responses: { 200: jsonResponse(pageOf(AuditEvent.meta({ id: 'AuditEvent' })), 'Une page d’événements') },
});

export function agentRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(me, (c) => c.json(c.get('agent'), 200));
  app.openapi(list, async (c) => c.json({ items: await listAgents(deps) }, 200));
  app.openapi(create, async (c) => c.json(await createAgent(deps, c.get('agent'), c.req.valid('json')), 201));
  app.openapi(revoke, async (c) => {
    await revokeAgent(deps, c.get('agent'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(audit, async (c) => {
    const { entityType, entityId, ...page } = c.req.valid('query');
    const entity = entityType && entityId ? { type: entityType, id: entityId } : undefined;
    return c.json(pageBody(await deps.store.audit.list({ ...page, entity })), 200);
  });
}
