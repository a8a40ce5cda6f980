// A console session: what an agent's browser holds instead of their API token. The browser keeps a
// random session token in an HttpOnly cookie; the table keeps only its SHA-256 (like API tokens), so
// a leaked table opens no session. Sessions expire (idle and absolute), end at sign-out, and die with
// the credential they were opened with: a revoked agent or a rotated bootstrap token ends them all.
import * as z from 'zod';
import { Instant } from '../shared/schema';

/** A console left alone this long asks to sign in again. */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** However active, a session ends this long after sign-in (a working day). */
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** `lastSeenAt` is refreshed at most this often: no write per page view. */
export const SESSION_TOUCH_MS = 5 * 60_000;

export const Session = z.object({
  /** SHA-256 of the session token, hex: the token itself is never stored. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  agentId: z.string(),
  /** SHA-256 of the token the agent signed in with: the session lives only while it is valid. */
  credentialHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: Instant,
  lastSeenAt: Instant,
  /** Absolute end: `createdAt` + SESSION_MAX_MS. */
  endsAt: Instant,
});
export type Session = z.infer<typeof Session>;

/** Why a session no longer opens the console, or undefined while it does. */
export function sessionExpiry(session: Session, now: Date): 'ended' | 'idle' | undefined {
  if (now.getTime() >= Date.parse(session.endsAt)) return 'ended';
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_IDLE_MS) return 'idle';
  return undefined;
}
