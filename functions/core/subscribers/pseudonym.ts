// A subscriber's key: a keyed hash (HMAC-SHA256) of the Telegram chat id. GDPR pseudonymisation:
// responses, exports and logs carry this, never the chat id; without the secret it leads to no one.
// Being deterministic, it finds the same person again: so an erasure files their responses under
// a random pseudonym instead, which nothing can recompute (see eraseSubscriber).
import { createHmac, randomBytes } from 'node:crypto';

/** 32 hex characters (128 bits): collision-free at any city's scale, short in keys and logs. */
export const PSEUDONYM_LENGTH = 32;

export function pseudonymFor(chatId: number, secret: string): string {
  // An empty key would make the hash a plain, reversible digest of a small number space.
  if (secret.length === 0) throw new TypeError('SUBSCRIBER_KEY_SECRET est vide : le pseudonyme ne protégerait rien');
  return createHmac('sha256', secret).update(String(chatId)).digest('hex').slice(0, PSEUDONYM_LENGTH);
}

/** A pseudonym of the same shape that no chat id and no secret leads to: 128 random bits. */
export const randomPseudonym = (): string => randomBytes(PSEUDONYM_LENGTH / 2).toString('hex');
