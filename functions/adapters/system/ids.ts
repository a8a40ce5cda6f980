// Random ids: 12 base62 characters (≈ 71 bits), short enough for Telegram's 64-byte
// callback_data, long enough never to collide; a conditional put refuses the unthinkable.
import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '#core/shared/ports';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const randomIds: IdGenerator = {
  next() {
    const bytes = randomBytes(16);
    let id = '';
    for (let i = 0; id.length < 12 && i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b < 248) id += ALPHABET[b % 62]; // 248 = 4 × 62: keeps the distribution uniform
    }
    return id.length === 12 ? id : randomIds.next();
  },
};
