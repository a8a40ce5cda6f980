// Whether each outbound channel can work right now, as agents need to know it before they schedule:
// on AWS the bot token and the X keys are written by the operator after the first deploy, so for a
// while (or after a revoked token) Telegram is « non configuré ». The API and the console say so;
// campaigns are still accepted, and their Telegram jobs wait until the token is there.
export type TelegramStatus =
  | { state: 'configured' }
  /** No bot token or no webhook secret in the secret yet (the first deploy, before `npm run deploy` wrote them). */
  | { state: 'unconfigured'; reason: string }
  /** The secret could not be read (permission, network, unexpected shape): `reason` names what, never a value. */
  | { state: 'unavailable'; reason: string };

export type XStatus = { state: 'configured' } | { state: 'outbox'; reason: string };

export interface ChannelStatus {
  telegram: TelegramStatus;
  /** Absent where the process cannot know (the admin API reads no X secret on AWS). */
  x?: XStatus;
}

/** How a process learns the status: read fresh (within the secrets' max age) at each call. */
export type ChannelStatusReader = () => Promise<ChannelStatus>;

/** The words agents read, in one place: « Telegram non configuré » is how the team says it. */
export const TELEGRAM_UNCONFIGURED_LABEL = 'Telegram non configuré';
