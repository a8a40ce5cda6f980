// The single-item conditional writes every repository is built from. The embedded store has no
// transactions, so each rule the store enforces (create once, replace only the version read)
// rides on one PutItem's condition, and a refused condition becomes a domain error.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainError } from '#core/shared/errors';
import type { Item, TableRef } from './items';
import type { PrimaryKey } from './keys';
import { getItem } from './reads';

export const isConditionFailed = (e: unknown): boolean =>
  e instanceof Error && e.name === 'ConditionalCheckFailedException';

/**
 * Puts `item` only if no item has its key. Resolves true when written, false when the key exists;
 * pass `exists` to throw that error instead.
 */
export async function putNew(table: TableRef, item: Item & PrimaryKey): Promise<boolean>;
export async function putNew(table: TableRef, item: Item & PrimaryKey, exists: () => DomainError): Promise<true>;
export async function putNew(table: TableRef, item: Item & PrimaryKey, exists?: () => DomainError): Promise<boolean> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': 'pk' },
      }),
    );
    return true;
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    if (exists) throw exists();
    return false;
  }
}

/**
 * Replaces the item only if it still holds `expectedVersion` (optimistic locking). On refusal, one
 * consistent read tells a missing item (`missing`) from one changed meanwhile (`stale`): the read
 * costs only on the failure path, and it behaves the same on AWS and on dynalite.
 */
export async function putIfVersion(
  table: TableRef,
  item: Item & PrimaryKey,
  expectedVersion: number,
  errors: { missing: () => DomainError; stale: () => DomainError },
): Promise<void> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: item,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    const exists = await getItem(table, { pk: item.pk, sk: item.sk }, true);
    throw exists ? errors.stale() : errors.missing();
  }
}

/** A condition on an item's attributes, as DynamoDB takes it (`#name` and `:value` placeholders). */
export interface ItemCondition {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * Moves an item to another key with two single-item writes, in the order that loses nothing (no
 * transactions on dynalite): the copy first, so a crash before the delete leaves the item twice,
 * never zero times, and a retry finishes the move. `copyIf` lets a retry overwrite its own older
 * copy but never a newer item; `deleteIf` lets no change made meanwhile vanish with the original.
 * A refused condition becomes `changed()`.
 */
export async function moveItem(
  table: TableRef,
  move: { copy: Item & PrimaryKey; copyIf: ItemCondition; from: PrimaryKey; deleteIf: ItemCondition },
  changed: () => DomainError,
): Promise<void> {
  const orAbsent = (condition: ItemCondition) => ({
    ConditionExpression: `attribute_not_exists(#pk) OR (${condition.expression})`,
    ExpressionAttributeNames: { '#pk': 'pk', ...condition.names },
    ExpressionAttributeValues: condition.values,
  });
  try {
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: move.copy, ...orAbsent(move.copyIf) }));
    await table.client.send(
      new DeleteCommand({ TableName: table.tableName, Key: move.from, ...orAbsent(move.deleteIf) }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    throw changed();
  }
}
