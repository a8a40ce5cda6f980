// Dispatch: when a scheduled campaign's time comes, claim it (scheduled → sending, one conditional
// write, so two dispatchers never both send it), enumerate its audience and enqueue send jobs.
// Enqueueing is also how a stalled campaign resumes (finalize.ts): the ledger makes a repeat harmless.
// A due campaign past its `notAfter` (an announcement whose moment is long gone) is cancelled instead.
import { expireCampaign, isPastNotAfter } from '../announcements/expiry';
import { audienceMatcher } from '../campaigns/audience';
import { type Campaign, transition } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { isDomainError } from '../shared/errors';
import { type SendJob, type SendQueue, TELEGRAM_JOB_MAX, TELEGRAM_JOB_SIZE } from './ports';

export interface DispatchDeps extends CoreContext {
  queue: SendQueue;
}

export interface DispatchOptions {
  /** Telegram recipients per job (default 25). */
  jobSize?: number;
  /** Due campaigns taken per run; the next run takes the rest. */
  dueLimit?: number;
}

export interface DispatchReport {
  /** Campaigns this run claimed and enqueued. */
  dispatched: { campaignId: string; recipients: number; jobs: number }[];
  /** Due campaigns another dispatcher claimed first. */
  taken: string[];
  /** Due campaigns past their `notAfter`: cancelled, never sent late (audited as `campaign.expire`). */
  expired: string[];
  /** Campaigns claimed but not fully enqueued (queue or store failing): a later resume finishes them. */
  errors: { campaignId: string; error: unknown }[];
}

const SUBSCRIBER_PAGE = 100;
/** SQS takes at most 10 messages per SendMessageBatch: flush at that size. */
const ENQUEUE_BATCH = 10;

export async function dispatchDueCampaigns(deps: DispatchDeps, options: DispatchOptions = {}): Promise<DispatchReport> {
  const now = deps.clock.now();
  const report: DispatchReport = { dispatched: [], taken: [], expired: [], errors: [] };
  const due = await deps.store.campaigns.listDue(now.toISOString(), options.dueLimit ?? 25);
  for (const campaign of due) await dispatchOne(deps, campaign, now, options, report);
  return report;
}

/** A due campaign: cancelled past its `notAfter`, else claimed and enqueued; the outcome goes to `report`. */
async function dispatchOne(
  deps: DispatchDeps,
  campaign: Campaign,
  now: Date,
  options: DispatchOptions,
  report: DispatchReport,
): Promise<void> {
  if (isPastNotAfter(campaign, now)) {
    if (await expireCampaign(deps, campaign, now)) report.expired.push(campaign.id);
    else report.taken.push(campaign.id);
    return;
  }
  const claimed = await claimCampaign(deps, campaign, now);
  if (!claimed) {
    report.taken.push(campaign.id);
    return;
  }
  try {
    const enqueued = await enqueueCampaign(deps, claimed, { jobSize: options.jobSize });
    await recordEnqueued(deps, claimed, enqueued.recipients);
    report.dispatched.push({ campaignId: claimed.id, ...enqueued });
  } catch (error) {
    report.errors.push({ campaignId: claimed.id, error });
  }
}

/**
 * How early a campaign's alarm may come: EventBridge Scheduler fires a one-time schedule anywhere
 * within the minute it names, so the alarm names the minute before the campaign's (see
 * adapters/scheduler/eventbridge.ts) and dispatch waits the rest, up to two minutes.
 */
export const ALARM_MAX_EARLY_MS = 2 * 60_000;

export interface CampaignDispatchOptions extends Pick<DispatchOptions, 'jobSize'> {
  /** Waits out an early alarm (at most `ALARM_MAX_EARLY_MS`); without it, an early alarm dispatches nothing. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CampaignDispatchReport extends DispatchReport {
  /** Not due (rescheduled later since the alarm was set, or too early to wait for): left to its next alarm or the tick. */
  notDue: string[];
}

/**
 * Dispatches one campaign at once, as its alarm asks. The campaign is read by id, since the due
 * index is eventually consistent; a campaign no longer scheduled (dispatched by the tick, withdrawn,
 * cancelled) counts as taken. An alarm a little early waits for the campaign's time, then reads it
 * again: an agent may have changed it meanwhile.
 */
export async function dispatchCampaign(
  deps: DispatchDeps,
  campaignId: string,
  options: CampaignDispatchOptions = {},
): Promise<CampaignDispatchReport> {
  const report: CampaignDispatchReport = { dispatched: [], taken: [], expired: [], errors: [], notDue: [] };
  let campaign = await deps.store.campaigns.get(campaignId);
  const early = campaign ? Date.parse(campaign.sendAt) - deps.clock.now().getTime() : 0;
  if (campaign?.status === 'scheduled' && early > 0 && early <= ALARM_MAX_EARLY_MS && options.sleep) {
    await options.sleep(early);
    campaign = await deps.store.campaigns.get(campaignId);
  }
  const now = deps.clock.now();
  if (!campaign || campaign.status !== 'scheduled') report.taken.push(campaignId);
  else if (campaign.sendAt > now.toISOString()) report.notDue.push(campaignId);
  else await dispatchOne(deps, campaign, now, options, report);
  return report;
}

/** scheduled → sending with the version read: a `Conflict` means another dispatcher (or an agent) got there first. */
async function claimCampaign(deps: DispatchDeps, campaign: Campaign, now: Date): Promise<Campaign | undefined> {
  // The due index is eventually consistent: trust only the item's own status, via the version check.
  if (campaign.status !== 'scheduled') return undefined;
  const next = { ...transition(campaign, 'sending', now), version: campaign.version + 1 };
  try {
    await deps.store.campaigns.update(next, campaign.version);
    return next;
  } catch (error) {
    if (isDomainError(error) && (error.code === 'Conflict' || error.code === 'NotFound')) return undefined;
    throw error;
  }
}

export interface EnqueueScope {
  jobSize?: number;
  /** Resume: Telegram recipients already served, and public channels already done. */
  done?: { telegram: ReadonlySet<string>; x: boolean; feeds: boolean };
  /**
   * Resume: the recipients of jobs whose lease was never released (their worker died), each
   * enqueued again as that same job, so the worker that takes the lease over knows which sends
   * were in flight and counts them as uncertain.
   */
  retake?: readonly (readonly string[])[];
}

/** Enqueues a campaign's jobs: one per public channel, then the audience in jobs of `jobSize`, all of the campaign's round. */
export async function enqueueCampaign(
  deps: DispatchDeps,
  campaign: Campaign,
  scope: EnqueueScope = {},
): Promise<{ recipients: number; jobs: number }> {
  // Paid broadcast sends ~33 times faster: bigger jobs keep the lease's two writes per job small per message.
  const jobSize = scope.jobSize ?? (campaign.paidBroadcast ? TELEGRAM_JOB_MAX : TELEGRAM_JOB_SIZE);
  const round = campaign.round ?? 0;
  let buffer: SendJob[] = [];
  let jobs = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    await deps.queue.enqueue(buffer);
    jobs += buffer.length;
    buffer = [];
  };
  const push = async (job: SendJob) => {
    buffer.push(job);
    if (buffer.length >= ENQUEUE_BATCH) await flush();
  };

  // X and the feeds first: one job each, out before the Telegram fan-out's queue backlog.
  for (const channel of ['x', 'feeds'] as const)
    if (campaign.channels.includes(channel) && !scope.done?.[channel]) await push({ channel, campaignId: campaign.id });

  let recipients = 0;
  if (campaign.channels.includes('telegram')) {
    const seen = new Set<string>();
    let chunk: string[] = [];
    const add = async (id: string) => {
      seen.add(id);
      recipients++;
      chunk.push(id);
      if (chunk.length >= jobSize) {
        await push({ channel: 'telegram', campaignId: campaign.id, recipients: chunk, round });
        chunk = [];
      }
    };
    for (const job of scope.retake ?? []) {
      const left = job.filter((id) => !scope.done?.telegram.has(id) && !seen.has(id));
      if (left.length === 0) continue;
      for (const id of left) seen.add(id);
      recipients += left.length;
      await push({ channel: 'telegram', campaignId: campaign.id, recipients: [...job], round });
    }
    const inAudience = await audienceMatcher(deps, campaign.audience);
    let cursor: string | undefined;
    do {
      const page = await deps.store.subscribers.listActive({ limit: SUBSCRIBER_PAGE, cursor });
      for (const subscriber of page.items)
        if (
          // One whose erasure began (and crashed before its end) asked to be forgotten: not a recipient.
          !subscriber.erasingAs &&
          inAudience(subscriber) &&
          !scope.done?.telegram.has(subscriber.id) &&
          !seen.has(subscriber.id)
        )
          await add(subscriber.id);
      cursor = page.next;
    } while (cursor);
    if (chunk.length > 0) await push({ channel: 'telegram', campaignId: campaign.id, recipients: chunk, round });
  }
  await flush();
  return { recipients, jobs };
}

/**
 * Records how many Telegram recipients the campaign has (finalize waits for that many lines) and
 * the round whose jobs are now enqueued. Retried on `Conflict`, since finalize or an agent may
 * touch the campaign meanwhile; given up once an agent resumed it again (the newer round's
 * enqueue records its own) or it left sending and pause.
 */
export async function recordEnqueued(
  deps: CoreContext,
  campaign: Campaign,
  recipientCount: number,
): Promise<Campaign | undefined> {
  const round = campaign.round ?? 0;
  let current: Campaign | undefined = campaign;
  for (let attempt = 0; attempt < 5 && current && stillEnqueuing(current, round); attempt++) {
    const next: Campaign = {
      ...current,
      recipientCount,
      enqueuedRound: round,
      updatedAt: deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    try {
      await deps.store.campaigns.update(next, current.version);
      return next;
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Conflict') throw error;
      current = await deps.store.campaigns.get(campaign.id);
    }
  }
  return undefined;
}

const stillEnqueuing = (campaign: Campaign, round: number) =>
  (campaign.status === 'sending' || campaign.status === 'paused') && (campaign.round ?? 0) === round;
