// Processing one send job. Telegram: take the job's lease (one conditional put), send in a fixed
// order and write each recipient's final line once its outcome is known (one conditional put), then
// release the lease: 1 write per message plus 2 per job. The queue is at-least-once and workers die:
// a final line is never sent again; a job whose lease runs is left to its worker; an expired lease
// is taken over, and the sends its dead worker may have had in flight are repeated and counted
// uncertain (docs/table.md, "Writes per operation"). X and feeds claim one pending line, then update it.
import { createHash } from 'node:crypto';
import { renderXPost, isXPublishError, type XPublisher } from '../campaigns/x-publisher';
import type { Campaign } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { publishFeedItem } from '../feeds/publish';
import { questionnairePhase } from '../questionnaires/questionnaire';
import { isDomainError } from '../shared/errors';
import type { Language } from '../subscribers/subscriber';
import { composeTelegramCampaign } from './campaign-message';
import type { Delivery, JobLease } from './delivery';
import { PUBLIC_RECIPIENT, isFinal, lineState, writeNote } from './ledger';
import {
  type OutgoingTelegramMessage,
  type QuestionRenderer,
  type SendJob,
  SendJobIncomplete,
  type TelegramSender,
} from './ports';

export interface SendDeps extends CoreContext {
  telegram: TelegramSender;
  x: XPublisher;
  /** The bot's renderer of a question with its inline buttons (adapters/telegram/question-message). */
  renderQuestion: QuestionRenderer;
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
}

export interface SendJobReport {
  sent: number;
  failed: number;
  blocked: number;
  /** Sent again after an unknown outcome: possible duplicates (the Bot API has no idempotency key). */
  uncertain: number;
  /** Lines already final: a redelivered job or a resume. */
  alreadyDone: number;
  /** Recipients another worker holds (the job's lease, or a pending line of an earlier version): left to it, or to a takeover once the lease runs out. */
  heldElsewhere: number;
  /** Put off (rate limits, time out): the job throws `SendJobIncomplete` and the queue retries it. */
  deferred: number;
  /** The campaign is no longer sending (finished or given up): the job was dropped. */
  dropped: boolean;
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
    alreadyDone: 0,
    heldElsewhere: 0,
    deferred: 0,
    dropped: false,
  };
  const campaign = await deps.store.campaigns.get(job.campaignId);
  if (!campaign || campaign.status !== 'sending') return { ...report, dropped: true };
  const lease = options.inFlightLeaseMs ?? DEFAULT_IN_FLIGHT_LEASE_MS;
  if (job.channel === 'telegram') await sendTelegram(deps, campaign, job.recipients, report, options, lease);
  else if (job.channel === 'x') await postOnX(deps, campaign, report, lease);
  else await publishInFeeds(deps, campaign, report, lease);
  if (report.deferred > 0)
    throw new SendJobIncomplete(`${report.deferred} envoi(s) de la campagne ${campaign.id} remis à plus tard`);
  return report;
}

type Line = Pick<Delivery, 'campaignId' | 'channel' | 'recipient'>;
type Taken =
  | { kind: 'mine'; createdAt: string; attempts: number; uncertain: boolean }
  /** The line was new and `initial` (an outcome known without sending) was written as it. */
  | { kind: 'written' }
  | { kind: 'done' }
  | { kind: 'held' };

/** Claims a line, or takes back one whose worker is gone; a refused claim is never sent blindly. */
async function takeLine(
  deps: CoreContext,
  line: Line,
  lease: number,
  initial?: Pick<Delivery, 'status' | 'error'>,
): Promise<Taken> {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (
    await deps.store.deliveries.claim({
      ...line,
      status: 'pending',
      attempts: 0,
      ...initial,
      createdAt: at,
      updatedAt: at,
    })
  )
    return initial ? { kind: 'written' } : { kind: 'mine', createdAt: at, attempts: 0, uncertain: false };
  const existing = await deps.store.deliveries.get(line.campaignId, line.channel, line.recipient);
  if (!existing) return { kind: 'held' };
  const state = lineState(existing, now, lease);
  if (state.kind === 'final') return { kind: 'done' };
  if (state.kind === 'in_flight') return { kind: 'held' };
  // Ours now: stamp a fresh lease (dropping `deferred`) so a concurrent redelivery leaves it alone.
  const uncertain = state.kind === 'abandoned' || state.uncertain;
  await deps.store.deliveries.update({
    ...existing,
    status: 'pending',
    updatedAt: at,
    ...writeNote({ deferred: false, uncertain }),
  });
  return { kind: 'mine', createdAt: existing.createdAt, attempts: existing.attempts, uncertain };
}

async function record(
  deps: CoreContext,
  line: Line,
  taken: Extract<Taken, { kind: 'mine' }>,
  outcome: Partial<Delivery> & Pick<Delivery, 'status' | 'attempts'>,
) {
  await deps.store.deliveries.update({
    ...line,
    createdAt: taken.createdAt,
    updatedAt: deps.clock.now().toISOString(),
    ...outcome,
  });
}

async function sendTelegram(
  deps: SendDeps,
  campaign: Campaign,
  jobRecipients: string[],
  report: SendJobReport,
  options: SendJobOptions,
  leaseMs: number,
) {
  // A fixed order (sorted, duplicates dropped): whoever runs the job sends in the same order, so a
  // takeover knows which recipients the dead worker may have had in flight.
  const recipients = [...new Set(jobRecipients)].sort();
  const read = () => Promise.all(recipients.map((r) => deps.store.deliveries.get(campaign.id, 'telegram', r)));
  const tallyLeft = (lines: (Delivery | undefined)[]) => {
    for (const line of lines) {
      if (line && isFinal(line)) report.alreadyDone++;
      else report.heldElsewhere++;
    }
  };
  // Reads cost no write: a redelivered job whose lines are all final ends here.
  const before = await read();
  if (before.every((line) => line && isFinal(line))) return void (report.alreadyDone += recipients.length);

  const concurrency = Math.max(1, options.concurrency ?? 5);
  const job = jobKey(recipients);
  const taken = await takeJobLease(deps, campaign.id, job, recipients, 2 * concurrency - 1, leaseMs);
  if (!taken) return tallyLeft(before);
  const { lease, previous } = taken;

  // A takeover: the dead owner may have had sends in flight, among the first recipients with no
  // final line (it sends in this order, and starts nothing after a deferral). Resending those is blind.
  const blind = new Set<string>();
  if (previous) {
    const now = await read();
    for (const [i, r] of recipients.entries())
      if (blind.size < previous.window && !(now[i] && isFinal(now[i]))) blind.add(r);
  }

  const questionnaire = campaign.questionnaireId
    ? await deps.store.questionnaires.get(campaign.questionnaireId)
    : undefined;
  // Buttons of a closed questionnaire would only earn a refusal when tapped.
  const asked =
    questionnaire && questionnairePhase(questionnaire, deps.clock.now()) === 'open' ? questionnaire : undefined;
  const messages = new Map<Language, OutgoingTelegramMessage>();
  const messageFor = (language: Language) => {
    let message = messages.get(language);
    if (!message) {
      message = composeTelegramCampaign(campaign, asked && deps.renderQuestion(asked, 0, { language }));
      messages.set(language, message);
    }
    return message;
  };
  // Past 80% of the lease nothing new starts: a send begun under the lease ends well before another worker may take over.
  const startBy = Date.parse(lease.takenAt) + leaseMs * 0.8;
  let stopped = false;

  await forEachBounded(recipients, concurrency, async (recipient) => {
    if (stopped || options.signal?.aborted || deps.clock.now().getTime() >= startBy) {
      stopped = true;
      return void report.deferred++;
    }
    const existing = await deps.store.deliveries.get(campaign.id, 'telegram', recipient);
    if (existing && isFinal(existing)) return void report.alreadyDone++;
    // A pending line: written by the claim-then-update path of earlier versions, read as it was then.
    let legacy: { attempts: number; uncertain: boolean; createdAt: string } | undefined;
    if (existing) {
      const state = lineState(existing, deps.clock.now(), leaseMs);
      if (state.kind === 'in_flight') return void report.heldElsewhere++;
      legacy = {
        attempts: existing.attempts,
        uncertain: state.kind === 'abandoned' || (state.kind === 'deferred' && state.uncertain),
        createdAt: existing.createdAt,
      };
    }
    const at = deps.clock.now().toISOString();
    const line = {
      campaignId: campaign.id,
      channel: 'telegram' as const,
      recipient,
      createdAt: legacy?.createdAt ?? at,
    };
    /** Writes the final line once: a refused put means another worker wrote it meanwhile (a job overlapping this one). */
    const write = async (
      outcome: Omit<Delivery, 'campaignId' | 'channel' | 'recipient' | 'createdAt' | 'updatedAt'>,
    ) => {
      const final: Delivery = { ...line, updatedAt: deps.clock.now().toISOString(), ...outcome };
      if (legacy) return void (await deps.store.deliveries.update(final));
      if (await deps.store.deliveries.claim(final)) return;
      return 'taken' as const;
    };

    const subscriber = await deps.store.subscribers.get(recipient);
    if (!subscriber || subscriber.status !== 'active') {
      // Left, blocked or erased since dispatch: the line ends without a send.
      const why = subscriber
        ? `abonné·e au statut « ${subscriber.status} » au moment de l’envoi`
        : 'abonné·e effacé·e avant l’envoi';
      if ((await write({ status: 'blocked', attempts: legacy?.attempts ?? 0, error: why })) === 'taken')
        report.alreadyDone++;
      else report.blocked++;
      return;
    }

    const result = await deps.telegram.send(subscriber.chatId, messageFor(subscriber.language), {
      signal: options.signal,
    });
    const attempts = (legacy?.attempts ?? 0) + result.attempts;
    const uncertain = blind.has(recipient) || legacy?.uncertain === true || result.uncertain;
    if (result.status === 'deferred') {
      // Known not sent: no line, the job's retry sends it; nothing new starts after this (see JobLease.window).
      stopped = true;
      if (uncertain) report.uncertain++;
      return void report.deferred++;
    }
    if (uncertain) report.uncertain++;
    report[result.status]++;
    const outcome =
      result.status === 'sent'
        ? {
            status: result.status,
            attempts,
            externalId: String(result.messageId),
            ...writeNote({ deferred: false, uncertain }),
          }
        : { status: result.status, attempts, ...writeNote({ deferred: false, uncertain, message: result.error }) };
    if ((await write(outcome)) === 'taken') {
      // Sent by two overlapping jobs: a possible duplicate, counted on the line that stays.
      if (!uncertain) report.uncertain++;
      const other = await deps.store.deliveries.get(campaign.id, 'telegram', recipient);
      if (other && !other.uncertain) await deps.store.deliveries.update({ ...other, uncertain: true });
    }
    if (result.status === 'blocked') await markBlocked(deps, recipient);
  });
  // Reached only when every send started has its outcome (a throw leaves the lease to expire: an outcome may be unknown).
  await deps.store.deliveries.releaseLease(campaign.id, job, lease.owner);
}

/** The key of a job's lease: a hash of its sorted recipients, so any copy of the job (a redelivery, a resume) maps to it. */
export function jobKey(sortedRecipients: readonly string[]): string {
  return createHash('sha256').update(sortedRecipients.join('\n')).digest('base64url').slice(0, 32);
}

/** Takes the job's lease, or takes over one whose owner is gone; undefined while a live worker holds it. */
async function takeJobLease(
  deps: CoreContext,
  campaignId: string,
  job: string,
  recipients: string[],
  window: number,
  leaseMs: number,
) {
  const now = deps.clock.now();
  const lease: JobLease = {
    campaignId,
    job,
    recipients,
    owner: deps.ids.next(),
    window,
    takenAt: now.toISOString(),
    heldUntil: new Date(now.getTime() + leaseMs).toISOString(),
  };
  const current = await deps.store.deliveries.getLease(campaignId, job);
  if (current && Date.parse(current.heldUntil) > now.getTime()) return undefined;
  if (!(await deps.store.deliveries.takeLease(lease, current))) return undefined;
  return { lease, previous: current };
}

/** 403 from Telegram: the citizen blocked the bot, so fan-outs stop reading them (DESIGN: they left). */
async function markBlocked(deps: CoreContext, subscriberId: string) {
  try {
    await deps.store.subscribers.setStatus(subscriberId, 'blocked', deps.clock.now().toISOString());
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'NotFound') throw error; // erased meanwhile: nothing to mark
  }
}

async function postOnX(deps: SendDeps, campaign: Campaign, report: SendJobReport, lease: number) {
  const line: Line = { campaignId: campaign.id, channel: 'x', recipient: PUBLIC_RECIPIENT.x };
  const taken = await takeLine(deps, line, lease);
  if (taken.kind !== 'mine') return void (taken.kind === 'held' ? report.heldElsewhere++ : report.alreadyDone++);
  const attempts = taken.attempts + 1;
  try {
    const result = await deps.x.publish({ campaignId: campaign.id, text: renderXPost(campaign) });
    // `queued`: no X credentials; the post waits in the outbox for an agent, which is this channel's delivery.
    const externalId = result.status === 'posted' ? result.postId : 'outbox';
    await record(deps, line, taken, {
      status: 'sent',
      attempts,
      externalId,
      ...writeNote({ deferred: false, uncertain: taken.uncertain }),
    });
    report.sent++;
  } catch (error) {
    if (!isXPublishError(error)) return deferAndRethrow(deps, line, taken, attempts, error);
    // X refuses the same text twice: after an unknown outcome, that means the first try landed.
    if (error.reason === 'duplicate' && taken.uncertain) {
      await record(deps, line, taken, {
        status: 'sent',
        attempts,
        ...writeNote({ deferred: false, uncertain: true, message: error.message }),
      });
      return void report.sent++;
    }
    const uncertain = taken.uncertain || error.reason === 'unreachable';
    if (error.retryable) {
      await record(deps, line, taken, {
        status: 'pending',
        attempts,
        ...writeNote({ deferred: true, uncertain, message: error.message }),
      });
      throw new SendJobIncomplete(error.message, error.retryAt);
    }
    await record(deps, line, taken, {
      status: 'failed',
      attempts,
      ...writeNote({ deferred: false, uncertain, message: error.message }),
    });
    report.failed++;
  }
}

async function publishInFeeds(deps: SendDeps, campaign: Campaign, report: SendJobReport, lease: number) {
  const line: Line = { campaignId: campaign.id, channel: 'feeds', recipient: PUBLIC_RECIPIENT.feeds };
  const taken = await takeLine(deps, line, lease);
  if (taken.kind !== 'mine') return void (taken.kind === 'held' ? report.heldElsewhere++ : report.alreadyDone++);
  const attempts = taken.attempts + 1;
  const { title, text, link, imageUrl } = campaign.message;
  try {
    // The campaign id is the item's id: a retry finds the item published instead of publishing a twin.
    const item = await publishFeedItem(deps, {
      id: campaign.id,
      campaignId: campaign.id,
      title,
      text,
      link,
      ...(imageUrl ? { imageUrl } : {}),
      ...(campaign.demarcheSlug ? { demarcheSlug: campaign.demarcheSlug } : {}),
    });
    await record(deps, line, taken, { status: 'sent', attempts, externalId: item.id });
    report.sent++;
  } catch (error) {
    if (!isDomainError(error)) return deferAndRethrow(deps, line, taken, attempts, error);
    await record(deps, line, taken, {
      status: 'failed',
      attempts,
      ...writeNote({ deferred: false, uncertain: false, message: error.message }),
    });
    report.failed++;
  }
}

/** An unexpected failure (store, network): the line is marked not in flight so the queue's retry may take it. */
async function deferAndRethrow(
  deps: CoreContext,
  line: Line,
  taken: Extract<Taken, { kind: 'mine' }>,
  attempts: number,
  error: unknown,
): Promise<never> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'erreur inconnue';
  await record(deps, line, taken, {
    status: 'pending',
    attempts,
    ...writeNote({ deferred: true, uncertain: taken.uncertain, message }),
  }).catch(() => undefined);
  throw error;
}

/**
 * Runs `task` over `items` with at most `limit` at once. On the first failure no new item starts;
 * those in flight finish, then the failure is rethrown (a crash leaves only in-flight lines pending).
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
