// An agent publishes a questionnaire's results: one feed item (in every feed the démarche reaches),
// an X post left as a draft for the agent to approve by scheduling it, and « Voici ce que vous
// avez dit » to those who answered, unless it already went. `publishedAt` (with the restitution
// marker, in the same conditional write) comes first; every later step has a derived id, so a
// retry after a crash finishes the publication instead of doubling any of it.
import type { Campaign } from '../campaigns/campaign';
import { recordChange } from '../audit/record';
import type { Actor } from '../context';
import type { FeedItem } from '../feeds/feed-item';
import { publishFeedItem } from '../feeds/publish';
import { type Questionnaire, type Restitution, questionnairePhase } from '../questionnaires/questionnaire';
import { allResponses, getQuestionnaire } from '../questionnaires/use-cases';
import { resultsVisibility } from '../results/visibility';
import { conflict, isDomainError } from '../shared/errors';
import { keyFigures } from './key-figures';
import { publicationContent } from './plan';
import {
  type RestitutionDeps,
  derivedId,
  ensureCampaign,
  ensureRestitutionCampaign,
  hasRestitution,
  restitutionMarker,
} from './restitution';

export interface PublishedResults {
  questionnaire: Questionnaire;
  feedItem: FeedItem;
  /** Draft on X: the agent reads its count and cost on the campaign page, then schedules it. */
  xDraft: Campaign;
  /** « Voici ce que vous avez dit », scheduled a few minutes ahead (or the one an earlier step created). */
  restitution: Campaign;
}

/** An X draft is scheduled by the agent: its send time is only a placeholder until then. */
const X_DRAFT_SEND_AFTER_MS = 60 * 60_000;

const parisDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
// French writes the first of the month as an ordinal: « 1er décembre ».
const frenchInstant = (iso: string) =>
  parisDate
    .formatToParts(new Date(iso))
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');

/**
 * Why the results cannot be published now, if so: they are private, or not public yet, or the
 * questionnaire still takes answers (what is published, and told to those who answered, is final:
 * « Voici ce que vous avez dit » goes once, and would miss whoever answers later).
 */
export function publicationBlocker(q: Questionnaire, now: Date): { rule: string; message: string } | undefined {
  const visibility = resultsVisibility(q, now);
  if (!visibility.visible)
    return {
      rule: 'results_visible_now',
      message:
        visibility.reason === 'private'
          ? 'les résultats de ce questionnaire sont privés (agents seulement) : changez d’abord sa politique de résultats'
          : `les résultats de ce questionnaire ne sont pas encore publics : ils le seront le ${frenchInstant(visibility.from)}`,
    };
  if (questionnairePhase(q, now) !== 'closed')
    return {
      rule: 'questionnaire_closed',
      message: `le questionnaire reçoit des réponses jusqu’au ${frenchInstant(q.closesAt)} : ses résultats se publient à sa clôture (ils sont déjà en direct sur la page publique)`,
    };
  return undefined;
}

function assertPublishable(q: Questionnaire, now: Date) {
  const blocker = publicationBlocker(q, now);
  if (blocker) throw conflict(blocker.message, blocker.rule);
}

export async function publishResults(
  deps: RestitutionDeps,
  actor: Actor,
  questionnaireId: string,
): Promise<PublishedResults> {
  for (let attempt = 1; ; attempt++) {
    const current = await getQuestionnaire(deps, questionnaireId);
    const now = deps.clock.now();
    assertPublishable(current, now);
    if (current.publishedAt) {
      // A retry after a crash finishes what the first call began, then says it was done.
      if (hasRestitution(current)) await completePublication(deps, actor, current);
      throw conflict(
        `les résultats de ce questionnaire ont déjà été publiés le ${frenchInstant(current.publishedAt)}`,
        'published_once',
      );
    }
    const next: Questionnaire & { restitution: Restitution } = {
      ...current,
      publishedAt: now.toISOString(),
      restitution: current.restitution ?? restitutionMarker(current, 'published', now),
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    try {
      await deps.store.questionnaires.update(next, current.version);
    } catch (error) {
      // An agent's edit landed in between: read again (a few times) and decide afresh.
      if (isDomainError(error) && error.code === 'Conflict' && attempt < 3) continue;
      throw error;
    }
    const entity = { type: 'questionnaire', id: questionnaireId } as const;
    await recordChange(deps, actor, 'questionnaire.publish_results', entity, current, next);
    return completePublication(deps, actor, next);
  }
}

/** The steps after the marker, each idempotent: a retry finds what was done and does the rest. */
async function completePublication(
  deps: RestitutionDeps,
  actor: Actor,
  q: Questionnaire & { restitution: Restitution },
): Promise<PublishedResults> {
  const now = deps.clock.now();
  const content = publicationContent(deps, q, keyFigures(q, await allResponses(deps, q.id), now));
  const { link, xText } = content;
  const feedItem = await publishFeedItem(deps, {
    id: derivedId('feed', q.id),
    ...content.feedItem,
    ...(q.demarcheSlug ? { demarcheSlug: q.demarcheSlug } : {}),
  });
  const xDraft = await ensureCampaign(
    deps,
    actor,
    derivedId('x-draft', q.id),
    () =>
      Promise.resolve({
        message: { title: feedItem.title, text: feedItem.text, link },
        channels: ['x'],
        xText,
        sendAt: new Date(now.getTime() + X_DRAFT_SEND_AFTER_MS).toISOString(),
        ...(q.demarcheSlug ? { demarcheSlug: q.demarcheSlug } : {}),
      }),
    { schedule: false },
  );
  const restitution = await ensureRestitutionCampaign(deps, actor, q);
  return { questionnaire: q, feedItem, xDraft, restitution };
}
