// Key figures kept a short while per questionnaire, for the results card a subscriber gets on
// completing a response: recounting every response on each completion would make answering
// cost O(respondents) reads (DESIGN: ≥ 500 answers/s). The card may lag by up to `ttlMs`.
import type { CoreContext } from '../context';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { allResponses } from '../questionnaires/use-cases';
import { type KeyFigures, keyFigures } from './key-figures';

export const KEY_FIGURES_TTL_MS = 30_000;

export interface KeyFiguresCache {
  /** The figures counted at most `ttlMs` ago (by the clock port) for this version of the questionnaire. */
  get(ctx: CoreContext, questionnaire: Questionnaire): Promise<KeyFigures>;
}

interface Entry {
  version: number;
  countedAt: number;
  counting: Promise<KeyFigures>;
  /** The last count finished for this version: served while a newer one is under way. */
  counted?: KeyFigures;
}

/**
 * One per process (a Lambda container, the local runtime). The completion that finds the tally too
 * old waits for the recount; the others meanwhile get the previous figures, so a recount of many
 * responses never holds up every answer at once.
 */
export function createKeyFiguresCache(ttlMs = KEY_FIGURES_TTL_MS): KeyFiguresCache {
  const entries = new Map<string, Entry>();
  return {
    get(ctx, questionnaire) {
      const now = ctx.clock.now();
      const entry = entries.get(questionnaire.id);
      const sameVersion = entry?.version === questionnaire.version;
      if (entry && sameVersion && now.getTime() - entry.countedAt < ttlMs)
        return entry.counted ? Promise.resolve(entry.counted) : entry.counting;
      const counting = allResponses(ctx, questionnaire.id).then((responses) =>
        keyFigures(questionnaire, responses, now),
      );
      const next: Entry = {
        version: questionnaire.version,
        countedAt: now.getTime(),
        counting,
        ...(sameVersion && entry.counted ? { counted: entry.counted } : {}),
      };
      entries.set(questionnaire.id, next);
      counting.then(
        (figures) => {
          if (entries.get(questionnaire.id) === next) next.counted = figures;
        },
        // A failed count is not kept: the next completion tries again.
        () => {
          if (entries.get(questionnaire.id) === next) entries.delete(questionnaire.id);
        },
      );
      return counting;
    },
  };
}
