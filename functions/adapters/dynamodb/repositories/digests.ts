// Digests in the table (core/digests/digest.ts): one item per subscriber × due time. Every change is
// one conditional UpdateItem: joining ADDs the campaign to a string set while the digest is open
// (a set: joining twice changes nothing); claiming, recording parts, releasing and finishing are
// conditioned on the claim read, so two ticks never send one digest and a late joiner is refused.
import { DeleteCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { Digest, type DigestPart } from '#core/digests/digest';
import type { DigestRepository } from '#core/digests/digest';
import { type Item, type TableRef, fromItem } from '../items';
import { digestDueKeys, digestKey, digestsDue, digestsOf } from '../keys';
import { queryUpTo } from '../reads';
import { TABLE } from '../table';
import { isConditionFailed } from '../writes';

/** The string set comes back as a JS Set: the entity holds it as a sorted array. */
function digestFromItem(item: Item): Digest {
  const campaigns = item.campaigns instanceof Set ? [...(item.campaigns as Set<string>)].sort() : item.campaigns;
  return fromItem(Digest, { ...item, campaigns });
}

/** Runs a conditional update; false when its condition is refused. */
async function updateIf(table: TableRef, input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
  try {
    await table.client.send(new UpdateCommand({ TableName: table.tableName, ...input }));
    return true;
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    return false;
  }
}

const OWNED = { ConditionExpression: '#owner = :owner', names: { '#owner': 'owner' } };

export function createDigestRepository(table: TableRef): DigestRepository {
  return {
    add(subscriberId, dueAt, campaignId, at) {
      return updateIf(table, {
        Key: digestKey(subscriberId, dueAt),
        UpdateExpression:
          'ADD #campaigns :campaign SET #status = if_not_exists(#status, :open), #subscriberId = :subscriberId, ' +
          '#dueAt = :dueAt, #createdAt = if_not_exists(#createdAt, :at), #updatedAt = :at, #gsi2pk = :gsi2pk, #gsi2sk = :gsi2sk',
        ConditionExpression: 'attribute_not_exists(#pk) OR #status = :open',
        ExpressionAttributeNames: {
          '#pk': TABLE.partitionKey,
          '#campaigns': 'campaigns',
          '#status': 'status',
          '#subscriberId': 'subscriberId',
          '#dueAt': 'dueAt',
          '#createdAt': 'createdAt',
          '#updatedAt': 'updatedAt',
          '#gsi2pk': 'gsi2pk',
          '#gsi2sk': 'gsi2sk',
        },
        ExpressionAttributeValues: {
          ':campaign': new Set([campaignId]),
          ':open': 'open',
          ':subscriberId': subscriberId,
          ':dueAt': dueAt,
          ':at': at,
          ':gsi2pk': digestDueKeys(subscriberId, dueAt).gsi2pk,
          ':gsi2sk': digestDueKeys(subscriberId, dueAt).gsi2sk,
        },
      });
    },
    async listDue(until, limit) {
      return (await queryUpTo(table, digestsDue(until), limit)).map(digestFromItem);
    },
    async claim(read, owner, heldUntil, at) {
      // Open, or still held by exactly the claim read (a takeover of a claimer gone or that let go).
      const sameClaim = read.owner
        ? '#owner = :previousOwner AND #heldUntil = :previousHeldUntil'
        : 'attribute_not_exists(#owner)';
      try {
        const out = await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: digestKey(read.subscriberId, read.dueAt),
            UpdateExpression: 'SET #status = :sending, #owner = :owner, #heldUntil = :heldUntil, #updatedAt = :at',
            ConditionExpression: `#status = :readStatus AND ${sameClaim}`,
            ExpressionAttributeNames: {
              '#status': 'status',
              '#owner': 'owner',
              '#heldUntil': 'heldUntil',
              '#updatedAt': 'updatedAt',
            },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':owner': owner,
              ':heldUntil': heldUntil,
              ':at': at,
              ':readStatus': read.status,
              ...(read.owner ? { ':previousOwner': read.owner, ':previousHeldUntil': read.heldUntil } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes ? digestFromItem(out.Attributes) : undefined;
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
        return undefined;
      }
    },
    recordParts(digest, owner, parts: DigestPart[], at) {
      return updateIf(table, {
        Key: digestKey(digest.subscriberId, digest.dueAt),
        UpdateExpression: 'SET #parts = :parts, #updatedAt = :at',
        ConditionExpression: OWNED.ConditionExpression,
        ExpressionAttributeNames: { ...OWNED.names, '#parts': 'parts', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':owner': owner, ':parts': parts, ':at': at },
      });
    },
    async release(digest, owner, at) {
      await updateIf(table, {
        Key: digestKey(digest.subscriberId, digest.dueAt),
        UpdateExpression: 'REMOVE #owner, #heldUntil SET #updatedAt = :at',
        ConditionExpression: OWNED.ConditionExpression,
        ExpressionAttributeNames: { ...OWNED.names, '#heldUntil': 'heldUntil', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':owner': owner, ':at': at },
      });
    },
    async finish(digest, owner, at, expiresAt) {
      await updateIf(table, {
        Key: digestKey(digest.subscriberId, digest.dueAt),
        // Out of the sparse index: the tick never reads it again.
        UpdateExpression: 'SET #status = :sent, #updatedAt = :at, #ttl = :ttl REMOVE #gsi2pk, #gsi2sk, #heldUntil',
        ConditionExpression: OWNED.ConditionExpression,
        ExpressionAttributeNames: {
          ...OWNED.names,
          '#status': 'status',
          '#updatedAt': 'updatedAt',
          '#ttl': TABLE.ttlAttribute,
          '#gsi2pk': 'gsi2pk',
          '#gsi2sk': 'gsi2sk',
          '#heldUntil': 'heldUntil',
        },
        ExpressionAttributeValues: {
          ':owner': owner,
          ':sent': 'sent',
          ':at': at,
          ':ttl': Math.floor(expiresAt.getTime() / 1000),
        },
      });
    },
    async listBySubscriber(subscriberId) {
      return (await queryUpTo(table, digestsOf(subscriberId))).map(digestFromItem);
    },
    async delete(subscriberId, dueAt) {
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: digestKey(subscriberId, dueAt) }));
    },
  };
}
