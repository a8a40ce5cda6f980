// Test harness for anything that needs a real store: the local runtime's embedded dynalite, in
// memory, on a random port of 127.0.0.1, with a table of its own. Starting one takes a few
// milliseconds, so each test file (or each test) can have its own.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '#core/store';
import { startEmbeddedStore } from '#local/embedded-store';

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
  const tableName = options.tableName ?? `test-${randomUUID().slice(0, 8)}`;
  const { store, client, close } = await startEmbeddedStore({ tableName });
  return { store, client, tableName, close };
}
