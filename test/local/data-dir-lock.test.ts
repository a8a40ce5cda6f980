// The data-directory lock never refuses a restart after a crash (a kill -9, a zombie not yet
// reaped, a pid reused by another process) and still refuses a second Porte-voix while the first runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { identity, lockDataDir } from '#local/data-dir-lock';

let dir: string;
let children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porte-voix-lock-'));
});
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children = [];
  rmSync(dir, { recursive: true, force: true });
});

const pidFile = () => join(dir, 'porte-voix.pid');

/** A process that runs until it is killed, or for the given script. */
async function child(script = 'setInterval(() => {}, 1000)') {
  const proc = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  children.push(proc);
  await once(proc, 'spawn');
  return proc;
}

it('takes DATA_DIR from a holder killed with SIGKILL, at once', async () => {
  const holder = await child();
  writeFileSync(pidFile(), identity(holder.pid!));
  holder.kill('SIGKILL');
  await once(holder, 'exit');
  const lock = await lockDataDir(dir, 0);
  expect(lock).toHaveProperty('unlock');
  expect(readFileSync(pidFile(), 'utf8')).toBe(identity(process.pid));
});

it('refuses DATA_DIR while its holder runs', async () => {
  const holder = await child();
  writeFileSync(pidFile(), identity(holder.pid!));
  expect(await lockDataDir(dir, 0)).toEqual({ heldBy: holder.pid });
  expect(readFileSync(pidFile(), 'utf8')).toBe(identity(holder.pid!));
});

it('waits for a holder that is stopping, then takes DATA_DIR', async () => {
  const holder = await child('setTimeout(() => {}, 300)');
  writeFileSync(pidFile(), identity(holder.pid!));
  expect(await lockDataDir(dir, 60_000)).toHaveProperty('unlock');
});

it.runIf(process.platform === 'linux')(
  'takes DATA_DIR from a pid now another process’s (a restarted container)',
  async () => {
    const other = await child();
    // The recorded holder had this pid, but started at another time: it is gone, the pid reused.
    writeFileSync(pidFile(), `${other.pid} 1`);
    const lock = await lockDataDir(dir, 0);
    expect(lock).toHaveProperty('unlock');
    if ('unlock' in lock) lock.unlock();
    expect(() => readFileSync(pidFile())).toThrow();
  },
);

it('takes DATA_DIR from a pid file of an earlier version (the pid alone) whose process is gone', async () => {
  const holder = await child();
  holder.kill('SIGKILL');
  await once(holder, 'exit');
  writeFileSync(pidFile(), String(holder.pid));
  expect(await lockDataDir(dir, 0)).toHaveProperty('unlock');
});
