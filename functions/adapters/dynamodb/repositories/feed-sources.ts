// Feed sources in the table, with the record of every entry they imported in their partition. The
// records are the import's memory across restarts: one conditional put per (source, entry) decides
// which run imports it, so overlapping polls and a restart never import an entry twice.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FeedSource, ImportedEntry } from '#core/imports/feed-source';
import { conflict } from '#core/shared/errors';
import type { FeedSourceRepository } from '#core/store';
import { type TableRef, fromItem, toItem } from '../items';
import { allFeedSources, feedSourceKey, feedSourceKeys, feedSourcePartition, importedEntryKey } from '../keys';
import { getItem, queryUpTo } from '../reads';
import { isConditionFailed, putNew } from '../writes';

const entryToItem = (e: ImportedEntry) => toItem(importedEntryKey(e.sourceId, e.key), e);

export function createFeedSourceRepository(table: TableRef): FeedSourceRepository {
  return {
    async get(id) {
      const item = await getItem(table, feedSourceKey(id));
      return item && fromItem(FeedSource, item);
    },
    async list() {
      return (await queryUpTo(table, allFeedSources())).map((item) => fromItem(FeedSource, item));
    },
    async create(source) {
      await putNew(table, toItem(feedSourceKeys(source), source), () =>
        conflict(`la source ${source.id} existe déjà`, 'feed_source_unique'),
      );
    },
    async delete(id) {
      // The source first: a poll running meanwhile can no longer write its status (setStatus's condition).
      const items = await queryUpTo(table, feedSourcePartition(id));
      const source = items.filter((i) => i.sk === 'FEEDSOURCE');
      for (const item of [...source, ...items.filter((i) => i.sk !== 'FEEDSOURCE')])
        await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: item.pk, sk: item.sk } }));
    },
    async setStatus(id, status) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: feedSourceKey(id),
            UpdateExpression: 'SET #status = :status',
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#status': 'status', '#pk': 'pk' },
            ExpressionAttributeValues: { ':status': status },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionFailed(e)) return false;
        throw e;
      }
    },
    async getEntry(sourceId, key) {
      const item = await getItem(table, importedEntryKey(sourceId, key), true);
      return item && fromItem(ImportedEntry, item);
    },
    claimEntry: (entry) => putNew(table, entryToItem(entry)),
    async completeEntry(entry) {
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: entryToItem(entry) }));
    },
  };
}
