// Console sessions in the table: one item per session, keyed by the token's hash, with the TTL
// attribute set to its absolute end so DynamoDB removes it on AWS. dynalite never expires items, so
// the core checks expiry on every read (core/agents/session.ts) and the two runtimes behave alike.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Session } from '#core/agents/session';
import { conflict } from '#core/shared/errors';
import type { SessionRepository } from '#core/store';
import { fromItem, type TableRef } from '../items';
import { sessionKey } from '../keys';
import { getItem } from '../reads';
import { TABLE } from '../table';
import { isConditionFailed, putNew } from '../writes';

export function createSessionRepository(table: TableRef): SessionRepository {
  return {
    async get(id) {
      const item = await getItem(table, sessionKey(id));
      return item && fromItem(Session, item);
    },
    async create(session) {
      const ttl = Math.ceil(Date.parse(session.endsAt) / 1000);
      await putNew(table, { ...session, ...sessionKey(session.id), [TABLE.ttlAttribute]: ttl }, () =>
        conflict('cette session existe déjà', 'session_unique'),
      );
    },
    async touch(id, lastSeenAt) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.tableName,
            Key: sessionKey(id),
            UpdateExpression: 'SET #lastSeenAt = :at',
            // Never resurrect a session signed out meanwhile.
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { '#lastSeenAt': 'lastSeenAt', '#pk': 'pk' },
            ExpressionAttributeValues: { ':at': lastSeenAt },
          }),
        );
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    },
    async delete(id) {
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: sessionKey(id) }));
    },
  };
}
