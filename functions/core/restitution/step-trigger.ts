// « Voici ce que vous avez dit » when a démarche reaches its synthesis or decision step, for each of
// its closed questionnaires whose results are public by then and that has had none yet. Run by the
// delivery tick over the sparse index of questionnaires awaiting a restitution (never a scan of
// every questionnaire); the marker's conditional write makes overlapping ticks, or an agent
// publishing at the same moment, harmless.
import type { Campaign } from '../campaigns/campaign';
import { recordChange } from '../audit/record';
import type { Demarche } from '../demarches/demarche';
import { type Questionnaire, type Restitution, questionnairePhase } from '../questionnaires/questionnaire';
import { resultsVisibility } from '../results/visibility';
import { isDomainError } from '../shared/errors';
import {
  type RestitutionDeps,
  SYSTEM_ACTOR,
  ensureRestitutionCampaign,
  hasRestitution,
  restitutionMarker,
} from './restitution';

/** The steps after which a démarche tells those who answered what came of it. */
const RESTITUTION_STEPS: readonly string[] = ['synthesis', 'decision'];

export interface RestitutionsReport {
  /** Restitutions this run started: their campaign is scheduled a few minutes ahead. */
  started: { questionnaireId: string; campaignId: string }[];
  errors: { questionnaireId: string; error: unknown }[];
}

/**
 * The démarche has reached, since the questionnaire opened, a synthesis or decision step, and the
 * questionnaire is closed: what is told is final, and reaches everyone who answered. A step from an
 * earlier phase of the démarche (before the questionnaire opened) is not this questionnaire's.
 */
const reachedRestitutionStep = (
  demarche: Pick<Demarche, 'steps'>,
  questionnaire: Pick<Questionnaire, 'opensAt' | 'closesAt'>,
  now: Date,
) =>
  questionnairePhase(questionnaire, now) === 'closed' &&
  demarche.steps.some(
    (s) => RESTITUTION_STEPS.includes(s.kind) && s.start >= questionnaire.opensAt && s.start <= now.toISOString(),
  );

export async function restitutionsDue(deps: RestitutionDeps): Promise<RestitutionsReport> {
  const now = deps.clock.now();
  const report: RestitutionsReport = { started: [], errors: [] };
  // The local runtime knows its URL once it listens: a message without its link would be worthless.
  if (!deps.publicUrl) return report;
  const demarches = new Map<string, Promise<Demarche | undefined>>();
  const demarche = (slug: string) => {
    if (!demarches.has(slug)) demarches.set(slug, deps.store.demarches.get(slug));
    return demarches.get(slug)!;
  };
  for (const q of await deps.store.questionnaires.listAwaitingRestitution()) {
    if (!q.demarcheSlug || !resultsVisibility(q, now).visible) continue;
    const d = await demarche(q.demarcheSlug);
    if (!d || !reachedRestitutionStep(d, q, now)) continue;
    try {
      const campaign = await restituteOnStep(deps, q.id);
      if (campaign) report.started.push({ questionnaireId: q.id, campaignId: campaign.id });
    } catch (error) {
      report.errors.push({ questionnaireId: q.id, error });
    }
  }
  return report;
}

/** Writes the marker (unless someone did), then the campaign it names; undefined when it was someone else's. */
async function restituteOnStep(deps: RestitutionDeps, questionnaireId: string): Promise<Campaign | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.questionnaires.get(questionnaireId);
    if (!current) return undefined;
    if (hasRestitution(current)) {
      // The index lags (eventually consistent), or a writer crashed before its campaign: make sure it exists.
      await ensureRestitutionCampaign(deps, SYSTEM_ACTOR, current);
      return undefined;
    }
    const now = deps.clock.now();
    // The index's copy may lag: a policy just made private is read here, on the item itself.
    if (!resultsVisibility(current, now).visible) return undefined;
    const next: Questionnaire & { restitution: Restitution } = {
      ...current,
      restitution: restitutionMarker(current, 'step', now),
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    try {
      await deps.store.questionnaires.update(next, current.version);
    } catch (error) {
      if (isDomainError(error) && error.code === 'Conflict' && attempt < 3) continue;
      throw error;
    }
    const entity = { type: 'questionnaire', id: questionnaireId } as const;
    await recordChange(deps, SYSTEM_ACTOR, 'questionnaire.restitution', entity, current, next);
    return ensureRestitutionCampaign(deps, SYSTEM_ACTOR, next);
  }
}
