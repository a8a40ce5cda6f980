// Secrets of the local runtime: taken from the environment when set, else generated at first start
// and kept under DATA_DIR (folder 0700, file 0600), so a restart keeps the same admin token and, above all, the
// same subscriber key (a new key would turn every subscriber into a stranger).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '#core/agents/tokens';
import { PRIVATE_FILE_MODE, ensurePrivateDir } from './private-files';

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
  ensurePrivateDir(dataDir);
  if (existsSync(file)) {
    chmodSync(file, PRIVATE_FILE_MODE); // written world-readable by an earlier version
    return { value: readFileSync(file, 'utf8').trim(), source: 'file' };
  }
  const value = generate();
  // 'wx': never overwrite a secret; the mode is set again in case the umask masked it.
  writeFileSync(file, `${value}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  chmodSync(file, PRIVATE_FILE_MODE);
  return { value, source: 'generated' };
}

export const bootstrapAdminToken = (configured: string | undefined, dataDir: string) =>
  persistedSecret(configured, dataDir, 'admin-token', newToken);

export const subscriberKey = (configured: string | undefined, dataDir: string) =>
  persistedSecret(configured, dataDir, 'subscriber-key', () => randomBytes(32).toString('base64url'));

/** Telegram sends it back with every webhook call; a fresh one per start is enough (setWebhook re-registers it). */
export const webhookSecret = (configured: string | undefined) => configured ?? randomBytes(24).toString('base64url');
