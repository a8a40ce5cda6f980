// Start links (deep links printed as QR codes) in the table, newest first through gsi1. The count of
// subscriptions a link brought is an attribute of its own item: one UpdateItem ADD per subscription,
// atomic whatever the number of citizens scanning at once, and nothing about who.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StartLink } from '#core/links/start-link';
import { conflict } from '#core/shared/errors';
import type { StartLinkRepository } from '#core/store';
import { type TableRef, fromItem, toItem } from '../items';
import { allStartLinks, startLinkKey, startLinkKeys } from '../keys';
import { getItem, queryUpTo } from '../reads';
import { isConditionFailed, putNew } from '../writes';

export function createStartLinkRepository(table: TableRef): StartLinkRepository {
  return {
    async get(id) {
      const item = await getItem(table, startLinkKey(id));
      return item && fromItem(StartLink, item);
    },
    async list() {
      const items = await queryUpTo(table, allStartLinks(), undefined, { descending: true });
      return items.map((item) => fromItem(StartLink, item));
    },
    async create(link) {
      await putNew(table, toItem(startLinkKeys(link), link), () =>
        conflict(`le lien ${link.id} existe déjà`, 'start_link_unique'),
      );
    },
    async delete(id) {
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: startLinkKey(id) }));
    },
    async countSubscription(id) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: startLinkKey(id),
            // The condition keeps a deleted link deleted: an ADD alone would create a stub item.
            ConditionExpression: 'attribute_exists(#pk)',
            UpdateExpression: 'ADD #subscriptions :one',
            ExpressionAttributeNames: { '#pk': 'pk', '#subscriptions': 'subscriptions' },
            ExpressionAttributeValues: { ':one': 1 },
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
