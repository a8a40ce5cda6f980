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
  figures: Promise<KeyFigures>;
}

/** One per process (a Lambda container, the local runtime): concurrent completions share one count. */
export function createKeyFiguresCache(ttlMs = KEY_FIGURES_TTL_MS): KeyFiguresCache {
  const entries = new Map<string, Entry>();
  return {
    get(ctx, questionnaire) {
      const now = ctx.clock.now();
      const entry = entries.get(questionnaire.id);
      if (entry && entry.version === questionnaire.version && now.getTime() - entry.countedAt < ttlMs)
        return entry.figures;
      const figures = allResponses(ctx, questionnaire.id).then((responses) =>
        keyFigures(questionnaire, responses, now),
      );
      entries.set(questionnaire.id, { version: questionnaire.version, countedAt: now.getTime(), figures });
      // A failed count is not kept: the next completion tries again.
      figures.catch(() => {
        if (entries.get(questionnaire.id)?.figures === figures) entries.delete(questionnaire.id);
      });
      return figures;
    },
  };
}
