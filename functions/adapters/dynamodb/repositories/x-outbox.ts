// Posts for X in the table, newest first through gsi1: the outbox agents read when no X
// credentials are configured, and the record of what was posted when they are.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { conflict } from '#core/shared/errors';
import { Instant, ShortId } from '#core/shared/schema';
import type { XOutbox, XPost } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { xOutbox, xOutboxSince, xPostKey, xPostKeys } from '../keys';
import { getItem, queryPage, queryUpTo } from '../reads';
import { isConditionFailed } from '../writes';

// The core declares XPost as a plain interface; this schema checks items read back against it.
export const XPostSchema = z.object({
  id: z.string().min(1),
  campaignId: ShortId,
  text: z.string(),
  status: z.enum(['queued', 'posted', 'failed']),
  postId: z.string().optional(),
  error: z.string().optional(),
  poll: z
    .object({ options: z.array(z.string()), durationMinutes: z.number().int() })
    .optional()
    .describe('Le sondage X joint : ses options et sa durée'),
  costUsd: z.number().min(0).optional().describe('Coût estimé par l’API X, en dollars US'),
  postUrl: z.string().optional().describe('Adresse de la publication, donnée par l’agent qui l’a publiée à la main'),
  postedBy: z.object({ agentId: z.string(), name: z.string() }).optional().describe('Agent qui l’a publiée à la main'),
  createdAt: Instant,
  updatedAt: Instant,
}) satisfies z.ZodType<XPost>;

const xPostToItem = (p: XPost) => toItem(xPostKeys(p), p);
const xPostFromItem = (item: Item): XPost => fromItem(XPostSchema, item);

export function createXOutbox(table: TableRef): XOutbox {
  return {
    async put(post) {
      // Creates or replaces: a post moves from queued to posted or failed under the same id.
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: xPostToItem(post) }));
    },
    async get(id) {
      const item = await getItem(table, xPostKey(id));
      return item && xPostFromItem(item);
    },
    async list(options) {
      const page = await queryPage(table, xOutbox(), { ...options, descending: true });
      return { ...page, items: page.items.map(xPostFromItem) };
    },
    async listSince(from) {
      const items = await queryUpTo(table, xOutboxSince(from), undefined, { descending: true });
      return items.map(xPostFromItem);
    },
    async putUnlessPosted(post) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.tableName,
            Item: xPostToItem(post),
            ConditionExpression: 'attribute_exists(#pk) AND #status <> :posted',
            ExpressionAttributeNames: { '#pk': 'pk', '#status': 'status' },
            ExpressionAttributeValues: { ':posted': 'posted' },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
        throw conflict('cette publication X est déjà marquée comme publiée', 'x_post_not_posted');
      }
    },
  };
}
