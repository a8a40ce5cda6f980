// The delivery ledger in the table: one line per campaign × channel × recipient, in the
// campaign's partition, and one lease per Telegram send job beside them. `claim` is the
// conditional put that makes a line be written once however often a job runs; it stores the line
// as given (pending, or already an outcome). A lease is taken with a conditional put (none there,
// or the expired one read), and released with a conditional delete (still ours). Erasure moves a
// person's lines to a random recipient id with a conditional copy, then a conditional delete.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Delivery, JobLease } from '#core/delivery/delivery';
import { conflict } from '#core/shared/errors';
import type { DeliveryLedger } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { deliveriesOf, deliveryKey, jobLeaseKey, jobLeasesOf } from '../keys';
import { getItem, queryPage, queryUpTo } from '../reads';
import { isConditionFailed, putNew } from '../writes';

const deliveryToItem = (d: Delivery) => toItem(deliveryKey(d.campaignId, d.channel, d.recipient), d);
const deliveryFromItem = (item: Item) => fromItem(Delivery, item);
const leaseFromItem = (item: Item) => fromItem(JobLease, item);

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
      // Unconditional: only the worker that won the claim (or holds the job's lease) writes the line's outcome.
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: deliveryToItem(delivery) }));
    },
    async listByCampaign(campaignId, options) {
      const page = await queryPage(table, deliveriesOf(campaignId), options);
      return { ...page, items: page.items.map(deliveryFromItem) };
    },
    moveTo: (delivery, recipient) => moveLine(table, delivery, recipient),
    async takeLease(lease, previous) {
      const item = toItem(jobLeaseKey(lease.campaignId, lease.job), lease);
      if (!previous) return putNew(table, item);
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.tableName,
            Item: item,
            ConditionExpression: '#owner = :owner AND #heldUntil = :heldUntil',
            ExpressionAttributeNames: { '#owner': 'owner', '#heldUntil': 'heldUntil' },
            ExpressionAttributeValues: { ':owner': previous.owner, ':heldUntil': previous.heldUntil },
          }),
        );
        return true;
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
        return false;
      }
    },
    async getLease(campaignId, job) {
      const item = await getItem(table, jobLeaseKey(campaignId, job), true);
      return item && leaseFromItem(item);
    },
    async releaseLease(campaignId, job, owner) {
      try {
        await table.client.send(
          new DeleteCommand({
            TableName: table.tableName,
            Key: jobLeaseKey(campaignId, job),
            ConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': owner },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e; // taken over meanwhile: the lease is no longer ours to release
      }
    },
    async listLeases(campaignId) {
      return (await queryUpTo(table, jobLeasesOf(campaignId))).map(leaseFromItem);
    },
  };
}

/**
 * Two single-item writes in the order that loses no line (no transactions on dynalite): finalize
 * counts a campaign's lines against its `recipientCount`, so a line missing even for a moment
 * could have a campaign still sending enqueue its audience again. The copy goes first: a crash
 * before the delete leaves the line twice (counted twice until the erasure is retried), never zero
 * times. The copy's condition lets a retry overwrite its own copy but never a newer one; the
 * delete's lets no change made meanwhile (a line marked uncertain by an overlapping job) vanish.
 */
async function moveLine(table: TableRef, line: Delivery, recipient: string): Promise<void> {
  const same = line.uncertain ? '#uncertain = :true' : 'attribute_not_exists(#uncertain)';
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: deliveryToItem({ ...line, recipient }),
        ConditionExpression: 'attribute_not_exists(#pk) OR #updatedAt <= :updatedAt',
        ExpressionAttributeNames: { '#pk': 'pk', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':updatedAt': line.updatedAt },
      }),
    );
    await table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: deliveryKey(line.campaignId, line.channel, line.recipient),
        ConditionExpression: `attribute_not_exists(#pk) OR (#updatedAt = :updatedAt AND #status = :status AND ${same})`,
        ExpressionAttributeNames: {
          '#pk': 'pk',
          '#updatedAt': 'updatedAt',
          '#status': 'status',
          '#uncertain': 'uncertain',
        },
        ExpressionAttributeValues: {
          ':updatedAt': line.updatedAt,
          ':status': line.status,
          ...(line.uncertain ? { ':true': true } : {}),
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    throw conflict('la ligne d’envoi a changé pendant l’effacement : recommencez', 'version_matches');
  }
}
