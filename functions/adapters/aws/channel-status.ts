// Whether Telegram can work, as the admin API and the console tell agents (« Telegram non configuré »),
// judged from the Telegram secret as it is now (read with the secrets' max age): no token yet, or a
// secret that cannot be read, is said with its cause, never with a value.
import type { ChannelStatusReader, TelegramStatus } from '#core/channels/status';
import type { TelegramSecret } from './secret-shapes';

/** Why the secret does not make a working bot yet, in the agents' words (French); undefined: configured. */
export function telegramUnconfiguredReason(secret: TelegramSecret): string | undefined {
  if (!secret.botToken) return 'le jeton du bot n’est pas encore écrit dans le secret Telegram (npm run deploy)';
  if (!secret.webhookSecret)
    return 'le secret du webhook n’est pas encore écrit dans le secret Telegram (npm run deploy)';
  return undefined;
}

export function telegramChannelStatus(readTelegramSecret: () => Promise<TelegramSecret>): ChannelStatusReader {
  return async () => {
    let telegram: TelegramStatus;
    try {
      const reason = telegramUnconfiguredReason(await readTelegramSecret());
      telegram = reason ? { state: 'unconfigured', reason } : { state: 'configured' };
    } catch (error) {
      // SecretUnavailable's message names the secret and the cause (AccessDenied, a field path), not a value.
      telegram = { state: 'unavailable', reason: error instanceof Error ? error.message : 'secret illisible' };
    }
    return { telegram };
  };
}
