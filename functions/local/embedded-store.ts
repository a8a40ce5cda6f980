// The embedded DynamoDB-compatible store of the local runtime: dynalite, persisted on disk under
// DATA_DIR, on a loopback port, with the table created from the shared definition if missing.
// DATA_DIR is private to its owner (0700, files 0600): the store holds chat ids and answers.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient, ensureTable } from '#adapters/dynamodb/client';
import { createDynamoStore } from '#adapters/dynamodb/store';
import type { Store } from '#core/store';
import { PRIVATE_FILE_MODE, ensurePrivateDir, makeTreePrivate } from './private-files';

/** A start-up problem the person running `npm start` can fix; printed without a stack trace. */
export class LocalStartError extends Error {
  override name = 'LocalStartError';
}

/**
 * One process per data directory: the store's files (LevelDB) take a lock, and a second process
 * would fail later, deep inside dynalite, with "Database is closed". Say it plainly instead.
 */
function lockDataDir(path: string): () => void {
  const file = join(path, 'porte-voix.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE_MODE });
  } catch {
    const pid = Number(readFileSync(file, 'utf8'));
    let alive: boolean;
    try {
      alive = Number.isInteger(pid) && pid !== process.pid && process.kill(pid, 0);
    } catch {
      alive = false; // no such process: the lock is stale (a crash, a kill -9)
    }
    if (alive)
      throw new LocalStartError(
        `Les données de ${path} sont déjà utilisées par un autre Porte-voix (processus ${pid}). ` +
          'Arrêtez-le (Ctrl-C), ou lancez celui-ci avec un autre DATA_DIR.',
      );
    writeFileSync(file, String(process.pid));
  }
  chmodSync(file, PRIVATE_FILE_MODE); // the mode given on creation is masked by the umask
  return () => rmSync(file, { force: true });
}

export interface EmbeddedStore {
  store: Store;
  client: DynamoDBDocumentClient;
  endpoint: string;
  close(): Promise<void>;
}

/** `dataDir` undefined: in memory (tests, benchmarks). */
export async function startEmbeddedStore(options: { dataDir?: string; tableName: string }): Promise<EmbeddedStore> {
  let path: string | undefined;
  let unlock = () => {};
  if (options.dataDir) {
    ensurePrivateDir(resolve(options.dataDir));
    path = join(resolve(options.dataDir), 'dynamodb');
    ensurePrivateDir(path);
    unlock = lockDataDir(resolve(options.dataDir));
  }
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createDocumentClient({ endpoint, region: 'local' });
  await ensureTable(client, options.tableName);
  // LevelDB creates its files with the process's umask (npm start sets 077, see main.ts); the ones
  // it has opened by now, and any left by an earlier version, are made private here.
  if (path) makeTreePrivate(path);
  return {
    store: createDynamoStore({ client, tableName: options.tableName }),
    client,
    endpoint,
    close: async () => {
      client.destroy();
      // The SDK keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      unlock();
    },
  };
}
