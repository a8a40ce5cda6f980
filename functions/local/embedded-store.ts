// The embedded DynamoDB-compatible store of the local runtime: dynalite, persisted on disk under
// DATA_DIR, on a loopback port, with the table created from the shared definition if missing.
// DATA_DIR is private to its owner (0700, files 0600): the store holds chat ids and answers.
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient, ensureTable } from '#adapters/dynamodb/client';
import { createDynamoStore } from '#adapters/dynamodb/store';
import type { Store } from '#core/store';
import { lockDataDir } from './data-dir-lock';
import { ensurePrivateDir, makeTreePrivate } from './private-files';

/** A start-up problem the person running `npm start` can fix; printed without a stack trace. */
export class LocalStartError extends Error {
  override name = 'LocalStartError';
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
    const lock = await lockDataDir(resolve(options.dataDir));
    if ('heldBy' in lock)
      throw new LocalStartError(
        `Les données de ${resolve(options.dataDir)} sont déjà utilisées par un autre Porte-voix (processus ${lock.heldBy}). ` +
          `Arrêtez-le (Ctrl-C, ou kill ${lock.heldBy}), ou lancez celui-ci avec un autre DATA_DIR.`,
      );
    unlock = lock.unlock;
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
