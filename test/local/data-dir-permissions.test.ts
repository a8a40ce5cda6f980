// DATA_DIR holds chat ids, answers and secrets: the folder is its owner's only (0700) and so are
// its files (0600), whatever the umask, including a folder an earlier version left world-readable.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startEmbeddedStore } from '#local/embedded-store';
import { bootstrapAdminToken, subscriberKey } from '#local/secrets';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'porte-voix-perms-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under `path` with its mode, e.g. { 'dynamodb/CURRENT': 0o600 }. */
function modesUnder(path: string, prefix = ''): Record<string, number> {
  const modes: Record<string, number> = {};
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    modes[name] = modeOf(join(path, entry.name));
    if (entry.isDirectory()) Object.assign(modes, modesUnder(join(path, entry.name), `${name}/`));
  }
  return modes;
}

it('creates DATA_DIR 0700 with the store, the lock and the secrets 0600, under a permissive umask', async () => {
  const dataDir = join(root, 'data');
  const previous = process.umask(0o022); // a common default: files 0644, folders 0755
  try {
    const embedded = await startEmbeddedStore({ dataDir, tableName: 'porte-voix' });
    const admin = bootstrapAdminToken(undefined, dataDir);
    subscriberKey(undefined, dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    const modes = modesUnder(dataDir);
    expect(Object.keys(modes)).toEqual(expect.arrayContaining(['admin-token', 'subscriber-key', 'porte-voix.pid']));
    expect(Object.keys(modes).some((name) => name.startsWith('dynamodb/'))).toBe(true);
    for (const [name, mode] of Object.entries(modes))
      expect({ name, mode: mode.toString(8) }).toEqual({
        name,
        mode: statSync(join(dataDir, name)).isDirectory() ? '700' : '600',
      });
    await embedded.close();
    expect(bootstrapAdminToken(undefined, dataDir)).toEqual({ value: admin.value, source: 'file' });
  } finally {
    process.umask(previous);
  }
});

it('makes a world-readable DATA_DIR left by an earlier version private at start', async () => {
  const dataDir = join(root, 'old');
  mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
  for (const name of ['admin-token', 'subscriber-key']) writeFileSync(join(dataDir, name), 'secret\n');
  for (const dir of [dataDir, join(dataDir, 'dynamodb')]) chmodSync(dir, 0o755);
  for (const name of ['admin-token', 'subscriber-key']) chmodSync(join(dataDir, name), 0o644);

  const embedded = await startEmbeddedStore({ dataDir, tableName: 'porte-voix' });
  bootstrapAdminToken(undefined, dataDir);
  subscriberKey(undefined, dataDir);
  await embedded.close();

  expect(modeOf(dataDir)).toBe(0o700);
  expect(modeOf(join(dataDir, 'dynamodb'))).toBe(0o700);
  expect(modeOf(join(dataDir, 'admin-token'))).toBe(0o600);
  expect(modeOf(join(dataDir, 'subscriber-key'))).toBe(0o600);
});
