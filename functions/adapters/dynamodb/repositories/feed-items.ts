// Feed items in the table: the global feed through gsi1, each démarche's feed through the sparse
// gsi2; both newest first. An item's id is its permanent guid, so it is created once.
import { FeedItem } from '#core/feeds/feed-item';
import { conflict } from '#core/shared/errors';
import type { FeedItemRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { demarcheFeed, feedItemKey, feedItemKeys, globalFeed } from '../keys';
import { getItem, queryUpTo } from '../reads';
import { putNew } from '../writes';

/** Feeds are rendered whole, up to this many items (a 1,000-item feed is the benchmark's size). */
export const MAX_FEED_ITEMS = 1000;

const feedItemToItem = (f: FeedItem) => toItem(feedItemKeys(f), f);
const feedItemFromItem = (item: Item) => fromItem(FeedItem, item);

export function createFeedItemRepository(table: TableRef): FeedItemRepository {
  return {
    async create(item) {
      await putNew(table, feedItemToItem(item), () =>
        conflict(`l’article de flux ${item.id} existe déjà`, 'guid_unique'),
      );
    },
    async get(id) {
      const item = await getItem(table, feedItemKey(id));
      return item && feedItemFromItem(item);
    },
    async listRecent({ limit, demarcheSlug }) {
      const max = Math.min(MAX_FEED_ITEMS, Math.max(0, Math.floor(limit)));
      if (!(max > 0)) return [];
      const range = demarcheSlug ? demarcheFeed(demarcheSlug) : globalFeed();
      return (await queryUpTo(table, range, max, { descending: true })).map(feedItemFromItem);
    },
  };
}
