// Every read of the store: GetItem by key, or Query over one key range (keys.ts). Never a Scan:
// a scan's cost grows with the whole table, a query's with what it returns.
// Cursors are opaque to callers: base64url of the key of the last item of the page.
import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { invalid } from '#core/shared/errors';
import type { ListOptions, Page } from '#core/store';
import type { Item, TableRef } from './items';
import type { KeyRange, PrimaryKey } from './keys';
import { TABLE } from './table';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** The page size asked for, within 1…100; 50 when not given. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/** The raw item at `key`, if any. Strongly consistent reads are for checks right after a write. */
export async function getItem(table: TableRef, key: PrimaryKey, consistent = false): Promise<Item | undefined> {
  const out = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: consistent }),
  );
  return out.Item;
}

/** BatchGetItem takes at most this many keys per request. */
const BATCH_GET_MAX = 100;

/**
 * The raw items at `keys`, in their order (undefined where none): one BatchGetItem per 100 keys
 * instead of one GetItem each, what the send path pays per message. Keys DynamoDB leaves
 * unprocessed (throttling) are asked again until every one is answered.
 */
export async function getItems(
  table: TableRef,
  keys: readonly PrimaryKey[],
  consistent = false,
): Promise<(Item | undefined)[]> {
  const found = new Map<string, Item>();
  const id = (k: { pk: unknown; sk: unknown }) => `${String(k.pk)}\n${String(k.sk)}`;
  // Duplicates would make the request invalid: each key is asked once.
  const unique = [...new Map(keys.map((k) => [id(k), { pk: k.pk, sk: k.sk }])).values()];
  for (let start = 0; start < unique.length; start += BATCH_GET_MAX) {
    let pending: Record<string, unknown>[] = unique.slice(start, start + BATCH_GET_MAX);
    while (pending.length > 0) {
      const out = await table.client.send(
        new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: pending, ConsistentRead: consistent } } }),
      );
      for (const item of out.Responses?.[table.tableName] ?? []) found.set(id(item as PrimaryKey), item);
      pending = out.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    }
  }
  return keys.map((k) => found.get(id(k)));
}

export interface QueryOptions {
  /** Descending sort key: newest first for time-ordered keys. */
  descending?: boolean;
  /** Equality on plain attributes, applied after the key range (it narrows results, not cost). */
  where?: Record<string, string | number | boolean>;
  /** Any other filter, applied like `where` (its placeholders must not start with `#p`, `#s`, `#f`, `:p`, `:s`, `:f`). */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

/**
 * One page of a key range. Reads one item beyond the page to know whether another page exists,
 * so `next` is absent exactly on the last page; with a filter it keeps reading until the page is
 * full or the range is exhausted.
 */
export async function queryPage(
  table: TableRef,
  range: KeyRange,
  options: ListOptions & QueryOptions = {},
): Promise<Page<Item>> {
  const size = pageSize(options.limit);
  const items: Item[] = [];
  let start = decodeCursor(options.cursor, range);
  do {
    const out = await table.client.send(
      new QueryCommand({
        ...queryInput(table, range, options),
        Limit: size + 1 - items.length,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (items.length <= size && start);
  const page = items.slice(0, size);
  const last = page[page.length - 1];
  return items.length > size && last ? { items: page, next: encodeCursor(keyOf(last, range)) } : { items: page };
}

/** Up to `max` items of a key range (every item when `max` is omitted), read page after page. */
export async function queryUpTo(
  table: TableRef,
  range: KeyRange,
  max = Number.POSITIVE_INFINITY,
  options: QueryOptions = {},
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const remaining = max - items.length;
    const out = await table.client.send(
      new QueryCommand({
        ...queryInput(table, range, options),
        Limit: Number.isFinite(remaining) ? remaining : undefined,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (items.length < max && start);
  return items;
}

/** How many items a key range holds: a COUNT query reads keys only and returns no item. */
export async function countRange(table: TableRef, range: KeyRange): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.client.send(
      new QueryCommand({ ...queryInput(table, range, {}), Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

function queryInput(table: TableRef, range: KeyRange, options: QueryOptions): QueryCommandInput {
  const { partitionKey, sortKey } = keyAttributes(range);
  const names: Record<string, string> = { '#p': partitionKey };
  const values: Record<string, unknown> = { ':p': range.partition };
  let condition = '#p = :p';
  if (range.sort) {
    names['#s'] = sortKey;
    if ('beginsWith' in range.sort) {
      condition += ' AND begins_with(#s, :s)';
      values[':s'] = range.sort.beginsWith;
    } else if ('equals' in range.sort) {
      condition += ' AND #s = :s';
      values[':s'] = range.sort.equals;
    } else if ('atLeast' in range.sort) {
      condition += ' AND #s >= :s';
      values[':s'] = range.sort.atLeast;
    } else {
      condition += ' AND #s < :s';
      values[':s'] = range.sort.below;
    }
  }
  const filters = Object.entries(options.where ?? {}).map(([attribute, value], i) => {
    names[`#f${i}`] = attribute;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  if (options.filter) {
    filters.push(`(${options.filter.expression})`);
    Object.assign(names, options.filter.names);
    Object.assign(values, options.filter.values);
  }
  return {
    TableName: table.tableName,
    IndexName: range.index,
    KeyConditionExpression: condition,
    FilterExpression: filters.length ? filters.join(' AND ') : undefined,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: !options.descending,
  };
}

/** The attributes that key a range: the table's own, or an index's. */
function keyAttributes(range: KeyRange): { partitionKey: string; sortKey: string } {
  if (!range.index) return { partitionKey: TABLE.partitionKey, sortKey: TABLE.sortKey };
  const index = TABLE.indexes.find((i) => i.indexName === range.index);
  if (!index) throw new Error(`unknown index ${range.index}`);
  return index;
}

/** The key DynamoDB resumes after: the table key, plus the index key when reading an index. */
function keyOf(item: Item, range: KeyRange): Record<string, unknown> {
  const names: string[] = [TABLE.partitionKey, TABLE.sortKey];
  if (range.index) {
    const { partitionKey, sortKey } = keyAttributes(range);
    names.push(partitionKey, sortKey);
  }
  return Object.fromEntries(names.map((n) => [n, item[n]]));
}

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

const badCursor = () =>
  invalid('cursor', 'cursor_valid', 'curseur de pagination invalide pour cette liste : reprenez-la depuis le début');

/** DynamoDB's size limits on key values: a forged cursor past them would make the store itself refuse (a 500). */
const KEY_MAX_BYTES = { partition: 2048, sort: 1024 };

const isKeyValue = (value: unknown, maxBytes: number): value is string =>
  typeof value === 'string' && value.length > 0 && Buffer.byteLength(value, 'utf8') <= maxBytes;

/** Whether a sort key value lies in the range's sort condition, as DynamoDB requires of a start key. */
function inSortRange(value: string, sort: KeyRange['sort']): boolean {
  if (!sort) return true;
  if ('beginsWith' in sort) return value.startsWith(sort.beginsWith);
  if ('equals' in sort) return value === sort.equals;
  if ('atLeast' in sort) return value >= sort.atLeast;
  return value < sort.below;
}

/**
 * The start key a cursor stands for. A cursor is opaque but not signed, so anything may come back:
 * it is refused (an `Invalid` error on `cursor`, a 400) unless it is exactly a key of this list, with
 * values DynamoDB accepts (non-empty, within its sizes, the sort key inside the range's condition).
 */
function decodeCursor(cursor: string | undefined, range: KeyRange): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw badCursor();
  const record = key as Record<string, unknown>;
  const expected = Object.keys(keyOf({}, range));
  const names = Object.keys(record);
  const partitionKeys = new Set([TABLE.partitionKey, keyAttributes(range).partitionKey]);
  const wellFormed = expected.every((n) =>
    isKeyValue(record[n], partitionKeys.has(n) ? KEY_MAX_BYTES.partition : KEY_MAX_BYTES.sort),
  );
  if (names.length !== expected.length || !wellFormed) throw badCursor();
  const { partitionKey, sortKey } = keyAttributes(range);
  if (record[partitionKey] !== range.partition || !inSortRange(record[sortKey] as string, range.sort))
    throw badCursor();
  return record;
}
