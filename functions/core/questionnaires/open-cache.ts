// Questionnaires kept a few seconds per process for the answer path: a press names its
// questionnaire, and reading it again for every answer was a third of the store's round trips.
// An agent's edit is seen within `maxAgeMs` (by the clock port); whether the questionnaire is open
// is judged on every answer against the clock, so its natural close is exact to the second.
import type { CoreContext } from '../context';
import { notFound } from '../shared/errors';
import { assertOpen } from './answering';
import type { Questionnaire } from './questionnaire';

/**
 * 5 s: once open, a questionnaire's questions are frozen (updateQuestionnaire refuses to change
 * them), so what an agent can still change is its dates, title and results policy. An early close
 * thus takes effect within 5 s of the agent's save, on every container alike, for no read at all
 * in between. A version check would cost the very round trip the cache saves.
 */
export const OPEN_QUESTIONNAIRE_MAX_AGE_MS = 5_000;
/** Bounds the memory a flood of buttons naming many questionnaires could take; misses are never kept. */
const MAX_ENTRIES = 256;

export interface OpenQuestionnaires {
  /** The questionnaire if it exists and accepts answers now; else `NotFound` or `QuestionnaireNotOpen`. */
  open(ctx: CoreContext, questionnaireId: string): Promise<Questionnaire>;
}

interface Entry {
  readAt: number;
  reading: Promise<Questionnaire | undefined>;
}

/** One per process (a Lambda container, the local runtime's bot). */
export function createOpenQuestionnaires(maxAgeMs = OPEN_QUESTIONNAIRE_MAX_AGE_MS): OpenQuestionnaires {
  const entries = new Map<string, Entry>();
  const fresh = (entry: Entry | undefined, now: number): entry is Entry =>
    // A clock set back (tests, a corrected host clock) makes the entry stale too, never eternal.
    entry !== undefined && now >= entry.readAt && now - entry.readAt < maxAgeMs;
  return {
    async open(ctx, questionnaireId) {
      const now = ctx.clock.now();
      let entry = entries.get(questionnaireId);
      if (!fresh(entry, now.getTime())) {
        // Concurrent answers to the same questionnaire share one read.
        entry = { readAt: now.getTime(), reading: ctx.store.questionnaires.get(questionnaireId) };
        entries.delete(questionnaireId);
        entries.set(questionnaireId, entry);
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        const mine = entry;
        mine.reading.then(
          (found) => {
            if (!found && entries.get(questionnaireId) === mine) entries.delete(questionnaireId);
          },
          () => {
            if (entries.get(questionnaireId) === mine) entries.delete(questionnaireId);
          },
        );
      }
      const questionnaire = await entry.reading;
      if (!questionnaire) throw notFound('Questionnaire', questionnaireId);
      return assertOpen(questionnaire, now);
    },
  };
}
