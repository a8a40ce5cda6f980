// Posts for X in the table, newest first through gsi1: the outbox agents read when no X
// credentials are configured, and the record of what was posted when they are.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Instant, ShortId } from '#core/shared/schema';
import type { XOutbox, XPost } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { xOutbox, xPostKeys } from '../keys';
import { queryPage } from '../reads';

// The core declares XPost as a plain interface; this schema checks items read back against it.
export const XPostSchema = z.object({
  id: z.string().min(1),
  campaignId: ShortId,
  text: z.string(),
  status: z.enum(['queued', 'posted', 'failed']),
  postId: z.string().optional(),
  error: z.string().optional(),
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
    async list(options) {
      const page = await queryPage(table, xOutbox(), { ...options, descending: true });
      return { ...page, items: page.items.map(xPostFromItem) };
    },
  };
}
