// Reconcile: brings a démarche's announcements (campaigns with derived ids) in line with its
// timeline. Idempotent, whoever runs it and however often: creates what is missing, rewrites a
// pending one whose generated content changed, cancels a pending one whose step was deleted or
// cancelled (or whose grace ran out), never touches what is being sent or was sent or cancelled,
// and never creates one whose time plus grace has passed. A sent one is never created again: its
// id is taken for ever.
import { type Campaign, type CampaignStatus } from '../campaigns/campaign';
import { type CampaignDeps, cancelCampaign, createCampaign, updateCampaign } from '../campaigns/use-cases';
import { type Demarche, announcementPolicyOf } from '../demarches/demarche';
import { SYSTEM_ACTOR } from '../restitution/restitution';
import { isDomainError } from '../shared/errors';
import { expireCampaign } from './expiry';
import type { AnnouncementMarker } from './marker';
import type { LoadedTemplates } from './templates-book';
import { type WantedAnnouncement, wantedAnnouncements } from './wanted';

/** An announcement whose moment just passed (still within its grace) leaves this long after now. */
export const LATE_SEND_DELAY_MS = 60_000;

export interface ReconcileReport {
  demarcheSlug: string;
  created: string[];
  updated: string[];
  cancelled: string[];
  expired: string[];
  errors: { campaignId: string; error: unknown }[];
}

type Pending = AnnouncementMarker['pending'];
type Outcome = 'created' | 'updated' | 'cancelled' | 'expired' | 'kept' | 'done';
const PENDING_STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled'];

/** The moment, or a minute from now when the moment just passed within its grace. */
const sendAtOf = (w: WantedAnnouncement, now: Date) => {
  const soon = new Date(now.getTime() + LATE_SEND_DELAY_MS).toISOString();
  return w.moment.at > soon ? w.moment.at : soon;
};

export async function reconcileDemarche(
  deps: CampaignDeps,
  demarche: Demarche,
  templates: LoadedTemplates,
): Promise<ReconcileReport> {
  const now = deps.clock.now();
  const all = new Map(wantedAnnouncements(demarche, templates.book).map((w) => [w.id, w]));
  const marker = await deps.store.announcements.getMarker(demarche.slug);
  const pending: Pending = { ...marker?.pending };
  const base = { demarcheSlug: demarche.slug, templatesAt: templates.revision };
  // Ids are recorded before their campaigns are written: a step deleted after a crash in between is still found.
  const fresh = [...all.values()].filter((w) => !pending[w.id] && w.moment.notAfter > now.toISOString());
  if (fresh.length > 0) {
    for (const w of fresh) pending[w.id] = { fingerprint: '', notAfter: w.moment.notAfter };
    await deps.store.announcements.putMarker({
      ...base,
      version: marker?.version ?? 0,
      pending,
      updatedAt: now.toISOString(),
    });
  }
  const report: ReconcileReport = {
    demarcheSlug: demarche.slug,
    created: [],
    updated: [],
    cancelled: [],
    expired: [],
    errors: [],
  };
  const next: Pending = {};
  for (const [id, entry] of Object.entries(pending)) {
    try {
      const outcome = await applyOne(deps, demarche, id, all.get(id), entry, now);
      if (outcome === 'created' || outcome === 'updated' || outcome === 'kept') {
        const w = all.get(id)!;
        next[id] = { fingerprint: w.fingerprint, notAfter: w.moment.notAfter };
      }
      if (outcome !== 'kept' && outcome !== 'done') report[outcome].push(id);
    } catch (error) {
      next[id] = entry;
      report.errors.push({ campaignId: id, error });
    }
  }
  // With errors the version stays behind: the delivery tick's safety net reconciles again.
  const version = report.errors.length === 0 ? demarche.version : (marker?.version ?? 0);
  await deps.store.announcements.putMarker({ ...base, version, pending: next, updatedAt: now.toISOString() });
  return report;
}

async function applyOne(
  deps: CampaignDeps,
  demarche: Demarche,
  id: string,
  wanted: WantedAnnouncement | undefined,
  entry: Pending[string],
  now: Date,
): Promise<Outcome> {
  const live = wanted && wanted.moment.notAfter > now.toISOString() ? wanted : undefined;
  const campaign = await deps.store.campaigns.get(id);
  if (!campaign) return live ? create(deps, demarche, live, now) : 'done';
  if (!PENDING_STATUSES.includes(campaign.status)) return 'done';
  if (!live) {
    // Still in the timeline but too late: « périmée ». Gone from it (deleted, cancelled, no end any more): withdrawn.
    if (wanted) return (await expireCampaign(deps, campaign, now)) ? 'expired' : 'done';
    await cancelCampaign(deps, SYSTEM_ACTOR, id);
    return 'cancelled';
  }
  if (entry.fingerprint === live.fingerprint) return 'kept';
  await refresh(deps, campaign, live, now);
  return 'updated';
}

async function create(deps: CampaignDeps, demarche: Demarche, w: WantedAnnouncement, now: Date): Promise<Outcome> {
  const input = { ...w.input, sendAt: sendAtOf(w, now) };
  const schedule = announcementPolicyOf(demarche) === 'auto';
  try {
    await createCampaign(deps, SYSTEM_ACTOR, input, { id: w.id, origin: w.origin, schedule });
    return 'created';
  } catch (error) {
    // Another reconciler (the console's save and the tick) wrote it first: the same content, by construction.
    if (isDomainError(error) && error.code === 'Conflict' && (await deps.store.campaigns.get(w.id))) return 'kept';
    throw error;
  }
}

/** Rewrites what the timeline generates; the send time only when the moment itself moved. */
async function refresh(deps: CampaignDeps, campaign: Campaign, w: WantedAnnouncement, now: Date) {
  const { message, channels, audience, demarcheSlug, notAfter, xText } = w.input;
  const moved = campaign.notAfter !== notAfter;
  const patch = {
    message,
    channels,
    audience: { ...audience, excludeRespondentsOf: audience.excludeRespondentsOf ?? null },
    demarcheSlug,
    notAfter,
    xText: xText ?? null,
    ...(moved ? { sendAt: sendAtOf(w, now) } : {}),
  };
  await updateCampaign(deps, SYSTEM_ACTOR, campaign.id, patch, campaign.version);
}
