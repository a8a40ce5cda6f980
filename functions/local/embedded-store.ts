// The embedded DynamoDB-compatible store of the local runtime: dynalite, persisted on disk under
// DATA_DIR, on a loopback port, with the table created from the shared definition if missing.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import dynalite from 'dynalite';
import { createDocumentClient, ensureTable } from '#adapters/dynamodb/client';
import { createDynamoStore } from '#adapters/dynamodb/store';
import type { Store } from '#core/store';

export interface EmbeddedStore {
  store: Store;
  endpoint: string;
  close(): Promise<void>;
}

/** `dataDir` undefined: in memory (tests, benchmarks). */
export async function startEmbeddedStore(options: { dataDir?: string; tableName: string }): Promise<EmbeddedStore> {
  let path: string | undefined;
  if (options.dataDir) {
    path = join(resolve(options.dataDir), 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createDocumentClient({ endpoint, region: 'local' });
  await ensureTable(client, options.tableName);
  return {
    store: createDynamoStore({ client, tableName: options.tableName }),
    endpoint,
    close: async () => {
      client.destroy();
      // The SDK keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
