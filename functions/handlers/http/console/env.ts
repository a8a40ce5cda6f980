// What the console's middleware leaves for its pages: the signed-in agent, a one-shot notice and the
// channels' status for the banner.
import type { Hono } from 'hono';
import type { AuthenticatedAgent } from '#core/agents/use-cases';
import type { ChannelStatus } from '#core/channels/status';

export interface ConsoleEnv {
  Variables: {
    agent: AuthenticatedAgent;
    /** A notice from the previous request (« Campagne programmée »), shown once. */
    notice?: string;
    /** Reads whether Telegram can send (ui/channel-banner.tsx): only full pages call it, for their banner. */
    channelStatus?: () => Promise<ChannelStatus>;
  };
}

export type ConsoleApp = Hono<ConsoleEnv>;

/** Options the console shares with the admin API. */
export interface ConsoleOptions {
  /** SHA-256 of the bootstrap `ADMIN_TOKEN`. */
  bootstrapTokenHash?: string;
}
