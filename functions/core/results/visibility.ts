// Whether a questionnaire's results may be seen by the public now, and which responses count in
// them: the one place every public output (page, JSON, CSV, open-data index, Telegram card, « Voici
// ce que vous avez dit ») asks. A private questionnaire is indistinguishable from a missing one.
import { type Questionnaire, questionnairePhase } from '../questionnaires/questionnaire';
import type { Response } from '../questionnaires/response';

export type ResultsVisibility =
  | { visible: true }
  /** Private, now or for good: the public outputs answer 404, as for an unknown id. */
  | { visible: false; reason: 'private' }
  /** Public after close, not closed yet: `from` is when they will be. */
  | { visible: false; reason: 'not_yet'; from: string };

export function resultsVisibility(
  q: Pick<Questionnaire, 'resultsPolicy' | 'opensAt' | 'closesAt'>,
  now: Date,
): ResultsVisibility {
  if (q.resultsPolicy === 'private') return { visible: false, reason: 'private' };
  const phase = questionnairePhase(q, now);
  if (phase === 'upcoming') return { visible: false, reason: 'not_yet', from: q.opensAt };
  if (q.resultsPolicy === 'public_after_close' && phase !== 'closed')
    return { visible: false, reason: 'not_yet', from: q.closesAt };
  return { visible: true };
}

/**
 * The responses a public output may count: those first given while the results were promised
 * public. A response begun under a « private » promise stays out, even after the policy changed.
 */
export const publicResponses = (q: Pick<Questionnaire, 'publicFrom'>, responses: readonly Response[]): Response[] =>
  q.publicFrom ? responses.filter((r) => r.createdAt >= q.publicFrom!) : [...responses];
