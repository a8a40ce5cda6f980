// Subscribers in the table: one item each, partitioned by status in gsi1 so that a campaign's
// fan-out pages through the active ones only. Changing status moves the item between partitions.
// Growth counters: one item per Paris day, two numbers, added to by one UpdateItem each.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '#core/shared/errors';
import type { SubscriberRepository } from '#core/store';
import { Subscriber, SubscriberStatus } from '#core/subscribers/subscriber';
import * as z from 'zod';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import {
  subscriberGrowthKey,
  subscriberGrowthSince,
  subscriberKey,
  subscriberKeys,
  subscriberStatusPartition,
  subscribersWithStatus,
} from '../keys';
import { countRange, getItem, getItems, queryPage, queryUpTo } from '../reads';
import { isConditionFailed } from '../writes';

const subscriberToItem = (s: Subscriber) => toItem(subscriberKeys(s), s);
const subscriberFromItem = (item: Item) => fromItem(Subscriber, item);

const count = z.number().int().min(0).default(0);
const GrowthDay = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), joined: count, left: count });

export function createSubscriberRepository(table: TableRef): SubscriberRepository {
  return {
    async get(id) {
      const item = await getItem(table, subscriberKey(id));
      return item && subscriberFromItem(item);
    },
    async getMany(ids) {
      return (await getItems(table, ids.map(subscriberKey))).map((item) => item && subscriberFromItem(item));
    },
    async put(subscriber) {
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: subscriberToItem(subscriber) }));
    },
    async setStatus(id, status, at) {
      // One UpdateItem, not read-then-put: a 403 "blocked" while sending must not race the
      // subscriber's own edits of their follows. gsi1pk moves with the status.
      // UPDATED_OLD answers the status replaced at no extra cost: the growth counters need to know
      // whether someone stopped being active.
      try {
        const out = await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: subscriberKey(id),
            UpdateExpression: 'SET #status = :status, #updatedAt = :at, #gsi1pk = :partition',
            ConditionExpression: 'attribute_exists(#pk)',
            ReturnValues: 'UPDATED_OLD',
            ExpressionAttributeNames: {
              '#status': 'status',
              '#updatedAt': 'updatedAt',
              '#gsi1pk': 'gsi1pk',
              '#pk': 'pk',
            },
            ExpressionAttributeValues: {
              ':status': status,
              ':at': at,
              ':partition': subscriberStatusPartition(status),
            },
          }),
        );
        return SubscriberStatus.parse(out.Attributes?.status);
      } catch (e) {
        if (isConditionFailed(e)) throw notFound('Abonné', id);
        throw e;
      }
    },
    async markConsentAsked(id, version, at) {
      // Conditional, not read-then-put: two send jobs reaching the same subscriber at once ask once.
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: subscriberKey(id),
            UpdateExpression: 'SET #asked = :version, #updatedAt = :at',
            ConditionExpression:
              'attribute_exists(#pk) AND #status = :active AND (attribute_not_exists(#asked) OR #asked < :version)',
            ExpressionAttributeNames: {
              '#asked': 'consentAskedFor',
              '#updatedAt': 'updatedAt',
              '#status': 'status',
              '#pk': 'pk',
            },
            ExpressionAttributeValues: { ':version': version, ':at': at, ':active': 'active' },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionFailed(e)) return false;
        throw e;
      }
    },
    async delete(id) {
      // The only item holding the chat id. eraseSubscriber has moved the responses and the Telegram
      // ledger lines to a random pseudonym before calling this, so the HMAC pseudonym leads back to nothing.
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: subscriberKey(id) }));
    },
    async countByStatus() {
      const statuses = SubscriberStatus.options;
      const counts = await Promise.all(statuses.map((status) => countRange(table, subscribersWithStatus(status))));
      return Object.fromEntries(statuses.map((status, i) => [status, counts[i]!])) as Record<SubscriberStatus, number>;
    },
    async listActive(options) {
      const page = await queryPage(table, subscribersWithStatus('active'), options);
      return { ...page, items: page.items.map(subscriberFromItem) };
    },
    async addGrowth(day, change) {
      // ADD creates the item and its numbers on the day's first change: no read, no condition.
      const added = Object.entries(change).filter(([, n]) => n);
      if (added.length === 0) return;
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: subscriberGrowthKey(day),
          UpdateExpression: `SET #day = :day ADD ${added.map(([name]) => `#${name} :${name}`).join(', ')}`,
          ExpressionAttributeNames: { '#day': 'day', ...Object.fromEntries(added.map(([name]) => [`#${name}`, name])) },
          ExpressionAttributeValues: { ':day': day, ...Object.fromEntries(added.map(([name, n]) => [`:${name}`, n])) },
        }),
      );
    },
    async listGrowth(fromDay) {
      // A day's item is ~60 bytes: a year of them is one page of a Query.
      return (await queryUpTo(table, subscriberGrowthSince(fromDay))).map((item) => fromItem(GrowthDay, item));
    },
  };
}
