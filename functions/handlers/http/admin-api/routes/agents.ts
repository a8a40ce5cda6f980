// Admin routes for agents and their tokens, linking one's Telegram chat, and the audit trail.
import { z } from '@hono/zod-openapi';
import { AgentInput, Role, VisibleAgent as VisibleAgentSchema } from '#core/agents/agent';
import { startTelegramLink } from '#core/agents/telegram-link';
import { BOOTSTRAP_ADMIN, createAgent, getAgent, listAgents, revokeAgent } from '#core/agents/use-cases';
import { AuditEvent } from '#core/audit/audit-event';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonBody, jsonResponse } from '../route';
import { PaginationQuery, pageBody, pageOf } from './common';

const VisibleAgent = VisibleAgentSchema.meta({ id: 'Agent' });
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
      z
        .object({
          agentId: z.string(),
          name: z.string(),
          role: Role,
          telegramLinked: z
            .boolean()
            .describe('Son chat Telegram est lié (tests de campagne) ; toujours faux pour le jeton de démarrage'),
        })
        .meta({ id: 'Me' }),
      'L’agent authentifié',
    ),
  },
});

const telegramLink = adminRoute({
  method: 'post',
  path: '/api/v1/agents/me/telegram-link',
  operationId: 'startTelegramLink',
  tag: 'Agents',
  role: 'viewer',
  summary: 'Obtenir un code à usage unique pour lier son chat Telegram (tests de campagne)',
  description:
    'Envoyez au bot, depuis votre chat Telegram, la commande renvoyée (par exemple `/lier ABCD2345`). ' +
    'Le code vaut 10 minutes et une seule fois ; un nouveau code remplace le précédent. ' +
    'Le jeton de démarrage (ADMIN_TOKEN) n’est pas un agent enregistré : refusé (409, règle `registered_agent`).',
  responses: {
    201: jsonResponse(
      z
        .object({
          code: z.string().describe('8 caractères, sans 0/O ni 1/I/L'),
          expiresAt: z.string().describe('Fin de validité du code (ISO-8601, UTC)'),
          command: z.string().describe('Ce que l’agent envoie au bot, par exemple `/lier ABCD2345`'),
        })
        .meta({ id: 'TelegramLinkCode' }),
      'Le code et la commande à envoyer au bot',
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
  description:
    'Filtres combinables. `entityType` + `entityId` (l’historique d’un objet) et `agentId` (ce qu’a fait un agent) ' +
    'sont lus directement par la clé ; les autres filtres (`entityType` seul, `action`, ou `agentId` avec un objet) ' +
    's’appliquent après la lecture : la page reste pleine, mais un filtre rare lit plus d’événements.',
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
      agentId: z
        .string()
        .min(1)
        .max(80)
        .regex(/^[A-Za-z0-9_-]+$/)
        .optional()
        .meta({ param: { description: 'Identifiant de l’agent qui a agi (`admin` pour le jeton de démarrage)' } }),
      action: z
        .string()
        .max(60)
        .regex(/^[a-z_]+(\.[a-z_]*)?$/, 'un début d’action, par exemple « campaign. » ou « campaign.schedule »')
        .optional()
        .meta({ param: { description: 'Début du nom de l’action, par exemple `campaign.` ou `agent.revoke`' } }),
    }),
  },
  responses: { 200: jsonResponse(pageOf(AuditEvent.meta({ id: 'AuditEvent' })), 'Une page d’événements') },
});

export function agentRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(me, async (c) => {
    const agent = c.get('agent');
    const telegramLinked =
      agent.agentId !== BOOTSTRAP_ADMIN.agentId && (await getAgent(deps, agent.agentId)).telegramLinked;
    return c.json({ ...agent, telegramLinked }, 200);
  });
  app.openapi(telegramLink, async (c) => c.json(await startTelegramLink(deps, c.get('agent')), 201));
  app.openapi(list, async (c) => c.json({ items: await listAgents(deps) }, 200));
  app.openapi(create, async (c) => c.json(await createAgent(deps, c.get('agent'), c.req.valid('json')), 201));
  app.openapi(revoke, async (c) => {
    await revokeAgent(deps, c.get('agent'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(audit, async (c) => {
    const { entityType, entityId, agentId, action, ...page } = c.req.valid('query');
    const entity = entityType && entityId ? { type: entityType, id: entityId } : undefined;
    const filters = { entity, entityType, agentId, actionPrefix: action };
    return c.json(pageBody(await deps.store.audit.list({ ...page, ...filters })), 200);
  });
}
