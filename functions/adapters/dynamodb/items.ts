// How an entity becomes an item and back: the entity's fields plus its keys on write; on read the
// storage attributes are stripped and the rest is validated with the core's zod schema, so a
// corrupt or hand-edited item fails loudly, naming the item and the field, instead of leaking on.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { type ItemKeys, STORAGE_ATTRIBUTES } from './keys';
import { TABLE } from './table';

/** The table every repository works on. */
export interface TableRef {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export type Item = Record<string, unknown>;

/** A stored item that no longer matches its schema: a bug or a manual edit, never the caller's fault. */
export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
  constructor(
    readonly key: { pk: unknown; sk: unknown },
    readonly issues: string[],
  ) {
    super(`item ${String(key.pk)} / ${String(key.sk)} is corrupt: ${issues.join('; ')}`);
  }
}

export const toItem = (keys: ItemKeys, entity: object): Item & ItemKeys => ({ ...entity, ...keys });

/** The entity an item holds, validated; throws `CorruptItemError` when it does not parse. */
export function fromItem<S extends z.ZodType>(schema: S, item: Item): z.output<S> {
  const fields: Item = {};
  for (const [name, value] of Object.entries(item)) if (!STORAGE_ATTRIBUTES.includes(name)) fields[name] = value;
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw new CorruptItemError(
    { pk: item[TABLE.partitionKey], sk: item[TABLE.sortKey] },
    parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(item)'}: ${i.message}`),
  );
}
