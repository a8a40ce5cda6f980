// Telegram update ids already handled: Telegram redelivers an update until it gets a 2xx, so the
// webhook handles each update_id once. One TTL'd item per id, written with a conditional put.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProcessedUpdates } from '#core/store';
import type { TableRef } from '../items';
import { processedUpdateKey } from '../keys';
import { TABLE } from '../table';
import { isConditionFailed } from '../writes';

/** Telegram keeps an unconfirmed update for 24 hours; a week covers every redelivery with room. */
export const PROCESSED_UPDATE_TTL_SECONDS = 7 * 24 * 60 * 60;

export function createProcessedUpdates(table: TableRef): ProcessedUpdates {
  return {
    async markFirstSeen(updateId, at) {
      const now = Math.floor(at.getTime() / 1000);
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { ...processedUpdateKey(updateId), [TABLE.ttlAttribute]: now + PROCESSED_UPDATE_TTL_SECONDS },
            // dynalite never deletes expired items (AWS does, within days), so an expired item
            // that is still there counts as not seen, on both runtimes alike.
            ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt < :now',
            ExpressionAttributeNames: { '#pk': 'pk', '#expiresAt': TABLE.ttlAttribute },
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionFailed(e)) return false;
        throw e;
      }
    },
  };
}
