// Admin routes for agents and their tokens, and for the audit trail.
import * as z from 'zod';
import { Agent, AgentInput } from '#core/agents/agent';
import { createAgent, listAgents, revokeAgent } from '#core/agents/use-cases';
import { AuditEvent } from '#core/audit/audit-event';
import { defineRoute } from '../route';
import { listOptions, pageBody, pageOf, paginationQuery } from './common';

const VisibleAgent = Agent.omit({ tokenHash: true });
const EntityType = AuditEvent.shape.entity.shape.type;

export const agentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/me',
    tag: 'Agents',
    role: 'viewer',
    summary: 'Qui suis-je ? (agent et rôle du jeton)',
    response: {
      status: 200,
      description: 'L’agent authentifié',
      schema: z.object({ agentId: z.string(), name: z.string(), role: z.string() }),
    },
    handle: ({ agent }) => Promise.resolve({ body: agent }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/agents',
    tag: 'Agents',
    role: 'admin',
    summary: 'Lister les agents',
    response: {
      status: 200,
      description: 'Les agents (sans leurs jetons)',
      schema: z.object({ items: z.array(VisibleAgent) }),
    },
    handle: async ({ deps }) => ({ body: { items: await listAgents(deps) } }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/agents',
    tag: 'Agents',
    role: 'admin',
    summary: 'Créer un agent et son jeton (le jeton n’est montré qu’une fois)',
    body: AgentInput,
    response: {
      status: 201,
      description: 'L’agent et son jeton',
      schema: z.object({ agent: VisibleAgent, token: z.string() }),
    },
    handle: async ({ deps, agent, body }) => ({ status: 201, body: await createAgent(deps, agent, body) }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/agents/:id',
    tag: 'Agents',
    role: 'admin',
    summary: 'Révoquer le jeton d’un agent',
    response: { status: 204, description: 'Jeton révoqué' },
    handle: async ({ deps, agent, params }) => {
      await revokeAgent(deps, agent, params.id!);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/audit',
    tag: 'Journal',
    role: 'viewer',
    summary: 'Journal d’audit : qui a changé quoi, et quand (le plus récent d’abord)',
    query: {
      ...paginationQuery,
      entityType: { description: 'Type d’objet : demarche, questionnaire, campaign, agent', schema: EntityType },
      entityId: { description: 'Identifiant de l’objet (avec entityType)', schema: z.string() },
    },
    response: { status: 200, description: 'Une page d’événements', schema: pageOf(AuditEvent) },
    handle: async ({ deps, query }) => {
      const entity =
        query.entityType && query.entityId
          ? { type: EntityType.parse(query.entityType), id: query.entityId }
          : undefined;
      return { body: pageBody(await deps.store.audit.list({ ...listOptions(query), entity })) };
    },
  }),
];
