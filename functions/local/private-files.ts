// The local runtime's files hold chat ids, answers and secrets: DATA_DIR is readable by its owner
// only (folder 0700, files 0600). Modes are set explicitly, whatever the process's umask, and
// fixed at start on a folder created by an earlier version (which left 0755 and 0644).
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) if needed; the folder itself ends 0700. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE); // mkdir's mode is masked by the umask, and ignored when it exists
}

/** Folder 0700 and everything below it 0700 (folders) / 0600 (files): for folders we own entirely. */
export function makeTreePrivate(path: string): void {
  chmodSync(path, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) makeTreePrivate(child);
    else if (entry.isFile()) chmodSync(child, PRIVATE_FILE_MODE);
  }
}
