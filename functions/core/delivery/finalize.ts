// Finalize: a sending campaign whose ledger lines are all final becomes `sent` (or `failed` when
// nothing got through) with its counts. It reads the campaigns being sent from their sparse index,
// and each one's job counters (one GetItem): the whole ledger is tallied only once they say done,
// or when a resume or giving up is due, never every tick. One that stopped moving is resumed: its audience is
// enqueued again, minus the recipients already served (a dispatcher died mid-enqueue, a local
// restart emptied the in-process queue, a job went to the dead letters); a job whose worker died
// holding its lease is enqueued again as itself, for the takeover to count its blind resends.
// A campaign an agent resumed (its `round` ahead of `enqueuedRound`) is enqueued the same way at once.
import { type Campaign, type DeliveryCounts, transition } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { isDomainError } from '../shared/errors';
import { type DispatchDeps, enqueueCampaign, recordEnqueued } from './dispatch';
import { QUIET_TALLY_MS, countersOfTally, countersSayDone } from './job-counters';
import { type ChannelCounts, type LedgerTally, countsOf, tallyLedger } from './ledger';

export interface FinalizeOptions {
  /** A campaign with no ledger or campaign change for this long is resumed (default 15 min: longer than a big fan-out's queue backlog). */
  resumeAfterMs?: number;
  /** Past this since `sendAt` (or the last resume), an unfinished campaign is closed with what it has; the rest counts as failed (default 24 h). */
  giveUpAfterMs?: number;
  jobSize?: number;
}

export interface FinalizeReport {
  finished: { campaignId: string; status: 'sent' | 'failed'; counts: DeliveryCounts; gaveUp: boolean }[];
  /** Enqueued again: stalled, or resumed by an agent (`round`). */
  resumed: { campaignId: string; recipients: number; jobs: number }[];
  /** Still sending, still moving. */
  waiting: string[];
  errors: { campaignId: string; error: unknown }[];
}

export const DEFAULT_RESUME_AFTER_MS = 15 * 60_000;
export const DEFAULT_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

export async function finalizeCampaigns(deps: DispatchDeps, options: FinalizeOptions = {}): Promise<FinalizeReport> {
  const report: FinalizeReport = { finished: [], resumed: [], waiting: [], errors: [] };
  // The sparse index of campaigns being sent: a few items, however many campaigns were ever created.
  for (const campaign of await deps.store.campaigns.listSending()) {
    try {
      await finalizeOne(deps, campaign, options, report);
    } catch (error) {
      report.errors.push({ campaignId: campaign.id, error });
    }
  }
  return report;
}

async function finalizeOne(deps: DispatchDeps, campaign: Campaign, options: FinalizeOptions, report: FinalizeReport) {
  const now = deps.clock.now();
  const counters = await deps.store.deliveries.getCounters(campaign.id);
  const since = campaign.resumedAt && campaign.resumedAt > campaign.sendAt ? campaign.resumedAt : campaign.sendAt;
  const givingUp = now.getTime() - Date.parse(since) >= (options.giveUpAfterMs ?? DEFAULT_GIVE_UP_AFTER_MS);
  // Resumed by an agent: the jobs of the earlier round stopped; what is left goes out now.
  const resumedByAgent = (campaign.round ?? 0) !== (campaign.enqueuedRound ?? 0);
  const moved = counters && counters.updatedAt > campaign.updatedAt ? counters.updatedAt : campaign.updatedAt;
  const stalled = now.getTime() - Date.parse(moved) >= (options.resumeAfterMs ?? DEFAULT_RESUME_AFTER_MS);
  const looked = counters?.talliedAt && counters.talliedAt > moved ? counters.talliedAt : moved;
  const quiet = now.getTime() - Date.parse(looked) >= QUIET_TALLY_MS;
  // The job counters are a hint (job-counters.ts): the ledger is read, once, only when they say
  // done, when the campaign must be given up or resumed, or once per quiet minute.
  if (!countersSayDone(campaign, counters) && !givingUp && !resumedByAgent && !stalled && !quiet)
    return void report.waiting.push(campaign.id);

  const tally = await tallyLedger(deps.store, campaign.id);
  const missing = missingLines(campaign, tally);
  if (missing !== undefined && missing === 0 && tally.pending === 0)
    return finish(deps, campaign, tally.counts, false, report);
  if (givingUp)
    return finish(deps, campaign, withUnreachedAsFailed(campaign, tally, (counters?.parked ?? 0) > 0), true, report);
  if (resumedByAgent) return enqueueRest(deps, campaign, tally, options, report);

  const lastChange = tally.lastChange && tally.lastChange > campaign.updatedAt ? tally.lastChange : campaign.updatedAt;
  if (now.getTime() - Date.parse(lastChange) < (options.resumeAfterMs ?? DEFAULT_RESUME_AFTER_MS)) {
    // The hint drifted (a job died before its count, a line moved by an erasure): the exact numbers
    // replace it, so the next ticks wait without reading the ledger again.
    await deps.store.deliveries.putCounters(
      countersOfTally(campaign.id, tally, campaign.updatedAt, deps.clock.now(), counters?.parked),
    );
    report.waiting.push(campaign.id);
    return;
  }
  await enqueueRest(deps, campaign, tally, options, report);
}

/** Enqueues what the ledger has no final line for, and the jobs whose lease was never released, as themselves. */
async function enqueueRest(
  deps: DispatchDeps,
  campaign: Campaign,
  tally: LedgerTally,
  options: FinalizeOptions,
  report: FinalizeReport,
) {
  const leases = await deps.store.deliveries.listLeases(campaign.id);
  // The resumed jobs count from the exact numbers, not from a hint a dead worker left short; `parked`
  // starts again from 0, so it tells whether THIS attempt met a missing bot token.
  await deps.store.deliveries.putCounters(countersOfTally(campaign.id, tally, campaign.updatedAt, deps.clock.now()));
  const enqueued = await enqueueCampaign(deps, campaign, {
    jobSize: options.jobSize,
    done: { telegram: tally.finalRecipients, x: tally.final.x > 0, feeds: tally.final.feeds > 0 },
    retake: leases.map((lease) => lease.recipients),
  });
  // Also the campaign's new `updatedAt`: the next resume waits another full period.
  await recordEnqueued(deps, campaign, tally.finalRecipients.size + enqueued.recipients);
  report.resumed.push({ campaignId: campaign.id, ...enqueued });
}

/** Lines still to be written (undefined while dispatch has not counted the recipients). */
function missingLines(campaign: Campaign, tally: LedgerTally): number | undefined {
  let missing = 0;
  if (campaign.channels.includes('telegram')) {
    if (campaign.recipientCount === undefined) return undefined;
    missing += Math.max(0, campaign.recipientCount - tally.final.telegram);
  }
  if (campaign.channels.includes('x') && tally.final.x === 0) missing++;
  if (campaign.channels.includes('feeds') && tally.final.feeds === 0) missing++;
  return missing;
}

/**
 * Giving up: every recipient or public post without a final line counts as failed on its channel —
 * but Telegram recipients the last attempt parked for want of a bot token count as `unconfigured`,
 * so agents read the cause, not « échec ». Still given up at 24 h, not left to wait for the token: a
 * campaign's message is about a moment of a démarche, and one that lands days later, when an
 * operator finally writes the token, would surprise the citizens; agents can schedule it again.
 */
function withUnreachedAsFailed(campaign: Campaign, tally: LedgerTally, parked: boolean): ChannelCounts {
  const counts = structuredClone(tally.counts);
  const unreached = Math.max(0, (campaign.recipientCount ?? 0) - tally.final.telegram);
  if (parked && unreached > 0) counts.telegram.unconfigured = (counts.telegram.unconfigured ?? 0) + unreached;
  else counts.telegram.failed += unreached;
  if (tally.final.x === 0) counts.x.failed++;
  if (tally.final.feeds === 0) counts.feeds.failed++;
  return counts;
}

/** `failed` only when something was tried and nothing got through on any channel; an audience that all left is not a failure of ours. */
function outcomeOf(counts: DeliveryCounts): 'sent' | 'failed' {
  const { telegram, x, feeds } = counts;
  const through = (telegram?.sent ?? 0) + (x?.posted ?? 0) + (x?.queued ?? 0) + (feeds?.published ?? 0);
  const failed = (telegram?.failed ?? 0) + (telegram?.unconfigured ?? 0) + (x?.failed ?? 0) + (feeds?.failed ?? 0);
  return through === 0 && failed > 0 ? 'failed' : 'sent';
}

async function finish(
  deps: DispatchDeps,
  campaign: Campaign,
  all: ChannelCounts,
  gaveUp: boolean,
  report: FinalizeReport,
) {
  const now = deps.clock.now();
  const counts = countsOf(campaign, all);
  const status = outcomeOf(counts);
  const next: Campaign = {
    ...transition(campaign, status, now),
    counts,
    sentAt: now.toISOString(),
    version: campaign.version + 1,
  };
  try {
    await deps.store.campaigns.update(next, campaign.version);
    report.finished.push({ campaignId: campaign.id, status, counts, gaveUp });
  } catch (error) {
    // Changed meanwhile (a dispatcher recording its count): the next run decides again.
    if (!isDomainError(error) || error.code !== 'Conflict') throw error;
    report.waiting.push(campaign.id);
  }
}

/**
 * A cancel stores the counts the ledger had at that moment; the sends then in flight end and write
 * their lines after it. Each job the cancel stopped recounts once its own sends have ended, so the
 * last one to finish leaves the campaign's `counts` exact (a `Conflict` with another's recount reads again).
 */
export async function recountCancelled(deps: CoreContext, campaignId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const campaign = await deps.store.campaigns.get(campaignId);
    if (campaign?.status !== 'cancelled' || !campaign.counts) return;
    const counts = countsOf(campaign, (await tallyLedger(deps.store, campaignId)).counts);
    if (JSON.stringify(counts) === JSON.stringify(campaign.counts)) return;
    try {
      return await deps.store.campaigns.update(
        { ...campaign, counts, version: campaign.version + 1 },
        campaign.version,
      );
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Conflict') throw error;
    }
  }
}
