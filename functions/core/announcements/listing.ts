// What agents see of announcements: the pending ones (drafts to approve, scheduled ones to come)
// with their démarche and step, a démarche's own announcements, and the approval of a draft.
import type { AnnouncementRule, Campaign } from '../campaigns/campaign';
import { type CampaignDeps, getCampaign, scheduleCampaign, updateCampaign } from '../campaigns/use-cases';
import type { Actor, CoreContext } from '../context';
import type { Demarche, Step } from '../demarches/demarche';
import { conflict } from '../shared/errors';
import { isPastNotAfter } from './expiry';
import { LATE_SEND_DELAY_MS } from './reconcile';
import { momentsOf } from './rules';
import { announcementId } from './wanted';

export interface AnnouncementView {
  campaign: Campaign;
  rule: AnnouncementRule;
  demarche: { slug: string; title: string };
  /** Absent when the step was deleted since. */
  step?: Pick<Step, 'id' | 'title' | 'kind'>;
}

const viewOf = (campaign: Campaign, demarche: Demarche | undefined): AnnouncementView | undefined => {
  if (campaign.origin?.kind !== 'announcement') return undefined;
  const { demarcheSlug, stepId, rule } = campaign.origin;
  const step = demarche?.steps.find((s) => s.id === stepId);
  return {
    campaign,
    rule,
    demarche: { slug: demarcheSlug, title: demarche?.title ?? demarcheSlug },
    ...(step ? { step: { id: step.id, title: step.title, kind: step.kind } } : {}),
  };
};

/** Drafts to approve and scheduled announcements, soonest first: the markers name them (no scan of all campaigns). */
export async function listPendingAnnouncements(ctx: CoreContext): Promise<AnnouncementView[]> {
  const markers = await ctx.store.announcements.listMarkers();
  const views = await Promise.all(
    markers.map(async (marker) => {
      const demarche = await ctx.store.demarches.get(marker.demarcheSlug);
      const campaigns = await Promise.all(Object.keys(marker.pending).map((id) => ctx.store.campaigns.get(id)));
      return campaigns
        .filter((c): c is Campaign => c?.status === 'draft' || c?.status === 'scheduled')
        .map((c) => viewOf(c, demarche));
    }),
  );
  return views
    .flat()
    .filter((v): v is AnnouncementView => v !== undefined)
    .sort((a, b) => a.campaign.sendAt.localeCompare(b.campaign.sendAt));
}

/** Every announcement of a démarche's current steps, whatever its status, in timeline order. */
export async function announcementsOfDemarche(ctx: CoreContext, demarche: Demarche): Promise<AnnouncementView[]> {
  const ids = demarche.steps.flatMap((step) =>
    momentsOf({ ...step, cancelled: false }).map((m) => announcementId(demarche.slug, step.id, m.rule)),
  );
  const campaigns = await Promise.all(ids.map((id) => ctx.store.campaigns.get(id)));
  return campaigns
    .filter((c): c is Campaign => c !== undefined)
    .map((c) => viewOf(c, demarche))
    .filter((v): v is AnnouncementView => v !== undefined);
}

/**
 * Schedules a draft announcement. One whose moment passed while it waited (still within its grace)
 * leaves a minute from now; one past its grace is refused: it is « périmée ».
 */
export async function approveAnnouncement(deps: CampaignDeps, actor: Actor, id: string): Promise<Campaign> {
  const campaign = await getCampaign(deps, id);
  const now = deps.clock.now();
  if (isPastNotAfter(campaign, now))
    throw conflict(
      'cette annonce est périmée : son heure est passée depuis trop longtemps',
      'announcement_not_expired',
    );
  if (
    campaign.status === 'draft' &&
    campaign.sendAt <= new Date(now.getTime() + LATE_SEND_DELAY_MS / 2).toISOString()
  ) {
    const sendAt = new Date(now.getTime() + LATE_SEND_DELAY_MS).toISOString();
    await updateCampaign(deps, actor, id, { sendAt }, campaign.version);
  }
  return scheduleCampaign(deps, actor, id);
}
