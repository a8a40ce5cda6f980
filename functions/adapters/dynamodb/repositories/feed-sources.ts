// Feed sources in the table, with the record of every entry they imported in their partition. The
// records are the import's memory across restarts: one conditional put per (source, entry) decides
// which run imports it, so overlapping polls and a restart never import an entry twice.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FeedSource, type FeedSourceStatus, ImportedEntry } from '#core/imports/feed-source';
import { conflict } from '#core/shared/errors';
import type { FeedSourceRepository } from '#core/store';
import { type TableRef, fromItem, toItem } from '../items';
import { allFeedSources, feedSourceKey, feedSourceKeys, feedSourcePartition, importedEntryKey } from '../keys';
import { getItem, queryUpTo } from '../reads';
import { isConditionFailed, putNew } from '../writes';

const entryToItem = (e: ImportedEntry) => toItem(importedEntryKey(e.sourceId, e.key), e);

const STATUS_FIELDS = [
  'lastCheckedAt',
  'lastSuccessAt',
  'lastErrorAt',
  'lastError',
  'etag',
  'lastModified',
  'entriesSeen',
] as const;

/** Each field set (or removed when absent) and the import count added, on a source that still exists. */
function statusUpdate(status: FeedSourceStatus, imported: number) {
  const names: Record<string, string> = { '#pk': 'pk', '#status': 'status', '#entriesImported': 'entriesImported' };
  const values: Record<string, unknown> = { ':imported': imported };
  const set: string[] = [];
  const remove: string[] = [];
  for (const field of STATUS_FIELDS) {
    names[`#${field}`] = field;
    if (status[field] === undefined) remove.push(`#status.#${field}`);
    else {
      values[`:${field}`] = status[field];
      set.push(`#status.#${field} = :${field}`);
    }
  }
  return {
    UpdateExpression: `SET ${set.join(', ')} ${remove.length ? `REMOVE ${remove.join(', ')}` : ''} ADD #status.#entriesImported :imported`,
    ConditionExpression: 'attribute_exists(#pk)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

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
    async setStatus(id, status, imported) {
      try {
        const out = await table.client.send(
          new UpdateCommand({
            ...statusUpdate(status, imported),
            TableName: table.tableName,
            Key: feedSourceKey(id),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes && fromItem(FeedSource, out.Attributes).status;
      } catch (e) {
        if (isConditionFailed(e)) return undefined;
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
