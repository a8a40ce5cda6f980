// The bootstrap admin token of the local runtime: ADMIN_TOKEN when set, else the one generated at
// first start and kept under DATA_DIR (mode 600), so a restart keeps the same token.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '#core/agents/tokens';

export function bootstrapAdminToken(configured: string | undefined, dataDir: string): { token: string; source: 'env' | 'file' | 'generated' } {
  if (configured) return { token: configured, source: 'env' };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, source: 'generated' };
}
