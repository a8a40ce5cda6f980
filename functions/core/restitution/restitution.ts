// « Voici ce que vous avez dit »: once per questionnaire, ever, to those who answered it. The
// questionnaire's `restitution` marker is written FIRST, by a conditional update: of two callers
// racing (an agent publishing, the delivery tick seeing the synthesis step), one wins and the
// other finds the marker. The campaign's id is derived from the questionnaire's, so a caller that
// finds a marker without its campaign (the writer crashed in between) creates that same campaign,
// and a replay of a create is refused (`Conflict`): never a second message.
import { createHash } from 'node:crypto';
import type { Campaign, CampaignInput } from '../campaigns/campaign';
import { type CampaignDeps, createCampaign } from '../campaigns/use-cases';
import type { Actor } from '../context';
import type { Questionnaire, Restitution } from '../questionnaires/questionnaire';
import { allResponses } from '../questionnaires/use-cases';
import { publicResultsPaths } from '../results/paths';
import { isDomainError } from '../shared/errors';
import { keyFigures } from './key-figures';
import { restitutionMessage } from './messages';

export interface RestitutionDeps extends CampaignDeps {
  /** Absolute base URL of the public site (links to the results page), no trailing slash. */
  publicUrl: string;
}

/** Who starts a restitution when a démarche's step does. */
export const SYSTEM_ACTOR: Actor = { agentId: 'system', name: 'Porte-voix' };

/** The restitution leaves a few minutes after it is created: time for an agent to unschedule it (undo). */
export const RESTITUTION_DELAY_MS = 5 * 60_000;

/** A stable id for what publishing creates for a questionnaire: a retry names the same item. */
export const derivedId = (purpose: 'restitution' | 'x-draft' | 'feed', questionnaireId: string) =>
  createHash('sha256').update(`${purpose}:${questionnaireId}`).digest('base64url').slice(0, 16);

export const publicResultsLink = (deps: Pick<RestitutionDeps, 'publicUrl'>, questionnaireId: string) =>
  `${deps.publicUrl}${publicResultsPaths(questionnaireId).page}`;

export const restitutionMarker = (q: Questionnaire, trigger: Restitution['trigger'], now: Date): Restitution => ({
  campaignId: derivedId('restitution', q.id),
  at: now.toISOString(),
  trigger,
});

/** The campaign with this id, created from `input` if it does not exist yet (a replay finds it). */
export async function ensureCampaign(
  deps: CampaignDeps,
  actor: Actor,
  id: string,
  input: () => Promise<CampaignInput>,
  options: { schedule: boolean },
): Promise<Campaign> {
  const existing = await deps.store.campaigns.get(id);
  if (existing) return existing;
  try {
    return await createCampaign(deps, actor, await input(), { ...options, id });
  } catch (error) {
    const raced = isDomainError(error) && error.code === 'Conflict' && (await deps.store.campaigns.get(id));
    if (raced) return raced;
    throw error;
  }
}

/** The campaign a questionnaire's marker names: found, or created now (scheduled a few minutes ahead). */
export function ensureRestitutionCampaign(
  deps: RestitutionDeps,
  actor: Actor,
  q: Questionnaire & { restitution: Restitution },
): Promise<Campaign> {
  return ensureCampaign(
    deps,
    actor,
    q.restitution.campaignId,
    async () => {
      const now = deps.clock.now();
      const figures = keyFigures(q, await allResponses(deps, q.id), now);
      return {
        message: restitutionMessage(q, figures, publicResultsLink(deps, q.id)),
        channels: ['telegram'],
        audience: { kind: 'respondents', questionnaires: [q.id] },
        sendAt: new Date(now.getTime() + RESTITUTION_DELAY_MS).toISOString(),
      };
    },
    { schedule: true },
  );
}

export const hasRestitution = (q: Questionnaire): q is Questionnaire & { restitution: Restitution } =>
  q.restitution !== undefined;
