// The delivery ledger in the table: one line per campaign × channel × recipient, in the
// campaign's partition, and one lease per Telegram send job beside them. `claim` is the
// conditional put that makes a line be written once however often a job runs; it stores the line
// as given (pending, or already an outcome). A lease is taken with a conditional put (none there,
// or the expired one read), and released with a conditional delete (still ours). Erasure moves a
// person's lines to a random recipient id with a conditional copy, then a conditional delete. The
// campaign's job counters (a hint for finalize and the progress page) are one item beside them.
// Lines and leases carry `expiresAt`: AWS deletes them DELIVERY_RETENTION_DAYS after they were first
// written (core/delivery/retention.ts); the counters stay, like the counts on the campaign.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Delivery, JobLease } from '#core/delivery/delivery';
import { JobCounters } from '#core/delivery/job-counters';
import { deliveryExpiry } from '#core/delivery/retention';
import { conflict } from '#core/shared/errors';
import type { DeliveryLedger } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { deliveriesOf, deliveryKey, jobCountersKey, jobLeaseKey, jobLeasesOf } from '../keys';
import { getItem, getItems, queryPage, queryUpTo } from '../reads';
import { TABLE } from '../table';
import { isConditionFailed, moveItem, putNew } from '../writes';

/** Epoch seconds, as the TTL wants them. Counted from the first write, so every rewrite (and an erasure's copy) keeps it. */
const expiresAt = (firstWritten: string) => ({
  [TABLE.ttlAttribute]: Math.ceil(deliveryExpiry(firstWritten).getTime() / 1000),
});
const deliveryToItem = (d: Delivery) => ({
  ...toItem(deliveryKey(d.campaignId, d.channel, d.recipient), d),
  ...expiresAt(d.createdAt),
});
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
    async getMany(campaignId, channel, recipients) {
      const keys = recipients.map((recipient) => deliveryKey(campaignId, channel, recipient));
      return (await getItems(table, keys, true)).map((item) => item && deliveryFromItem(item));
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
      // A lease is released by a delete; one whose worker died and that no one took over would stay forever.
      const item = { ...toItem(jobLeaseKey(lease.campaignId, lease.job), lease), ...expiresAt(lease.takenAt) };
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
    async addCounters(campaignId, change, at) {
      // ADD creates the item and its numbers at the first job: no read, no condition, racing jobs both count.
      const added = Object.entries(change).filter(([, n]) => n);
      if (added.length === 0) return;
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: jobCountersKey(campaignId),
          UpdateExpression: `SET #campaignId = :campaignId, #updatedAt = :at ADD ${added.map(([name]) => `#${name} :${name}`).join(', ')}`,
          ExpressionAttributeNames: {
            '#campaignId': 'campaignId',
            '#updatedAt': 'updatedAt',
            ...Object.fromEntries(added.map(([name]) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ':campaignId': campaignId,
            ':at': at,
            ...Object.fromEntries(added.map(([name, n]) => [`:${name}`, n])),
          },
        }),
      );
    },
    async getCounters(campaignId) {
      const item = await getItem(table, jobCountersKey(campaignId));
      return item && fromItem(JobCounters, item);
    },
    async putCounters(counters) {
      await table.client.send(
        new PutCommand({ TableName: table.tableName, Item: toItem(jobCountersKey(counters.campaignId), counters) }),
      );
    },
  };
}

/**
 * Erasure (eraseSubscriber): the line moves to the random pseudonym. No line may be missing even for
 * a moment: finalize counts a campaign's lines against its `recipientCount`, so a campaign still
 * sending would enqueue its audience again (`moveItem` copies first). The delete's condition keeps a
 * line changed meanwhile (marked uncertain by an overlapping job) from vanishing.
 */
function moveLine(table: TableRef, line: Delivery, recipient: string): Promise<void> {
  const sameUncertain = line.uncertain ? '#uncertain = :true' : 'attribute_not_exists(#uncertain)';
  return moveItem(
    table,
    {
      copy: deliveryToItem({ ...line, recipient }),
      copyIf: {
        expression: '#updatedAt <= :updatedAt',
        names: { '#updatedAt': 'updatedAt' },
        values: { ':updatedAt': line.updatedAt },
      },
      from: deliveryKey(line.campaignId, line.channel, line.recipient),
      deleteIf: {
        expression: `#updatedAt = :updatedAt AND #status = :status AND ${sameUncertain}`,
        names: { '#updatedAt': 'updatedAt', '#status': 'status', '#uncertain': 'uncertain' },
        values: { ':updatedAt': line.updatedAt, ':status': line.status, ...(line.uncertain ? { ':true': true } : {}) },
      },
    },
    () => conflict('la ligne d’envoi a changé pendant l’effacement : recommencez', 'version_matches'),
  );
}
