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
});
export type Agent = z.infer<typeof Agent>;
