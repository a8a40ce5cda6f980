// An agent of the participation team and their API token. Tokens are shown once, stored hashed.
import * as z from 'zod';
import { Instant } from '../shared/schema';
import { SingleLineText } from '../shared/text';

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What each role may do; `admin` may also manage agents. */
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export const hasRole = (actual: Role, required: Role) => RANK[actual] >= RANK[required];

export const AgentInput = z.object({
  name: SingleLineText(100),
  role: Role,
});

export const Agent = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** SHA-256 of the token, hex. The token itself is never stored. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: Instant,
  createdBy: z.string(),
  /** Last authenticated request, to the nearest 5 minutes (touchAgent): absent until the first one. */
  lastActiveAt: Instant.optional(),
  /**
   * The agent's own Telegram chat, linked once through `/lier <code>`, where campaign tests go.
   * Never shown by the API, like the token's hash: only whether it is set (`telegramLinked`).
   */
  telegramChatId: z.number().int().optional(),
});
export type Agent = z.infer<typeof Agent>;

/** An agent as the API and the audit trail show it: no token hash, no chat id. */
export const VisibleAgent = Agent.omit({ tokenHash: true, telegramChatId: true }).extend({
  /** Whether the agent linked their Telegram chat (campaign tests can reach them). */
  telegramLinked: z.boolean(),
});
export type VisibleAgent = z.infer<typeof VisibleAgent>;

export function visibleAgent(agent: Agent): VisibleAgent {
  const { tokenHash: _hash, telegramChatId, ...visible } = agent;
  return { ...visible, telegramLinked: telegramChatId !== undefined };
}
