// What publishing a questionnaire's results says on each channel, computed in one place for the
// console's preview and for the publication itself: the preview is what goes out.
import type { Audience, Message } from '../campaigns/campaign';
import { countRecipients } from '../campaigns/preview';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost } from '../campaigns/x-post';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { allResponses, getQuestionnaire } from '../questionnaires/use-cases';
import { type ResultsVisibility, resultsVisibility } from '../results/visibility';
import { type KeyFigures, keyFigures } from './key-figures';
import { restitutionMessage, resultsFeedItem, xPostCandidates } from './messages';
import { type RestitutionDeps, publicResultsLink } from './restitution';

export interface PublicationContent {
  /** The public results page. */
  link: string;
  feedItem: { title: string; text: string; link: string };
  /** Fits 280 weighted characters (the longest candidate that does). */
  xText: string;
  /** « Voici ce que vous avez dit », as those who answered will read it. */
  restitution: Message;
}

export function publicationContent(
  deps: Pick<RestitutionDeps, 'publicUrl'>,
  q: Questionnaire,
  figures: KeyFigures,
): PublicationContent {
  const link = publicResultsLink(deps, q.id);
  const candidates = xPostCandidates(q, figures, link);
  const xText =
    candidates.find((text) => checkXPost(text).weightedLength <= X_POST_MAX_WEIGHTED_LENGTH) ?? candidates.at(-1)!;
  return {
    link,
    feedItem: resultsFeedItem(q, figures, link),
    xText,
    restitution: restitutionMessage(q, figures, link),
  };
}

export interface PublicationPlan extends PublicationContent {
  questionnaire: Questionnaire;
  visibility: ResultsVisibility;
  figures: KeyFigures;
  /** Active subscribers who answered: who « Voici ce que vous avez dit » reaches if it leaves now. */
  recipients: number;
}

/** The publication as it would be now, nothing written. */
export async function planPublication(deps: RestitutionDeps, questionnaireId: string): Promise<PublicationPlan> {
  const questionnaire = await getQuestionnaire(deps, questionnaireId);
  const now = deps.clock.now();
  const figures = keyFigures(questionnaire, await allResponses(deps, questionnaire.id), now);
  const audience: Audience = { kind: 'respondents', questionnaires: [questionnaire.id] };
  return {
    ...publicationContent(deps, questionnaire, figures),
    questionnaire,
    visibility: resultsVisibility(questionnaire, now),
    figures,
    recipients: await countRecipients(deps, { audience }),
  };
}
