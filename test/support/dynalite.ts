// Test harness for anything that needs a real store: an in-memory dynalite on a random port of
// 127.0.0.1, the table created from its one definition, and the DynamoDB store on top. Starting
// one takes a few milliseconds, so each test file (or each test) can have its own.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import type { Store } from '#core/store';
import { createDocumentClient, ensureTable } from '#adapters/dynamodb/client';
import { createDynamoStore } from '#adapters/dynamodb/store';

export interface TestStore {
  store: Store;
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Stops the client and the server; the data is gone. */
  close(): Promise<void>;
}

// The SDK warns once per process that Node 20 support ends in 2027: true, but noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export async function startTestStore(options: { tableName?: string } = {}): Promise<TestStore> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const client = createDocumentClient({ endpoint: `http://127.0.0.1:${port}`, region: 'local' });
  const tableName = options.tableName ?? `test-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    store: createDynamoStore({ client, tableName }),
    client,
    tableName,
    async close() {
      client.destroy();
      // The SDK keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
