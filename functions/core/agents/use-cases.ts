// Use cases of agents: who is calling the admin API, and the admin's management of tokens.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { DomainError, conflict, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import { type Agent, AgentInput, type Role, type VisibleAgent, hasRole, visibleAgent } from './agent';
import { hashToken, newToken, sameHash } from './tokens';

export interface AuthenticatedAgent extends Actor {
  role: Role;
}

/** The bootstrap admin: authenticated by the configured `ADMIN_TOKEN`, never stored. */
export const BOOTSTRAP_ADMIN = {
  agentId: 'admin',
  name: 'Administrateur (jeton de démarrage)',
  role: 'admin',
} as const;

/**
 * What the bootstrap admin cannot have: it is a configured token, not a stored agent, so there is
 * no item to carry a last activity or a Telegram chat. `what` says what was asked of it.
 */
export function refuseBootstrapAdmin(agentId: string, what: string): void {
  if (agentId !== BOOTSTRAP_ADMIN.agentId) return;
  throw conflict(
    `l’administrateur de démarrage (jeton ADMIN_TOKEN) n’est pas un agent enregistré : ${what}. ` +
      'Créez-vous un agent (page « Agents » de la console, ou POST /api/v1/agents) et utilisez son jeton.',
    'registered_agent',
  );
}

/** Last activity is kept to this precision: one write per agent per 5 minutes at most, not one per request. */
export const ACTIVITY_PRECISION_MS = 5 * 60_000;

export async function authenticate(
  ctx: CoreContext,
  authorization: string | undefined,
  bootstrapTokenHash: string | undefined,
): Promise<AuthenticatedAgent> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token)
    throw new DomainError('Unauthenticated', 'authentification requise : en-tête « Authorization: Bearer <jeton> »');
  const hash = hashToken(token);
  if (bootstrapTokenHash && sameHash(hash, bootstrapTokenHash)) return { ...BOOTSTRAP_ADMIN };
  const agent = await ctx.store.agents.getByTokenHash(hash);
  if (!agent) throw new DomainError('Unauthenticated', 'jeton inconnu ou révoqué');
  // The agent was just read: no second read to decide whether its last activity is stale.
  await touchAgent(ctx, agent.id, ctx.clock.now(), agent);
  return { agentId: agent.id, name: agent.name, role: agent.role };
}

/**
 * Records that the agent is active at `now`, at most once per 5 minutes: a request within 5 minutes
 * of the last recorded activity writes nothing. `known` spares the read when the caller has just
 * read the agent. The bootstrap admin, never stored, has no last activity: nothing is written.
 */
export async function touchAgent(ctx: CoreContext, agentId: string, now: Date, known?: Agent): Promise<void> {
  if (agentId === BOOTSTRAP_ADMIN.agentId) return;
  const agent = known ?? (await ctx.store.agents.get(agentId));
  if (!agent) return;
  const threshold = new Date(now.getTime() - ACTIVITY_PRECISION_MS).toISOString();
  if (agent.lastActiveAt && agent.lastActiveAt > threshold) return;
  // Conditional on the same threshold: requests racing past the check above write once between them.
  await ctx.store.agents.touch(agent, now.toISOString(), threshold);
}

export function authorize(agent: AuthenticatedAgent, required: Role) {
  if (!hasRole(agent.role, required))
    throw new DomainError(
      'Forbidden',
      `cette action demande le rôle « ${required} » ; votre rôle est « ${agent.role} »`,
    );
}

/** One stored agent, as the API shows it. */
export async function getAgent(ctx: CoreContext, id: string): Promise<VisibleAgent> {
  refuseBootstrapAdmin(id, 'il n’a ni fiche, ni dernière activité, ni chat Telegram');
  const agent = await ctx.store.agents.get(id);
  if (!agent) throw notFound('Agent', id);
  return visibleAgent(agent);
}

/** Creates an agent and returns its token: the only time the token is ever visible. */
export async function createAgent(
  ctx: CoreContext,
  actor: Actor,
  input: unknown,
): Promise<{ agent: VisibleAgent; token: string }> {
  const data = parseOrThrow(AgentInput, input, 'l’agent');
  const token = newToken();
  const agent: Agent = {
    ...data,
    id: ctx.ids.next(),
    tokenHash: hashToken(token),
    createdAt: ctx.clock.now().toISOString(),
    createdBy: actor.agentId,
  };
  await ctx.store.agents.create(agent);
  const visible = visibleAgent(agent);
  await recordChange(ctx, actor, 'agent.create', { type: 'agent', id: agent.id }, undefined, visible);
  return { agent: visible, token };
}

export async function listAgents(ctx: CoreContext): Promise<VisibleAgent[]> {
  return (await ctx.store.agents.list()).map(visibleAgent);
}

export async function revokeAgent(ctx: CoreContext, actor: Actor, id: string): Promise<void> {
  const agent = await ctx.store.agents.get(id);
  if (!agent) throw notFound('Agent', id);
  await ctx.store.agents.delete(id);
  await recordChange(ctx, actor, 'agent.revoke', { type: 'agent', id }, visibleAgent(agent), undefined);
}
