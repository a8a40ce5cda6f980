// Use cases of agents: who is calling the admin API, and the admin's management of tokens.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { DomainError, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import { type Agent, AgentInput, type Role, hasRole } from './agent';
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
  return { agentId: agent.id, name: agent.name, role: agent.role };
}

export function authorize(agent: AuthenticatedAgent, required: Role) {
  if (!hasRole(agent.role, required))
    throw new DomainError(
      'Forbidden',
      `cette action demande le rôle « ${required} » ; votre rôle est « ${agent.role} »`,
    );
}

/** Creates an agent and returns its token: the only time the token is ever visible. */
export async function createAgent(
  ctx: CoreContext,
  actor: Actor,
  input: unknown,
): Promise<{ agent: Omit<Agent, 'tokenHash'>; token: string }> {
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
  const { tokenHash: _hash, ...visible } = agent;
  await recordChange(ctx, actor, 'agent.create', { type: 'agent', id: agent.id }, undefined, visible);
  return { agent: visible, token };
}

export async function listAgents(ctx: CoreContext): Promise<Omit<Agent, 'tokenHash'>[]> {
  return (await ctx.store.agents.list()).map(({ tokenHash: _hash, ...visible }) => visible);
}

export async function revokeAgent(ctx: CoreContext, actor: Actor, id: string): Promise<void> {
  const agent = (await ctx.store.agents.list()).find((a) => a.id === id);
  if (!agent) throw notFound('Agent', id);
  await ctx.store.agents.delete(id);
  const { tokenHash: _hash, ...visible } = agent;
  await recordChange(ctx, actor, 'agent.revoke', { type: 'agent', id }, visible, undefined);
}
