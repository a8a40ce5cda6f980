// Responses in the table: one item per subscriber in their questionnaire's partition. The item
// is the source of truth for results (recounted, never aggregated in place), written with a
// single conditional put: created once, then replaced only from the version that was read.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Response } from '#core/questionnaires/response';
import { conflict, notFound } from '#core/shared/errors';
import type { ResponseRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { responseKey, responsesOf } from '../keys';
import { getItem, queryPage } from '../reads';
import { isConditionFailed, putIfVersion, putNew } from '../writes';

const responseToItem = (r: Response) => toItem(responseKey(r.questionnaireId, r.subscriberId), r);
const responseFromItem = (item: Item) => fromItem(Response, item);

export function createResponseRepository(table: TableRef): ResponseRepository {
  return {
    async get(questionnaireId, subscriberId) {
      // Strongly consistent: the bot reads the response, then replaces it from this version.
      const item = await getItem(table, responseKey(questionnaireId, subscriberId), true);
      return item && responseFromItem(item);
    },
    async save(response, expectedVersion) {
      const item = responseToItem(response);
      if (expectedVersion === undefined) {
        await putNew(table, item, () =>
          conflict('une réponse à ce questionnaire existe déjà', 'one_response_per_subscriber'),
        );
        return;
      }
      await putIfVersion(table, item, expectedVersion, {
        missing: () => notFound('Réponse', `${response.questionnaireId}/${response.subscriberId}`),
        stale: () => conflict('la réponse a été modifiée entre-temps', 'version_matches'),
      });
    },
    async listByQuestionnaire(questionnaireId, options) {
      const page = await queryPage(table, responsesOf(questionnaireId), options);
      return { ...page, items: page.items.map(responseFromItem) };
    },
    moveTo: (response, subscriberId) => moveResponse(table, response, subscriberId),
  };
}

/**
 * Two single-item writes in the order that loses nothing (no transactions on dynalite): the copy
 * first, so a crash before the delete leaves the answer twice (counted twice until the erasure is
 * retried) but never zero times. The copy's condition lets a retry overwrite its own older copy but
 * never a newer response; the delete's lets no answer given meanwhile vanish.
 */
async function moveResponse(table: TableRef, response: Response, subscriberId: string): Promise<void> {
  const copy = responseToItem({ ...response, subscriberId });
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: copy,
        ConditionExpression: 'attribute_not_exists(#pk) OR #version <= :version',
        ExpressionAttributeNames: { '#pk': 'pk', '#version': 'version' },
        ExpressionAttributeValues: { ':version': response.version },
      }),
    );
    await table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: responseKey(response.questionnaireId, response.subscriberId),
        ConditionExpression: 'attribute_not_exists(#pk) OR #version = :version',
        ExpressionAttributeNames: { '#pk': 'pk', '#version': 'version' },
        ExpressionAttributeValues: { ':version': response.version },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
    throw conflict('la réponse a été modifiée pendant l’effacement : recommencez', 'version_matches');
  }
}
