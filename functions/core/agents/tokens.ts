// API tokens of agents: random, shown once, stored only as a SHA-256 hash. A token is 32 random
// bytes, so a fast hash is enough (no password stretching needed) and lookups stay one GetItem.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = () => `pv_${randomBytes(32).toString('base64url')}`;
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
