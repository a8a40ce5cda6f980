// Finalize: a sending campaign whose ledger lines are all final becomes `sent` (or `failed` when
// nothing got through) with its counts. One that stopped moving is resumed: its audience is
// enqueued again, minus the recipients already served (a dispatcher died mid-enqueue, a local
// restart emptied the in-process queue, a job went to the dead letters); a job whose worker died
// holding its lease is enqueued again as itself, for the takeover to count its blind resends.
import { type Campaign, type DeliveryCounts, transition } from '../campaigns/campaign';
import { isDomainError } from '../shared/errors';
import { type DispatchDeps, enqueueCampaign, recordRecipientCount } from './dispatch';
import { type LedgerTally, tallyLedger } from './ledger';

export interface FinalizeOptions {
  /** A campaign with no ledger or campaign change for this long is resumed (default 15 min: longer than a big fan-out's queue backlog). */
  resumeAfterMs?: number;
  /** Past this since `sendAt`, an unfinished campaign is closed with what it has; the rest counts as failed (default 24 h). */
  giveUpAfterMs?: number;
  jobSize?: number;
}

export interface FinalizeReport {
  finished: { campaignId: string; status: 'sent' | 'failed'; counts: DeliveryCounts; gaveUp: boolean }[];
  resumed: { campaignId: string; recipients: number; jobs: number }[];
  /** Still sending, still moving. */
  waiting: string[];
  errors: { campaignId: string; error: unknown }[];
}

export const DEFAULT_RESUME_AFTER_MS = 15 * 60_000;
export const DEFAULT_GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

export async function finalizeCampaigns(deps: DispatchDeps, options: FinalizeOptions = {}): Promise<FinalizeReport> {
  const report: FinalizeReport = { finished: [], resumed: [], waiting: [], errors: [] };
  let cursor: string | undefined;
  do {
    const page = await deps.store.campaigns.list({ status: 'sending', limit: 100, cursor });
    for (const campaign of page.items) {
      try {
        await finalizeOne(deps, campaign, options, report);
      } catch (error) {
        report.errors.push({ campaignId: campaign.id, error });
      }
    }
    cursor = page.next;
  } while (cursor);
  return report;
}

async function finalizeOne(deps: DispatchDeps, campaign: Campaign, options: FinalizeOptions, report: FinalizeReport) {
  const tally = await tallyLedger(deps.store, campaign.id);
  const now = deps.clock.now();
  const missing = missingLines(campaign, tally);
  if (missing !== undefined && missing === 0 && tally.pending === 0)
    return finish(deps, campaign, tally.counts, false, report);

  if (now.getTime() - Date.parse(campaign.sendAt) >= (options.giveUpAfterMs ?? DEFAULT_GIVE_UP_AFTER_MS)) {
    const unreached = tally.pending + (missing ?? 0);
    return finish(deps, campaign, { ...tally.counts, failed: tally.counts.failed + unreached }, true, report);
  }

  const lastChange = tally.lastChange && tally.lastChange > campaign.updatedAt ? tally.lastChange : campaign.updatedAt;
  if (now.getTime() - Date.parse(lastChange) < (options.resumeAfterMs ?? DEFAULT_RESUME_AFTER_MS)) {
    report.waiting.push(campaign.id);
    return;
  }
  const leases = await deps.store.deliveries.listLeases(campaign.id);
  const enqueued = await enqueueCampaign(deps, campaign, {
    jobSize: options.jobSize,
    done: { telegram: tally.finalRecipients, x: tally.final.x > 0, feeds: tally.final.feeds > 0 },
    alsoTelegram: tally.pendingRecipients,
    retake: leases.map((lease) => lease.recipients),
  });
  // Also the campaign's new `updatedAt`: the next resume waits another full period.
  await recordRecipientCount(deps, campaign, tally.finalRecipients.size + enqueued.recipients);
  report.resumed.push({ campaignId: campaign.id, ...enqueued });
}

/** Lines still to be written (undefined while dispatch has not counted the recipients). */
function missingLines(campaign: Campaign, tally: LedgerTally): number | undefined {
  let missing = 0;
  if (campaign.channels.includes('telegram')) {
    if (campaign.recipientCount === undefined) return undefined;
    missing += Math.max(0, campaign.recipientCount - tally.final.telegram - tally.pendingRecipients.size);
  }
  if (campaign.channels.includes('x') && tally.final.x === 0) missing++;
  if (campaign.channels.includes('feeds') && tally.final.feeds === 0) missing++;
  return missing;
}

async function finish(
  deps: DispatchDeps,
  campaign: Campaign,
  counts: DeliveryCounts,
  gaveUp: boolean,
  report: FinalizeReport,
) {
  const now = deps.clock.now();
  // `failed` only when something was tried and nothing got through; an audience that all left is not a failure of ours.
  const status = counts.sent === 0 && counts.failed > 0 ? 'failed' : 'sent';
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
