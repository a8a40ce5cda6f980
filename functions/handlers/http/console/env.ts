// What the console's middleware leaves for its pages: the signed-in agent and a one-shot notice.
import type { Hono } from 'hono';
import type { AuthenticatedAgent } from '#core/agents/use-cases';

export interface ConsoleEnv {
  Variables: {
    agent: AuthenticatedAgent;
    /** A notice from the previous request (« Campagne programmée »), shown once. */
    notice?: string;
  };
}

export type ConsoleApp = Hono<ConsoleEnv>;

/** Options the console shares with the admin API. */
export interface ConsoleOptions {
  /** SHA-256 of the bootstrap `ADMIN_TOKEN`. */
  bootstrapTokenHash?: string;
}
