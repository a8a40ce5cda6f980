// The embedded store (in-memory dynalite, the table from its one definition) with every request
// counted on its way to the table: the cost targets are DynamoDB writes per delivered message and
// per answer, and a write request is what AWS bills (one write unit per started KB, refused
// conditional writes included). Counting happens at the document client's `send`, below every
// repository, so nothing in our code can be missed or counted twice.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '#core/store';
import { type TestStore, startTestStore } from '../test/support/dynalite';

export interface RequestCounts {
  writes: number;
  reads: number;
  /** Requests by command name (PutCommand, QueryCommand…). */
  byCommand: Record<string, number>;
  /** Write requests by the entity their key names (`CAMPAIGN`, `SUBSCRIBER`, `UPDATE`…), and by `entity/sk prefix` for items that share a partition. */
  writesByEntity: Record<string, number>;
}

export interface CountingStore {
  store: Store;
  tableName: string;
  /** Counts since the last `reset()`. */
  counts(): RequestCounts;
  reset(): void;
  close(): Promise<void>;
}

const WRITE_COMMANDS = new Set([
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
]);
const BATCH_WRITE_COMMANDS = new Set([
  'BatchWriteCommand',
  'BatchWriteItemCommand',
  'TransactWriteCommand',
  'TransactWriteItemsCommand',
]);

const emptyCounts = (): RequestCounts => ({ writes: 0, reads: 0, byCommand: {}, writesByEntity: {} });

/** `CAMPAIGN#abc` / `DELIVERY#telegram#x` → `CAMPAIGN/DELIVERY`; `SUBSCRIBER#…` / `SUBSCRIBER` → `SUBSCRIBER`. */
function entityOf(input: { Item?: Record<string, unknown>; Key?: Record<string, unknown> }): string {
  const key = input.Item ?? input.Key ?? {};
  const pk = (typeof key.pk === 'string' ? key.pk : '?').split('#')[0]!;
  const sk = (typeof key.sk === 'string' ? key.sk : '').split('#')[0]!;
  return sk && sk !== pk ? `${pk}/${sk}` : pk;
}

export async function startCountingStore(options: { tableName?: string } = {}): Promise<CountingStore> {
  const testStore: TestStore = await startTestStore(options);
  let counts = emptyCounts();
  const client = testStore.client as DynamoDBDocumentClient & {
    send: (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  };
  const send = client.send.bind(client);
  // The repositories call `table.client.send(...)` on this very object at each request.
  client.send = (command: unknown, ...rest: unknown[]) => {
    const name = (command as object).constructor.name;
    const input = (command as { input?: Record<string, unknown> }).input ?? {};
    counts.byCommand[name] = (counts.byCommand[name] ?? 0) + 1;
    if (WRITE_COMMANDS.has(name)) {
      counts.writes++;
      const entity = entityOf(input);
      counts.writesByEntity[entity] = (counts.writesByEntity[entity] ?? 0) + 1;
    } else if (BATCH_WRITE_COMMANDS.has(name)) {
      // Not used by the store today; each item in a batch or transaction is billed as a write (twice in a transaction).
      const items =
        Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).flat().length ||
        ((input.TransactItems as unknown[]) ?? []).length;
      counts.writes += name.startsWith('Transact') ? 2 * items : items;
      counts.writesByEntity[name] = (counts.writesByEntity[name] ?? 0) + items;
    } else counts.reads++;
    return send(command, ...rest);
  };
  return {
    store: testStore.store,
    tableName: testStore.tableName,
    counts: () => structuredClone(counts),
    reset: () => void (counts = emptyCounts()),
    close: () => testStore.close(),
  };
}
