// The delivery tick's announcements step: a safety net behind the reconcile run when a démarche is
// saved (a crash in between, a template saved since). Cheap each minute: the démarches and the
// markers are two Queries; only a démarche whose version (or the templates' revision) differs from
// its marker is reconciled, and otherwise only announcements past their `notAfter` are read, once,
// to cancel a draft nobody approved in time.
import type { CampaignDeps } from '../campaigns/use-cases';
import type { Demarche } from '../demarches/demarche';
import { expireCampaign } from './expiry';
import type { AnnouncementMarker } from './marker';
import { type ReconcileReport, reconcileDemarche } from './reconcile';
import { loadTemplates } from './templates-book';

export interface AnnouncementRound {
  reconciled: ReconcileReport[];
  /** Pending announcements cancelled because their grace ran out (« périmées »). */
  expired: string[];
  errors: { campaignId: string; error: unknown }[];
}

async function allDemarches(deps: CampaignDeps): Promise<Demarche[]> {
  const all: Demarche[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.demarches.list({ limit: 100, cursor });
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

export async function announcementsDue(deps: CampaignDeps): Promise<AnnouncementRound> {
  const round: AnnouncementRound = { reconciled: [], expired: [], errors: [] };
  const templates = await loadTemplates(deps);
  const markers = new Map((await deps.store.announcements.listMarkers()).map((m) => [m.demarcheSlug, m]));
  for (const demarche of await allDemarches(deps)) {
    const marker = markers.get(demarche.slug);
    try {
      if (!marker || marker.version !== demarche.version || marker.templatesAt !== templates.revision) {
        const report = await reconcileDemarche(deps, demarche, templates);
        round.reconciled.push(report);
        round.expired.push(...report.expired);
        round.errors.push(...report.errors);
      } else round.expired.push(...(await expireStale(deps, marker)));
    } catch (error) {
      round.errors.push({ campaignId: `announcements:${demarche.slug}`, error });
    }
  }
  return round;
}

/** Reads each announcement past its `notAfter` once: cancels it if still pending, and forgets it. */
async function expireStale(deps: CampaignDeps, marker: AnnouncementMarker): Promise<string[]> {
  const now = deps.clock.now();
  const stale = Object.entries(marker.pending).filter(([, entry]) => entry.notAfter <= now.toISOString());
  if (stale.length === 0) return [];
  const expired: string[] = [];
  const pending = { ...marker.pending };
  for (const [id] of stale) {
    const campaign = await deps.store.campaigns.get(id);
    if (campaign && (await expireCampaign(deps, campaign, now))) expired.push(id);
    delete pending[id];
  }
  await deps.store.announcements.putMarker({ ...marker, pending, updatedAt: now.toISOString() });
  return expired;
}
