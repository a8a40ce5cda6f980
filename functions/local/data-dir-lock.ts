// One process per data directory: the store's files (LevelDB) take a lock, and a second process
// would fail later, deep inside dynalite, with "Database is closed". The pid file says plainly who
// holds DATA_DIR, and must never refuse a restart after a crash: its holder is judged alive only if
// that very process still runs. A zombie (killed, not yet reaped) is dead; a pid reused by another
// process (a container restarted on the same volume numbers its processes alike) is not the holder,
// which the process's start time tells apart (Linux's /proc; elsewhere the pid alone).
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PRIVATE_FILE_MODE } from './private-files';

/** A holder that is stopping (an orphan whose `npm start` was killed, main.ts) is given this long to go. */
const HOLDER_GRACE_MS = 10_000;
const RECHECK_MS = 200;

interface ProcessState {
  /** R, S, D, Z (zombie)… from /proc/<pid>/stat. */
  state: string;
  /** Clock ticks since boot at which the process started: with the pid, who it is. */
  startTime: string;
}

/** /proc/<pid>/stat, where there is one (Linux). The command name may hold spaces and parentheses: fields follow the last ')'. */
function procStat(pid: number): ProcessState | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

/** What the pid file records: the pid, and its start time where the system tells it. */
export const identity = (pid: number) => [pid, procStat(pid)?.startTime].filter((v) => v !== undefined).join(' ');

/** Is the process that wrote `recorded` ("<pid> [<start time>]") still running? */
export function holderRuns(recorded: string): { pid: number; runs: boolean } {
  const [pidText, startTime] = recorded.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return { pid, runs: false };
  try {
    process.kill(pid, 0);
  } catch {
    // ESRCH: gone. EPERM: another user's process, so not ours (DATA_DIR is private to its owner).
    return { pid, runs: false };
  }
  const proc = procStat(pid);
  if (!proc) return { pid, runs: true };
  if (proc.state === 'Z') return { pid, runs: false }; // killed, waiting for its parent to reap it
  return { pid, runs: startTime === undefined || startTime === proc.startTime };
}

/** DATA_DIR taken for this process (`unlock` gives it back: a clean stop), or held by a running one. */
export type DataDirLock = { unlock: () => void } | { heldBy: number };

export async function lockDataDir(path: string, graceMs = HOLDER_GRACE_MS): Promise<DataDirLock> {
  const file = join(path, 'porte-voix.pid');
  const mine = identity(process.pid);
  try {
    writeFileSync(file, mine, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch {
    let holder = holderRuns(readFileSync(file, 'utf8'));
    for (let waited = 0; holder.runs && waited < graceMs; waited += RECHECK_MS) {
      await sleep(RECHECK_MS);
      holder = holderRuns(readFileSync(file, { encoding: 'utf8', flag: 'a+' }));
    }
    if (holder.runs) return { heldBy: holder.pid };
    writeFileSync(file, mine); // the holder is gone (a crash, a kill -9): the lock is stale
  }
  chmodSync(file, PRIVATE_FILE_MODE); // the mode given on creation is masked by the umask
  return {
    unlock: () => {
      // Only our own: a process that judged us gone and took over keeps its lock.
      const now = readFileSync(file, { encoding: 'utf8', flag: 'a+' });
      if (now === '' || now === mine) rmSync(file, { force: true });
    },
  };
}
