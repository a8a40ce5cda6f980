// Use cases of console sessions: sign in with an agent token, recognise the session on each
// request, sign out. The console is a second door to the same use cases, never a second set of rules.
import type { CoreContext } from '../context';
import { DomainError } from '../shared/errors';
import { type Session, SESSION_MAX_MS, SESSION_TOUCH_MS, sessionExpiry } from './session';
import { hashToken, newToken } from './tokens';
import { type AuthenticatedAgent, BOOTSTRAP_ADMIN, authenticate, touchAgent } from './use-cases';

export interface OpenedSession {
  /** Goes into the browser's cookie, and nowhere else: the table keeps only its hash. */
  sessionToken: string;
  agent: AuthenticatedAgent;
  endsAt: string;
}

/** Exchanges an agent token (typed into the sign-in form) for a session. */
export async function signIn(
  ctx: CoreContext,
  agentToken: string,
  bootstrapTokenHash: string | undefined,
): Promise<OpenedSession> {
  const token = agentToken.trim();
  if (!token) throw new DomainError('Unauthenticated', 'saisissez votre jeton d’agent');
  const agent = await authenticate(ctx, `Bearer ${token}`, bootstrapTokenHash);
  const now = ctx.clock.now();
  const sessionToken = `pvs_${newToken().slice(3)}`;
  const session: Session = {
    id: hashToken(sessionToken),
    agentId: agent.agentId,
    credentialHash: hashToken(token),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    endsAt: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
  };
  await ctx.store.sessions.create(session);
  return { sessionToken, agent, endsAt: session.endsAt };
}

/**
 * The agent behind a session token, or `Unauthenticated` when the session is unknown, expired, or
 * its credential is no longer valid (the agent was revoked, the bootstrap token rotated).
 */
export async function authenticateSession(
  ctx: CoreContext,
  sessionToken: string | undefined,
  bootstrapTokenHash: string | undefined,
): Promise<AuthenticatedAgent> {
  const expired = () => new DomainError('Unauthenticated', 'votre session a expiré : reconnectez-vous');
  if (!sessionToken) throw new DomainError('Unauthenticated', 'connectez-vous pour accéder à la console');
  const session = await ctx.store.sessions.get(hashToken(sessionToken));
  if (!session) throw expired();
  const now = ctx.clock.now();
  const agent = sessionExpiry(session, now) ? undefined : await currentAgent(ctx, session, bootstrapTokenHash);
  if (!agent) {
    await ctx.store.sessions.delete(session.id);
    throw expired();
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS)
    await ctx.store.sessions.touch(session.id, now.toISOString());
  return agent;
}

/** The agent as stored now (name and role included), if the credential the session was opened with is still valid. */
async function currentAgent(
  ctx: CoreContext,
  session: Session,
  bootstrapTokenHash: string | undefined,
): Promise<AuthenticatedAgent | undefined> {
  if (session.agentId === BOOTSTRAP_ADMIN.agentId)
    return session.credentialHash === bootstrapTokenHash ? { ...BOOTSTRAP_ADMIN } : undefined;
  const agent = await ctx.store.agents.getByTokenHash(session.credentialHash);
  if (agent?.id !== session.agentId) return undefined;
  // Console use is activity too (the agents page shows it): at most one write per 5 minutes.
  await touchAgent(ctx, agent.id, ctx.clock.now(), agent);
  return { agentId: agent.id, name: agent.name, role: agent.role };
}

/** Ends the session (sign-out); an unknown or already ended session is not an error. */
export async function signOut(ctx: CoreContext, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await ctx.store.sessions.delete(hashToken(sessionToken));
}
