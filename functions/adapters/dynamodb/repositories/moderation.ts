// Moderation decisions in the table: one item per question and text hash, in the questionnaire's
// partition next to its responses, so the queue and every public output read them in one Query.
import { ModerationDecision } from '#core/moderation/decision';
import { conflict, notFound } from '#core/shared/errors';
import type { ModerationRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { moderationKey, moderationOf } from '../keys';
import { getItem, queryPage } from '../reads';
import { putIfVersion, putNew } from '../writes';

const decisionToItem = (d: ModerationDecision) => toItem(moderationKey(d.questionnaireId, d.questionId, d.textHash), d);
const decisionFromItem = (item: Item) => fromItem(ModerationDecision, item);

export function createModerationRepository(table: TableRef): ModerationRepository {
  return {
    async listByQuestionnaire(questionnaireId) {
      const decisions: ModerationDecision[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage(table, moderationOf(questionnaireId), { limit: 500, cursor });
        decisions.push(...page.items.map(decisionFromItem));
        cursor = page.next;
      } while (cursor);
      return decisions;
    },
    async get(questionnaireId, questionId, textHash) {
      // Strongly consistent: an agent's decision is read back and replaced from its version.
      const item = await getItem(table, moderationKey(questionnaireId, questionId, textHash), true);
      return item && decisionFromItem(item);
    },
    async save(decision, expectedVersion) {
      const item = decisionToItem(decision);
      const stale = () => conflict('une autre décision a été prise entre-temps sur ce texte', 'version_matches');
      if (expectedVersion === undefined) {
        await putNew(table, item, stale);
        return;
      }
      await putIfVersion(table, item, expectedVersion, {
        missing: () => notFound('Décision de modération', `${decision.questionnaireId}/${decision.questionId}`),
        stale,
      });
    },
  };
}
