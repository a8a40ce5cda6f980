// An announcement is worth nothing late: past its `notAfter` a pending one is cancelled, never sent
// (« périmée »). The dispatch does it to a due campaign, reconcile and the delivery tick to a draft
// nobody approved in time. One conditional write: a racing agent or dispatcher wins, this gives up.
import { recordChange } from '../audit/record';
import { type Campaign, transition } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { SYSTEM_ACTOR } from '../restitution/restitution';
import { isDomainError } from '../shared/errors';

/** Whether a campaign's `notAfter` has passed at `now`. */
export const isPastNotAfter = (campaign: Pick<Campaign, 'notAfter'>, now: Date) =>
  campaign.notAfter !== undefined && campaign.notAfter <= now.toISOString();

/** Cancelled because its time had passed (what the console calls « périmée »): cancelled at or after `notAfter`. */
export const wasExpired = (campaign: Pick<Campaign, 'status' | 'notAfter' | 'updatedAt'>) =>
  campaign.status === 'cancelled' && campaign.notAfter !== undefined && campaign.updatedAt >= campaign.notAfter;

/** draft or scheduled → cancelled, audited as `campaign.expire`; false when someone else changed it first. */
export async function expireCampaign(ctx: CoreContext, campaign: Campaign, now: Date): Promise<boolean> {
  if (campaign.status !== 'draft' && campaign.status !== 'scheduled') return false;
  const next = { ...transition(campaign, 'cancelled', now), version: campaign.version + 1 };
  try {
    await ctx.store.campaigns.update(next, campaign.version);
  } catch (error) {
    if (isDomainError(error) && (error.code === 'Conflict' || error.code === 'NotFound')) return false;
    throw error;
  }
  await recordChange(ctx, SYSTEM_ACTOR, 'campaign.expire', { type: 'campaign', id: campaign.id }, campaign, next);
  return true;
}
