// The one place a démarche's save is followed by its announcements: the admin API and the console
// both call these instead of the bare use cases. The démarche is saved first; a reconcile that
// fails leaves its marker behind, and the delivery tick's safety net finishes it within a minute.
import type { CampaignDeps } from '../campaigns/use-cases';
import type { Actor } from '../context';
import type { Demarche } from '../demarches/demarche';
import { createDemarche, updateDemarche } from '../demarches/use-cases';
import { reconcileDemarche } from './reconcile';
import { loadTemplates } from './templates-book';

/** Where a failed reconcile is reported (the edge's logger); the démarche's save stands. */
export interface AnnouncementDeps extends CampaignDeps {
  logger?: { warn(message: string, extra: Record<string, unknown>): void };
}

async function announce(deps: AnnouncementDeps, demarche: Demarche) {
  const errorName = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  try {
    const report = await reconcileDemarche(deps, demarche, await loadTemplates(deps));
    for (const { campaignId, error } of report.errors)
      deps.logger?.warn('announcement not reconciled', {
        demarche: demarche.slug,
        campaignId,
        error: errorName(error),
      });
  } catch (error) {
    deps.logger?.warn('announcements not reconciled', { demarche: demarche.slug, error: errorName(error) });
  }
}

export async function createAnnouncedDemarche(deps: AnnouncementDeps, actor: Actor, input: unknown) {
  const demarche = await createDemarche(deps, actor, input);
  await announce(deps, demarche);
  return demarche;
}

export async function updateAnnouncedDemarche(
  deps: AnnouncementDeps,
  actor: Actor,
  slug: string,
  patch: unknown,
  expectedVersion?: number,
) {
  const demarche = await updateDemarche(deps, actor, slug, patch, expectedVersion);
  await announce(deps, demarche);
  return demarche;
}
