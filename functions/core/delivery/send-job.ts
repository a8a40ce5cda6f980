// Processing one send job from the queue: a Telegram job (≤ 25 recipients, telegram-job.ts) or a
// campaign's public channel (X, feeds: public-channels.ts). The queue is at-least-once and workers
// die: the ledger (ledger-line.ts) and the job's lease (job-lease.ts) make a repeat harmless.
import type { TelegramFormat } from '../campaigns/telegram-format';
import type { XPublisher } from '../campaigns/x-publisher';
import type { CoreContext } from '../context';
import { sendingStops } from './campaign-watch';
import { recountCancelled } from './finalize';
import { countJob } from './job-counters';
import { SendJobIncomplete, type SendJob, type TelegramSender, isTelegramNotConfigured } from './ports';
import { postOnX, publishInFeeds } from './public-channels';
import { sendTelegramJob } from './telegram-job';
import type { DigestFormat } from '../digests/digest';
import { sendDueDigests } from '../digests/send-digests';
import type { ConsentRequestFormat } from '../subscribers/consent';

export interface SendDeps extends CoreContext {
  telegram: TelegramSender;
  /** Renders a campaign for one language (the Telegram adapter's campaign-message.ts). */
  telegramFormat: TelegramFormat;
  x: XPublisher;
  /** Renders a digest (the Telegram adapter's digest-message.ts): the consumer that sends campaigns sends the digests. */
  digestFormat?: DigestFormat;
  /** Renders the request to accept a new consent version, sent in place of a message (subscribers/consent.ts). */
  consentRequest?: ConsentRequestFormat;
}

export interface SendJobOptions {
  /** Time is up (a Lambda near its timeout): recipients not yet sent are left to the job's retry. */
  signal?: AbortSignal;
  /** Telegram sends in flight per job; the sender's rate limiter sets the pace. */
  concurrency?: number;
  /**
   * How long a job's lease (or a claimed X / feeds line) is presumed alive; longer than a job run
   * can take. No Telegram send starts past 80% of it.
   */
  inFlightLeaseMs?: number;
  /**
   * A job lease (or a claimed X / feeds line) taken before this instant belongs to a process that is
   * dead, and is taken over at once instead of after its `heldUntil` (job-lease.ts `ownerIsGone`).
   * The local runtime passes its own start: one process per DATA_DIR. Absent on AWS, where a lease
   * may be a live Lambda's.
   */
  leasesDeadBefore?: Date;
}

export interface SendJobReport {
  sent: number;
  failed: number;
  blocked: number;
  /** Sent again after an unknown outcome: possible duplicates (the Bot API has no idempotency key). */
  uncertain: number;
  /** Requests Telegram answered 429 while sending this job (published as `telegram.rateLimited`). */
  rateLimited: number;
  /** Held for the recipient's digest or the end of their quiet hours (core/digests): a `held` line, sent later. */
  held: number;
  /** Lines already final: a redelivered job or a resume. */
  alreadyDone: number;
  /** Recipients another worker holds (the job's lease, or a claimed X / feeds line): left to it, or to a takeover once the lease runs out. */
  heldElsewhere: number;
  /** Put off (rate limits, time out): the job throws `SendJobIncomplete` and the queue retries it. */
  deferred: number;
  /**
   * Recipients not sent because the campaign was paused, cancelled or finished, or resumed under a
   * newer round, while the job ran: the job ended without a retry (a resume enqueues them again).
   */
  stopped: number;
  /** The campaign is not sending (paused, cancelled, finished) or the job's round is past: the job was dropped. */
  dropped: boolean;
  /**
   * 1 when the job was parked: Telegram has no bot token yet (`TelegramNotConfigured`). Acked with no
   * line for what it did not send; finalize's resume (campaigns) or the next digests tick enqueues it again.
   */
  parked: number;
}

export const DEFAULT_IN_FLIGHT_LEASE_MS = 5 * 60_000;

/** Processes one job; throws `SendJobIncomplete` when something must be retried later. */
export async function processSendJob(
  deps: SendDeps,
  job: SendJob,
  options: SendJobOptions = {},
): Promise<SendJobReport> {
  const report: SendJobReport = {
    sent: 0,
    failed: 0,
    blocked: 0,
    uncertain: 0,
    rateLimited: 0,
    held: 0,
    alreadyDone: 0,
    heldElsewhere: 0,
    deferred: 0,
    stopped: 0,
    dropped: false,
    parked: 0,
  };
  if (job.channel === 'digests')
    return (await telegramMissing(deps)) ? { ...report, parked: 1 } : sendDigestsJob(deps, report);
  // The campaign read before anything is sent: a Telegram job reads it again as it goes (telegram-job.ts).
  const campaign = await deps.store.campaigns.get(job.campaignId);
  const round = job.channel === 'telegram' ? (job.round ?? 0) : undefined;
  if (!campaign || sendingStops(campaign, round)) return { ...report, dropped: true };
  // Before the lease: a parked job costs no write, and a campaign can wait days for its token.
  if (job.channel === 'telegram' && (await telegramMissing(deps))) {
    const parked = { ...report, parked: 1 };
    // Finalize's hint that the last attempt met the missing token (job-counters.ts `parked`).
    await countJob(deps, campaign.id, 'telegram', parked).catch(() => undefined);
    return parked;
  }
  const leaseMs = options.inFlightLeaseMs ?? DEFAULT_IN_FLIGHT_LEASE_MS;
  try {
    if (job.channel === 'telegram')
      await sendTelegramJob(
        deps,
        campaign,
        { recipients: job.recipients, round: job.round ?? 0 },
        report,
        options,
        leaseMs,
      );
    else if (job.channel === 'x') await postOnX(deps, campaign, report, leaseMs, options.leasesDeadBefore);
    else await publishInFeeds(deps, campaign, report, leaseMs, options.leasesDeadBefore);
  } finally {
    // The lines this run wrote, on the campaign's counters (finalize's hint, job-counters.ts), even
    // when it throws: a retry finds them written and counts nothing. A hint: one lost here only
    // delays finalize's tally to the campaign's next quiet minute.
    await countJob(deps, campaign.id, job.channel, report).catch(() => undefined);
  }
  // Cancelled mid-job: the counts stored at the cancel missed this job's sends in flight.
  if (report.stopped > 0) await recountCancelled(deps, campaign.id);
  // Stopped by an agent, or parked (the token went mid-job): what was put off is the resume's to send, not this job's retry.
  if (report.deferred > 0 && report.stopped === 0 && report.parked === 0)
    throw new SendJobIncomplete(`${report.deferred} envoi(s) de la campagne ${campaign.id} remis à plus tard`);
  return report;
}

/** Whether Telegram has no bot token yet (the sender says so; a sender without the check always has one). */
async function telegramMissing(deps: SendDeps): Promise<boolean> {
  try {
    await deps.telegram.checkConfigured?.();
    return false;
  } catch (error) {
    if (isTelegramNotConfigured(error)) return true;
    throw error;
  }
}

/** The digests due now, through this consumer's sender: one Telegram budget for campaigns and digests. */
async function sendDigestsJob(deps: SendDeps, report: SendJobReport): Promise<SendJobReport> {
  if (!deps.digestFormat) throw new Error('configuration : pas de mise en forme des résumés dans ce consommateur');
  const digests = await sendDueDigests({ ...deps, digestFormat: deps.digestFormat });
  Object.assign(report, { sent: digests.messages, uncertain: digests.uncertain, deferred: digests.deferred });
  // What could not leave now (a 429 storm, a failing store) goes back to the queue: the digest claims make a repeat harmless.
  if (digests.deferred > 0 || digests.errors.length > 0)
    throw new SendJobIncomplete(
      `résumés : ${digests.deferred} remis à plus tard, ${digests.errors.length} en erreur (${digests.finished} envoyés)`,
    );
  return report;
}
