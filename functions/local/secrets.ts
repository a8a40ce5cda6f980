// Secrets of the local runtime: taken from the environment when set, else generated at first start
// and kept under DATA_DIR (mode 600), so a restart keeps the same admin token and, above all, the
// same subscriber key (a new key would turn every subscriber into a stranger).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '#core/agents/tokens';

export interface LocalSecret {
  value: string;
  source: 'env' | 'file' | 'generated';
}

function persistedSecret(
  configured: string | undefined,
  dataDir: string,
  fileName: string,
  generate: () => string,
): LocalSecret {
  if (configured) return { value: configured, source: 'env' };
  const file = join(dataDir, fileName);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, source: 'generated' };
}

export const bootstrapAdminToken = (configured: string | undefined, dataDir: string) =>
  persistedSecret(configured, dataDir, 'admin-token', newToken);

export const subscriberKey = (configured: string | undefined, dataDir: string) =>
  persistedSecret(configured, dataDir, 'subscriber-key', () => randomBytes(32).toString('base64url'));

/** Telegram sends it back with every webhook call; a fresh one per start is enough (setWebhook re-registers it). */
export const webhookSecret = (configured: string | undefined) => configured ?? randomBytes(24).toString('base64url');
