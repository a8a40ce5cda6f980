// The command menu Telegram shows next to the message field: French by default, English for
// clients set to English. Registered at start-up (local runtime) or deploy, not per update.
// The menu is cosmetic: the commands work without it. So a Bot API that answers an error (5xx, a
// 429, a server that does not implement setMyCommands) never stops the bot: the menu is retried in
// the background, with backoff, until it is set, the attempts run out, or the bot stops.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type Telegram, TelegramError } from 'telegraf';
import { en } from '../messages/en';
import { fr } from '../messages/fr';

export async function registerCommands(telegram: Telegram): Promise<void> {
  await telegram.setMyCommands(fr.commands);
  await telegram.setMyCommands(en.commands, { language_code: 'en' });
}

export interface CommandMenuRetry {
  /** Stops the retries (the bot stops); the pending wait ends at once. */
  signal: AbortSignal;
  warn(message: string, fields: Record<string, unknown>): void;
  /** Waits `ms`, or rejects when `signal` aborts; injected by tests (no real time passes there). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  maxAttempts?: number;
  /** First wait; doubled after each failure, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export type CommandMenuOutcome = 'registered' | 'gave_up' | 'stopped';

const abortableSleep = (ms: number, signal: AbortSignal) => sleepFor(ms, undefined, { signal });

/** How long to wait before attempt `attempt + 1`: Telegram's retry_after when it says, else backoff. */
export function commandMenuDelayMs(error: unknown, attempt: number, base: number, max: number): number {
  const retryAfter = error instanceof TelegramError ? error.parameters?.retry_after : undefined;
  if (retryAfter !== undefined) return retryAfter * 1000;
  return Math.min(max, base * 2 ** (attempt - 1));
}

/**
 * Registers the menu, retrying on any error; resolves (never rejects) with what happened, so a
 * caller may leave it running unawaited. Each failure is logged as a warning, without the token.
 */
export async function registerCommandsWithRetry(
  telegram: Telegram,
  options: CommandMenuRetry,
): Promise<CommandMenuOutcome> {
  const { signal, sleep = abortableSleep, maxAttempts = 8, baseDelayMs = 2_000, maxDelayMs = 5 * 60_000 } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) return 'stopped';
    try {
      await registerCommands(telegram);
      return 'registered';
    } catch (error) {
      const last = attempt >= maxAttempts;
      const delayMs = commandMenuDelayMs(error, attempt, baseDelayMs, maxDelayMs);
      options.warn(last ? 'telegram command menu not registered, giving up' : 'telegram command menu not registered', {
        attempt,
        errorName: (error as Error).name,
        errorCode: error instanceof TelegramError ? error.code : undefined,
        errorMessage: (error as Error).message,
        ...(last ? {} : { retryInMs: delayMs }),
      });
      if (last) return 'gave_up';
      try {
        await sleep(delayMs, signal);
      } catch {
        return 'stopped'; // aborted while waiting
      }
    }
  }
}
