// A Telegram send job (≤ 25 recipients, ≤ 100 in paid broadcast): take the job's lease (one
// conditional put, job-lease.ts), send in a fixed order and write each recipient's final line once
// its outcome is known (one conditional put, ledger-line.ts), then release the lease: 1 write per
// message plus 2 per job. Reads go in batches (recipient-reads.ts): a chunk of lines and subscribers
// per round trip, read just ahead of their sends.
// The queue is at-least-once and workers die: a final line is never sent again; a job whose lease
// runs is left to its worker; an expired lease is taken over, and the sends its dead worker may have
// had in flight are repeated and counted uncertain (docs/table.md, "Writes per operation").
// An agent's pause or cancel, or a resume that re-enqueued the rest (campaign-watch.ts), stops the
// job between sends: what is in flight ends and is written, the lease is released, nothing is retried.
import type { Campaign } from '../campaigns/campaign';
import type { TelegramMessage } from '../campaigns/telegram-format';
import { questionnairePhase } from '../questionnaires/questionnaire';
import { holdForDigest } from '../digests/hold';
import { isDomainError } from '../shared/errors';
import { askConsentAgain, consentOutdated, requiredConsent } from '../subscribers/consent';
import { countDeparture } from '../subscribers/growth';
import type { Language } from '../subscribers/subscriber';
import type { Delivery } from './delivery';
import { type CampaignWatch, watchCampaign } from './campaign-watch';
import { blindResends, jobKey, lastStartOf, takeJobLease } from './job-lease';
import { writeNote } from './ledger';
import { type LineKey, writeFinalLine } from './ledger-line';
import { SendJobIncomplete, isTelegramNotConfigured } from './ports';
import { type RecipientReader, erasureFollower, recipientReader } from './recipient-reads';
import type { SendDeps, SendJobOptions, SendJobReport } from './send-job';

/** What every recipient's send of one job run shares. */
interface JobRun {
  deps: SendDeps;
  campaign: Campaign;
  report: SendJobReport;
  signal?: AbortSignal;
  /** Recipients a dead worker may have had in flight: their send is a possible duplicate. */
  blind: ReadonlySet<string>;
  messageFor(language: Language): TelegramMessage;
  /** No send starts from this instant (ms): see `lastStartOf`. */
  startBy: number;
  /** A send was put off: nothing new starts (the lease's `window` counts on it). */
  stopped: boolean;
  /** The campaign paused, cancelled or resumed under a newer round: nothing new starts either. */
  watch: CampaignWatch;
  /** The bot token went mid-job (TelegramNotConfigured): nothing new starts, and the job is parked. */
  parked: boolean;
  /** Each recipient's line and subscriber, read in chunks just ahead of the sends. */
  reader: RecipientReader;
  /** Lines written while their recipient may have been being erased: checked in chunks, all before the lease goes. */
  erasures: ReturnType<typeof erasureFollower>;
}

/** Sends in flight per job (the sender's rate limiter sets the pace): more for paid broadcast's 1,000/s. */
const DEFAULT_CONCURRENCY = 5;
const PAID_CONCURRENCY = 25;

/** A Telegram job as the queue hands it: its recipients and the campaign's round it was enqueued in. */
interface TelegramJob {
  recipients: string[];
  round: number;
}

export async function sendTelegramJob(
  deps: SendDeps,
  campaign: Campaign,
  job: TelegramJob,
  report: SendJobReport,
  options: SendJobOptions,
  leaseMs: number,
) {
  // A fixed order (sorted, duplicates dropped): whoever runs the job sends in the same order, so a
  // takeover knows which recipients the dead worker may have had in flight.
  const recipients = [...new Set(job.recipients)].sort();
  // Reads cost no write: a redelivered job whose lines are all written ends here.
  const before = await deps.store.deliveries.getMany(campaign.id, 'telegram', recipients);
  if (before.every(Boolean)) return void (report.alreadyDone += recipients.length);

  const concurrency = Math.max(
    1,
    options.concurrency ?? (campaign.paidBroadcast ? PAID_CONCURRENCY : DEFAULT_CONCURRENCY),
  );
  const taken = await takeJobLease(
    deps,
    campaign.id,
    recipients,
    2 * concurrency - 1,
    leaseMs,
    job.round,
    options.leasesDeadBefore,
  );
  if (!taken) {
    await waitForOlderRound(deps, campaign.id, recipients, job.round);
    // A live worker holds the job: what has no line yet is its to send.
    const written = before.filter(Boolean).length;
    report.alreadyDone += written;
    report.heldElsewhere += recipients.length - written;
    return;
  }
  const { lease, previous } = taken;
  // After a takeover, read again under the lease: which lines the dead worker wrote tells what it had in flight.
  const lines = previous ? await deps.store.deliveries.getMany(campaign.id, 'telegram', recipients) : before;
  const unwritten = recipients.filter((_, i) => !lines[i]);
  report.alreadyDone += recipients.length - unwritten.length;
  const chunk = Math.min(50, 2 * concurrency);
  const run: JobRun = {
    deps,
    campaign,
    report,
    signal: options.signal,
    blind: previous ? blindResends(previous, recipients, lines) : new Set(),
    messageFor: await campaignMessages(deps, campaign),
    startBy: lastStartOf(lease, leaseMs),
    stopped: false,
    parked: false,
    watch: watchCampaign(deps, campaign, job.round),
    reader: recipientReader(deps, campaign.id, unwritten, chunk),
    erasures: erasureFollower(deps, chunk),
  };
  try {
    await forEachBounded(unwritten, concurrency, (recipient) => sendOrPark(run, recipient));
  } finally {
    await run.erasures.settle();
  }
  if (run.parked) report.parked = 1;
  // Reached only when every send started has its outcome (a throw leaves the lease to expire: an outcome may be unknown).
  await deps.store.deliveries.releaseLease(campaign.id, lease.job, lease.owner);
}

/**
 * The lease is held by a job of an earlier round, which an agent paused and resumed: it is about to
 * stop and leave its recipients to this job. Leaving them to it would strand them until finalize's
 * slow resume, so the queue hands this job back once it let go.
 */
async function waitForOlderRound(deps: SendDeps, campaignId: string, recipients: string[], round: number) {
  if (round === 0) return;
  const held = await deps.store.deliveries.getLease(campaignId, jobKey(recipients));
  if (held && (held.round ?? 0) < round)
    throw new SendJobIncomplete(`tâche de la campagne ${campaignId} encore tenue par une reprise antérieure`);
}

/** The campaign as each language renders it, rendered once per job; with its questionnaire's first question while it is open. */
async function campaignMessages(deps: SendDeps, campaign: Campaign) {
  const questionnaire = campaign.questionnaireId
    ? await deps.store.questionnaires.get(campaign.questionnaireId)
    : undefined;
  // Buttons of a closed questionnaire would only earn a refusal when tapped.
  const asked =
    questionnaire && questionnairePhase(questionnaire, deps.clock.now()) === 'open' ? questionnaire : undefined;
  const messages = new Map<Language, TelegramMessage>();
  return (language: Language) => {
    let message = messages.get(language);
    if (!message) {
      message = deps.telegramFormat.render(campaign, language, asked);
      messages.set(language, message);
    }
    return message;
  };
}

/**
 * The token went between the job's check and this send (a revoked token written back to ""): the
 * request never left, so no line; the rest of the job is parked with it, and the lease released as
 * every outcome is known.
 */
async function sendOrPark(run: JobRun, recipient: string) {
  if (run.parked) return;
  try {
    await sendTo(run, recipient);
  } catch (error) {
    if (!isTelegramNotConfigured(error)) throw error;
    run.parked = true;
  }
}

/** One recipient: a line already written means done; otherwise send (or not, if they left) and write the final line. */
async function sendTo(run: JobRun, recipient: string) {
  const { deps, campaign, report } = run;
  if (await run.watch.check()) return void report.stopped++;
  if (run.stopped || run.signal?.aborted || deps.clock.now().getTime() >= run.startBy) {
    run.stopped = true;
    return void report.deferred++;
  }
  // Read with the next ones, a moment ago. A Telegram line is only ever written final: one that
  // exists was sent (or refused) already.
  const { line: written, subscriber } = await run.reader.read(recipient);
  if (written) return void report.alreadyDone++;
  const line: LineKey = { campaignId: campaign.id, channel: 'telegram', recipient };
  const createdAt = deps.clock.now().toISOString();

  // Erased (or being erased) since dispatch: no send, and no line either. A line keyed by this
  // pseudonym (an HMAC of the chat id) would link the person to this campaign again if they came
  // back; their lines move to a random one (eraseSubscriber). Finalize's next resume counts the
  // audience without them. An erasure beginning after this read is followed once the line is written.
  if (!subscriber || subscriber.erasingAs) return void report.blocked++;
  if (subscriber.status !== 'active') {
    // Left or blocked since dispatch: the line ends without a send.
    const why = `abonné·e au statut « ${subscriber.status} » au moment de l’envoi`;
    const wrote = await writeFinalLine(deps, line, createdAt, { status: 'blocked', attempts: 0, error: why });
    return void (wrote ? report.blocked++ : report.alreadyDone++);
  }
  if (consentOutdated(deps, subscriber)) {
    // The consent text changed materially since they accepted: this campaign is not sent to them,
    // and the request to accept the new version goes in its place, once (subscribers/consent.ts).
    // Put off by Telegram (429): like a deferred campaign send, nothing new starts after it.
    if ((await askConsentAgain(deps, subscriber)) === 'deferred') run.stopped = true;
    const why = `consentement à renouveler (version ${requiredConsent(deps).version}) au moment de l’envoi`;
    const wrote = await writeFinalLine(deps, line, createdAt, { status: 'blocked', attempts: 0, error: why });
    // They are active and may be erasing right now (/supprimer needs no consent): the line follows.
    if (wrote) run.erasures.written(line);
    return void (wrote ? report.blocked++ : report.alreadyDone++);
  }

  // The last look before the send leaves: another send of this job may have just read a pause.
  if (run.watch.stopped) return void report.stopped++;
  if (await holdForDigest(deps, campaign, subscriber, line, createdAt, report)) return;
  const result = await deps.telegram.send(subscriber.chatId, run.messageFor(subscriber.language), {
    signal: run.signal,
  });
  const uncertain = run.blind.has(recipient) || result.uncertain;
  if (uncertain) report.uncertain++;
  report.rateLimited += result.rateLimited ?? 0;
  if (result.status === 'deferred') {
    // Known not sent: no line, the job's retry sends it; nothing new starts after this (see JobLease.window).
    run.stopped = true;
    return void report.deferred++;
  }
  report[result.status]++;
  const outcome: Omit<Delivery, keyof LineKey | 'createdAt' | 'updatedAt'> =
    result.status === 'sent'
      ? {
          status: result.status,
          attempts: result.attempts,
          externalId: String(result.messageId),
          ...writeNote({ deferred: false, uncertain }),
        }
      : {
          status: result.status,
          attempts: result.attempts,
          ...writeNote({ deferred: false, uncertain, message: result.error }),
        };
  if (await writeFinalLine(deps, line, createdAt, outcome)) run.erasures.written(line);
  else {
    // Sent by two overlapping jobs: a possible duplicate, counted on the line that stays.
    if (!uncertain) report.uncertain++;
    const other = await deps.store.deliveries.get(campaign.id, 'telegram', recipient);
    if (other && !other.uncertain) await deps.store.deliveries.update({ ...other, uncertain: true });
  }
  if (result.status === 'blocked') await markBlocked(deps, recipient);
}

/** 403 from Telegram: the citizen blocked the bot, so fan-outs stop reading them (DESIGN: they left). */
async function markBlocked(deps: SendDeps, subscriberId: string) {
  try {
    // The week's departures count them if they were active (subscribers/growth.ts).
    await countDeparture(
      deps,
      await deps.store.subscribers.setStatus(subscriberId, 'blocked', deps.clock.now().toISOString()),
    );
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'NotFound') throw error; // erased meanwhile: nothing to mark
  }
}

/**
 * Runs `task` over `items` with at most `limit` at once. On the first failure no new item starts;
 * those in flight finish, then the failure is rethrown (a crash leaves only the sends in flight without a line).
 */
async function forEachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
