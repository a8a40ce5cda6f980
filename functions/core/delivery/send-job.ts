// Processing one send job: for each recipient, claim its ledger line (a conditional put), send, and
// record the outcome. The queue is at-least-once and workers die: a final line is never sent again,
// a pending line is left to its worker while its lease runs, then sent again and counted uncertain.
import { renderXPost, isXPublishError, type XPublisher } from '../campaigns/x-publisher';
import type { Campaign } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { publishFeedItem } from '../feeds/publish';
import { questionnairePhase } from '../questionnaires/questionnaire';
import { isDomainError } from '../shared/errors';
import type { Language } from '../subscribers/subscriber';
import { composeTelegramCampaign } from './campaign-message';
import type { Delivery } from './delivery';
import { PUBLIC_RECIPIENT, lineState, writeNote } from './ledger';
import { type OutgoingTelegramMessage, type QuestionRenderer, type SendJob, SendJobIncomplete, type TelegramSender } from './ports';

export interface SendDeps extends CoreContext {
  telegram: TelegramSender;
  x: XPublisher;
  /** The bot's renderer of a question with its inline buttons (adapters/telegram/question-message). */
  renderQuestion: QuestionRenderer;
}

export interface SendJobOptions {
  /** Time is up (a Lambda near its timeout): recipients not yet claimed are left to the job's retry. */
  signal?: AbortSignal;
  /** Telegram sends in flight per job; the sender's rate limiter sets the pace. */
  concurrency?: number;
  /** How long a claimed line is presumed in flight; longer than one send can take (retries and 429 waits included). */
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
  /** Lines another worker holds: left to it (or to a resume once its lease runs out). */
  heldElsewhere: number;
  /** Put off (rate limits, time out): the job throws `SendJobIncomplete` and the queue retries it. */
  deferred: number;
  /** The campaign is no longer sending (finished or given up): the job was dropped. */
  dropped: boolean;
}

export const DEFAULT_IN_FLIGHT_LEASE_MS = 5 * 60_000;

/** Processes one job; throws `SendJobIncomplete` when something must be retried later. */
export async function processSendJob(deps: SendDeps, job: SendJob, options: SendJobOptions = {}): Promise<SendJobReport> {
  const report: SendJobReport = { sent: 0, failed: 0, blocked: 0, uncertain: 0, alreadyDone: 0, heldElsewhere: 0, deferred: 0, dropped: false };
  const campaign = await deps.store.campaigns.get(job.campaignId);
  if (!campaign || campaign.status !== 'sending') return { ...report, dropped: true };
  const lease = options.inFlightLeaseMs ?? DEFAULT_IN_FLIGHT_LEASE_MS;
  if (job.channel === 'telegram') await sendTelegram(deps, campaign, job.recipients, report, options, lease);
  else if (job.channel === 'x') await postOnX(deps, campaign, report, lease);
  else await publishInFeeds(deps, campaign, report, lease);
  if (report.deferred > 0) throw new SendJobIncomplete(`${report.deferred} envoi(s) de la campagne ${campaign.id} remis à plus tard`);
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
async function takeLine(deps: CoreContext, line: Line, lease: number, initial?: Pick<Delivery, 'status' | 'error'>): Promise<Taken> {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (await deps.store.deliveries.claim({ ...line, status: 'pending', attempts: 0, ...initial, createdAt: at, updatedAt: at }))
    return initial ? { kind: 'written' } : { kind: 'mine', createdAt: at, attempts: 0, uncertain: false };
  const existing = await deps.store.deliveries.get(line.campaignId, line.channel, line.recipient);
  if (!existing) return { kind: 'held' };
  const state = lineState(existing, now, lease);
  if (state.kind === 'final') return { kind: 'done' };
  if (state.kind === 'in_flight') return { kind: 'held' };
  // Ours now: stamp a fresh lease (dropping `deferred`) so a concurrent redelivery leaves it alone.
  const uncertain = state.kind === 'abandoned' || state.uncertain;
  await deps.store.deliveries.update({ ...existing, status: 'pending', updatedAt: at, ...writeNote({ deferred: false, uncertain }) });
  return { kind: 'mine', createdAt: existing.createdAt, attempts: existing.attempts, uncertain };
}

async function record(deps: CoreContext, line: Line, taken: Extract<Taken, { kind: 'mine' }>, outcome: Partial<Delivery> & Pick<Delivery, 'status' | 'attempts'>) {
  await deps.store.deliveries.update({ ...line, createdAt: taken.createdAt, updatedAt: deps.clock.now().toISOString(), ...outcome });
}

async function sendTelegram(deps: SendDeps, campaign: Campaign, recipients: string[], report: SendJobReport, options: SendJobOptions, lease: number) {
  const questionnaire = campaign.questionnaireId ? await deps.store.questionnaires.get(campaign.questionnaireId) : undefined;
  // Buttons of a closed questionnaire would only earn a refusal when tapped.
  const asked = questionnaire && questionnairePhase(questionnaire, deps.clock.now()) === 'open' ? questionnaire : undefined;
  const messages = new Map<Language, OutgoingTelegramMessage>();
  const messageFor = (language: Language) => {
    let message = messages.get(language);
    if (!message) {
      message = composeTelegramCampaign(campaign, asked && deps.renderQuestion(asked, 0, { language }));
      messages.set(language, message);
    }
    return message;
  };

  await forEachBounded(recipients, options.concurrency ?? 5, async (recipient) => {
    if (options.signal?.aborted) return void report.deferred++;
    const line: Line = { campaignId: campaign.id, channel: 'telegram', recipient };
    const subscriber = await deps.store.subscribers.get(recipient);
    if (!subscriber || subscriber.status !== 'active') {
      // Left, blocked or erased since dispatch: the line ends without a send.
      const why = subscriber ? `abonné·e au statut « ${subscriber.status} » au moment de l’envoi` : 'abonné·e effacé·e avant l’envoi';
      const taken = await takeLine(deps, line, lease, { status: 'blocked', error: why });
      if (taken.kind === 'mine') await record(deps, line, taken, { status: 'blocked', attempts: taken.attempts, error: why });
      if (taken.kind === 'mine' || taken.kind === 'written') report.blocked++;
      else if (taken.kind === 'held') report.heldElsewhere++;
      else report.alreadyDone++;
      return;
    }
    const taken = await takeLine(deps, line, lease);
    if (taken.kind !== 'mine') return void (taken.kind === 'held' ? report.heldElsewhere++ : report.alreadyDone++);

    const result = await deps.telegram.send(subscriber.chatId, messageFor(subscriber.language), { signal: options.signal });
    const attempts = taken.attempts + result.attempts;
    const uncertain = taken.uncertain || result.uncertain;
    if (uncertain) report.uncertain++;
    if (result.status === 'sent') {
      report.sent++;
      await record(deps, line, taken, { status: 'sent', attempts, externalId: String(result.messageId), ...writeNote({ deferred: false, uncertain }) });
      return;
    }
    const note = writeNote({ deferred: result.status === 'deferred', uncertain, message: result.error });
    if (result.status === 'deferred') {
      report.deferred++;
      await record(deps, line, taken, { status: 'pending', attempts, ...note });
      return;
    }
    report[result.status]++;
    await record(deps, line, taken, { status: result.status, attempts, ...note });
    if (result.status === 'blocked') await markBlocked(deps, recipient);
  });
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
    await record(deps, line, taken, { status: 'sent', attempts, externalId, ...writeNote({ deferred: false, uncertain: taken.uncertain }) });
    report.sent++;
  } catch (error) {
    if (!isXPublishError(error)) return deferAndRethrow(deps, line, taken, attempts, error);
    // X refuses the same text twice: after an unknown outcome, that means the first try landed.
    if (error.reason === 'duplicate' && taken.uncertain) {
      await record(deps, line, taken, { status: 'sent', attempts, ...writeNote({ deferred: false, uncertain: true, message: error.message }) });
      return void report.sent++;
    }
    const uncertain = taken.uncertain || error.reason === 'unreachable';
    if (error.retryable) {
      await record(deps, line, taken, { status: 'pending', attempts, ...writeNote({ deferred: true, uncertain, message: error.message }) });
      throw new SendJobIncomplete(error.message, error.retryAt);
    }
    await record(deps, line, taken, { status: 'failed', attempts, ...writeNote({ deferred: false, uncertain, message: error.message }) });
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
    await record(deps, line, taken, { status: 'failed', attempts, ...writeNote({ deferred: false, uncertain: false, message: error.message }) });
    report.failed++;
  }
}

/** An unexpected failure (store, network): the line is marked not in flight so the queue's retry may take it. */
async function deferAndRethrow(deps: CoreContext, line: Line, taken: Extract<Taken, { kind: 'mine' }>, attempts: number, error: unknown): Promise<never> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'erreur inconnue';
  await record(deps, line, taken, { status: 'pending', attempts, ...writeNote({ deferred: true, uncertain: taken.uncertain, message }) }).catch(() => undefined);
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

