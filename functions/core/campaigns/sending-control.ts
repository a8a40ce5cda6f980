// An agent's hand on a campaign being sent: pause, resume, cancel. Each is one conditional write of
// the campaign; the delivery engine reads it between sends (core/delivery/campaign-watch.ts) and
// stops within about a second. A resume needs no queue: it counts the round up, and finalize
// (core/delivery/finalize.ts) enqueues what the ledger says is left, for that round.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { countsOf, tallyLedger } from '../delivery/ledger';
import { isDomainError, notFound } from '../shared/errors';
import { type Campaign, type CampaignStatus, transition } from './campaign';

/** The delivery engine writes the campaign too (its recipient count, its enqueued round): a few tries absorb that. */
const ATTEMPTS = 5;

/**
 * Applies `change` to the campaign as read and writes it with that version; on a `Conflict` (the
 * engine wrote meanwhile) reads again and retries, so the rules are checked on what is really there.
 */
async function changeWhileSending(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  action: string,
  change: (current: Campaign, now: Date) => Promise<Campaign> | Campaign,
): Promise<Campaign> {
  for (let attempt = 1; ; attempt++) {
    const current = await ctx.store.campaigns.get(id);
    if (!current) throw notFound('Campagne', id);
    const next = { ...(await change(current, ctx.clock.now())), version: current.version + 1 };
    try {
      await ctx.store.campaigns.update(next, current.version);
    } catch (error) {
      if (attempt < ATTEMPTS && isDomainError(error) && error.code === 'Conflict') continue;
      throw error;
    }
    await recordChange(ctx, actor, action, { type: 'campaign', id }, current, next);
    return next;
  }
}

/** sending → paused: the jobs start no new send; what is in flight ends and is recorded. */
export const pauseCampaign = (ctx: CoreContext, actor: Actor, id: string) =>
  changeWhileSending(ctx, actor, id, 'campaign.pause', (current, now) => transition(current, 'paused', now));

/** paused → sending, in a new round: finalize enqueues what is left within its next run. */
export const resumeCampaign = (ctx: CoreContext, actor: Actor, id: string) =>
  changeWhileSending(ctx, actor, id, 'campaign.resume', (current, now) => ({
    ...transition(current, 'sending', now),
    round: (current.round ?? 0) + 1,
    resumedAt: now.toISOString(),
  }));

/** Statuses from which a cancel stops a sending under way, and so keeps what the ledger counted. */
const SENDING_STATUSES: readonly CampaignStatus[] = ['sending', 'paused'];

/**
 * Cancels a draft or a scheduled campaign, or stops one being sent: sending or paused → cancelled,
 * with the counts of what went out so far (read from the ledger; a send in flight at that moment
 * ends and is written to the ledger, which progress reads). A cancel that races dispatch's claim
 * reads the campaign again and stops the sending that just began.
 */
export const cancelCampaign = (ctx: CoreContext, actor: Actor, id: string) =>
  changeWhileSending(ctx, actor, id, 'campaign.cancel', async (current, now) => {
    const next = transition(current, 'cancelled', now);
    if (!SENDING_STATUSES.includes(current.status)) return next;
    const tally = await tallyLedger(ctx.store, id);
    return { ...next, counts: countsOf(current, tally.counts) };
  });
