// Questionnaires in the table: one item each (its responses share the partition), newest first in gsi1.
import { Questionnaire } from '#core/questionnaires/questionnaire';
import { conflict, notFound } from '#core/shared/errors';
import type { QuestionnaireRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { allQuestionnaires, questionnaireKey, questionnaireKeys, questionnairesAwaitingRestitution } from '../keys';
import { getItem, queryPage, queryUpTo } from '../reads';
import { putIfVersion, putNew } from '../writes';

const questionnaireToItem = (q: Questionnaire) => toItem(questionnaireKeys(q), q);
const questionnaireFromItem = (item: Item) => fromItem(Questionnaire, withResultsPolicy(item));

/**
 * Items written before the results policy existed carry `resultsPublic` (a boolean): true meant
 * « public » (after close, the default), false « private ». Read as the policy it promised.
 */
function withResultsPolicy(item: Item): Item {
  if (item.resultsPolicy !== undefined || typeof item.resultsPublic !== 'boolean') return item;
  const { resultsPublic, ...rest } = item;
  return { ...rest, resultsPolicy: resultsPublic ? 'public_after_close' : 'private' };
}

export function createQuestionnaireRepository(table: TableRef): QuestionnaireRepository {
  return {
    async get(id) {
      const item = await getItem(table, questionnaireKey(id));
      return item && questionnaireFromItem(item);
    },
    async list(options) {
      const page = await queryPage(table, allQuestionnaires(), { ...options, descending: true });
      return { ...page, items: page.items.map(questionnaireFromItem) };
    },
    async create(questionnaire) {
      await putNew(table, questionnaireToItem(questionnaire), () =>
        conflict(`le questionnaire ${questionnaire.id} existe déjà`, 'id_unique'),
      );
    },
    async update(questionnaire, expectedVersion) {
      await putIfVersion(table, questionnaireToItem(questionnaire), expectedVersion, {
        missing: () => notFound('Questionnaire', questionnaire.id),
        stale: () => conflict(`le questionnaire ${questionnaire.id} a été modifié entre-temps`, 'version_matches'),
      });
    },
    async listAwaitingRestitution() {
      const items = await queryUpTo(table, questionnairesAwaitingRestitution());
      return items.map(questionnaireFromItem);
    },
  };
}
