// Campaigns in the table: newest first in gsi1; scheduled ones also in the sparse "due" index
// (gsi2), which the dispatcher reads instead of scanning every campaign, and those being sent in the
// sparse "sending" one (gsi2 too), which finalize reads.
import { Campaign } from '#core/campaigns/campaign';
import { conflict, invalid, notFound } from '#core/shared/errors';
import type { CampaignRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import {
  allCampaigns,
  campaignKey,
  campaignKeys,
  campaignsDue,
  campaignsScheduledFrom,
  campaignsSending,
} from '../keys';
import { getItem, pageSize, queryPage, queryUpTo } from '../reads';
import { putIfVersion, putNew } from '../writes';

const campaignToItem = (c: Campaign) => toItem(campaignKeys(c), c);
const campaignFromItem = (item: Item) => fromItem(Campaign, item);

/** `until` as the index stores instants (UTC, milliseconds), so string order is time order. */
function normalisedInstant(until: string): string {
  const date = new Date(until);
  if (Number.isNaN(date.getTime())) throw invalid('until', 'instant', `date invalide : ${until}`);
  return date.toISOString();
}

export function createCampaignRepository(table: TableRef): CampaignRepository {
  return {
    async get(id) {
      const item = await getItem(table, campaignKey(id));
      return item && campaignFromItem(item);
    },
    async list(options = {}) {
      const { status, ...page } = options;
      const result = await queryPage(table, allCampaigns(), {
        ...page,
        descending: true,
        where: status ? { status } : undefined,
      });
      return { ...result, items: result.items.map(campaignFromItem) };
    },
    async create(campaign) {
      await putNew(table, campaignToItem(campaign), () =>
        conflict(`la campagne ${campaign.id} existe déjà`, 'id_unique'),
      );
    },
    async update(campaign, expectedVersion) {
      // A full put: when the status leaves `scheduled`, the item is written without gsi2 keys,
      // which is what takes it out of the due index.
      await putIfVersion(table, campaignToItem(campaign), expectedVersion, {
        missing: () => notFound('Campagne', campaign.id),
        stale: () => conflict(`la campagne ${campaign.id} a été modifiée entre-temps`, 'version_matches'),
      });
    },
    async listDue(until, limit) {
      const items = await queryUpTo(table, campaignsDue(normalisedInstant(until)), pageSize(limit));
      return items.map(campaignFromItem);
    },
    async listSending() {
      // Every page: the campaigns being sent at once are a handful, not the history.
      const found: Campaign[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage(table, campaignsSending(), { limit: 100, cursor });
        found.push(...page.items.map(campaignFromItem));
        cursor = page.next;
      } while (cursor);
      return found;
    },
    async listScheduledBetween(from, until) {
      // Oldest first from `from`, page by page, stopping at the first campaign past `until`.
      const end = normalisedInstant(until);
      const found: Campaign[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage(table, campaignsScheduledFrom(normalisedInstant(from)), { limit: 100, cursor });
        for (const campaign of page.items.map(campaignFromItem)) {
          if (new Date(campaign.sendAt).toISOString() >= end) return found;
          found.push(campaign);
        }
        cursor = page.next;
      } while (cursor);
      return found;
    },
  };
}
