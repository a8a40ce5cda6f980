// Responses in the table: one item per subscriber in their questionnaire's partition. The item
// is the source of truth for results (recounted, never aggregated in place), written with a
// single conditional put: created once, then replaced only from the version that was read.
import { Response } from '#core/questionnaires/response';
import { conflict, notFound } from '#core/shared/errors';
import type { ResponseRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { responseKey, responsesOf } from '../keys';
import { getItem, queryPage } from '../reads';
import { moveItem, putIfVersion, putNew } from '../writes';

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

/** Erasure (eraseSubscriber): the answer moves to the random pseudonym, any newer answer left alone. */
function moveResponse(table: TableRef, response: Response, subscriberId: string): Promise<void> {
  const sameVersion = (op: '<=' | '=') => ({
    expression: `#version ${op} :version`,
    names: { '#version': 'version' },
    values: { ':version': response.version },
  });
  return moveItem(
    table,
    {
      copy: responseToItem({ ...response, subscriberId }),
      copyIf: sameVersion('<='),
      from: responseKey(response.questionnaireId, response.subscriberId),
      deleteIf: sameVersion('='),
    },
    () => conflict('la réponse a été modifiée pendant l’effacement : recommencez', 'version_matches'),
  );
}
