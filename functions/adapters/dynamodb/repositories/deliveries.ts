// The delivery ledger in the table: one line per campaign × channel × recipient, in the
// campaign's partition. `claim` is the conditional put that makes a recipient receive a campaign
// once however often dispatch runs; it stores the line as given (pending, or already an outcome).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Delivery } from '#core/delivery/delivery';
import type { DeliveryLedger } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { deliveriesOf, deliveryKey } from '../keys';
import { getItem, queryPage } from '../reads';
import { putNew } from '../writes';

const deliveryToItem = (d: Delivery) => toItem(deliveryKey(d.campaignId, d.channel, d.recipient), d);
const deliveryFromItem = (item: Item) => fromItem(Delivery, item);

export function createDeliveryLedger(table: TableRef): DeliveryLedger {
  return {
    async claim(delivery) {
      return putNew(table, deliveryToItem(delivery));
    },
    async get(campaignId, channel, recipient) {
      // Strongly consistent: a retry asks whether the line it claimed a moment ago was recorded.
      const item = await getItem(table, deliveryKey(campaignId, channel, recipient), true);
      return item && deliveryFromItem(item);
    },
    async update(delivery) {
      // Unconditional: only the worker that won the claim writes the line's outcome.
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: deliveryToItem(delivery) }));
    },
    async listByCampaign(campaignId, options) {
      const page = await queryPage(table, deliveriesOf(campaignId), options);
      return { ...page, items: page.items.map(deliveryFromItem) };
    },
  };
}
