// The delivery tick, whatever runs it (EventBridge Scheduler on AWS): claims due campaigns and enqueues their send
// jobs (cancelling those past their `notAfter`), then finalizes (or resumes) those being sent, then starts
// « Voici ce que vous avez dit » for questionnaires whose démarche reached its synthesis or decision, then
// reconciles the announcements of démarches changed since their last reconcile (a safety net: saving a
// démarche reconciles it already), then sends the subscribers' digests that are due (core/digests).
// Overlapping ticks are safe: every claim and every status change is a conditional write, and a
// reconcile is idempotent.
// A campaign's alarm (a one-time EventBridge schedule on AWS) invokes it with `{ campaignId }`: that
// campaign alone is dispatched, at once.
// Past its time budget (TIME_BUDGET_MS, 150 s of the Lambda's 3 min) no step starts, and a step still
// running is cut off: logged with the steps left out, counted; the next minute's tick carries on
// (every step is safe to interrupt: conditional writes, and finalize resumes a half-enqueued campaign).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { announcementsDue } from '#core/announcements/safety-net';
import {
  type DispatchDeps,
  type DispatchOptions,
  dispatchCampaign,
  dispatchDueCampaigns,
} from '#core/delivery/dispatch';
import { type FinalizeOptions, finalizeCampaigns } from '#core/delivery/finalize';
import type { DigestFormat } from '#core/digests/digest';
import { type DigestOptions, type DigestReport, sendDueDigests } from '#core/digests/send-digests';
import type { TelegramSender } from '#core/delivery/ports';
import type { RestitutionDeps } from '#core/restitution/restitution';
import { restitutionsDue } from '#core/restitution/step-trigger';
import { ShortId } from '#core/shared/schema';
import { type Timers, systemTimers } from '#adapters/system/timers';
import { CUT_OFF, type CutOffWitness, deadlineIn, reportCutOff, within } from '#handlers/time-budget';

/** RestitutionDeps: the restitution's campaign is written like an agent's (Telegram format, public links). */
export interface DispatchHandlerDeps extends DispatchDeps, RestitutionDeps {
  logger: Logger;
  /** Where a cut-off is counted (`handler.cutOff`); absent, it is logged only. */
  metrics?: CutOffWitness['metrics'];
  /**
   * A Telegram sender for the digests step to send with itself (tests). Absent, as in the local
   * runtime and on AWS, the step enqueues a `digests` job for the send consumer instead.
   */
  digests?: { telegram: TelegramSender; format: DigestFormat };
}

export interface DispatchHandlerOptions {
  dispatch?: DispatchOptions;
  finalize?: FinalizeOptions;
  digests?: DigestOptions;
  /**
   * The steps this handler runs (default: all, as on AWS every minute). The local runtime ticks
   * dispatch every second and the rest every 2 s: finalize reads whole ledgers.
   */
  steps?: readonly Step[];
  /** How an early alarm waits for its campaign's time (default: a real timer; tests move a fixed clock). */
  sleep?: (ms: number) => Promise<void>;
  /** The function's own budget (TIME_BUDGET_MS); absent, none (the local runtime's ticks). */
  budgetMs?: number;
  /** Time for the budget (tests pass virtual timers). */
  timers?: Timers;
}

/** What a campaign's alarm sends (the schedule's input); the minute tick sends anything else. */
const AlarmEvent = z.object({ campaignId: ShortId });

type Step = 'dispatch' | 'finalize' | 'restitutions' | 'announcements' | 'digests';

const NONE = {
  dispatched: [],
  taken: [],
  expired: [],
  finished: [],
  resumed: [],
  waiting: [],
  started: [],
  reconciled: [],
  errors: [],
};

const NO_DIGESTS: DigestReport = {
  finished: 0,
  messages: 0,
  items: 0,
  uncertain: 0,
  deferred: 0,
  taken: 0,
  errors: [],
};

/** A digests job is enqueued at most this often: a big campaign ahead of it in the queue must not pile copies up. */
const DIGESTS_JOB_EVERY_MS = 60_000;

/**
 * The digests step. Given a sender (tests), it sends the due digests itself. Otherwise (the local
 * runtime, AWS) it enqueues one `digests` job when some are due: the send consumer sends them with
 * the campaigns' sender, so digests and campaigns share the one Telegram budget (docs/aws.md).
 */
async function digestsDue(
  d: DispatchHandlerDeps,
  options: DigestOptions | undefined,
  lastJob: { at: number },
): Promise<DigestReport & { enqueued?: boolean }> {
  if (d.digests) return sendDueDigests({ ...d, telegram: d.digests.telegram, digestFormat: d.digests.format }, options);
  const now = d.clock.now();
  if (now.getTime() - lastJob.at < DIGESTS_JOB_EVERY_MS) return NO_DIGESTS;
  if ((await d.store.digests.listDue(now.toISOString(), 1)).length === 0) return NO_DIGESTS;
  await d.queue.enqueue([{ channel: 'digests', dueBy: now.toISOString() }]);
  lastJob.at = now.getTime();
  return { ...NO_DIGESTS, enqueued: true };
}

/** Some campaigns could not be dispatched or finalized this tick: the Lambda fails (alarm), the next tick tries again. */
export class DeliveryTickFailed extends Error {
  override name = 'DeliveryTickFailed';
}

const errorName = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** `deps` may be a promise-returning function: built once, at the first invocation (secrets are read then). */
export function createDispatchHandler(
  deps: DispatchHandlerDeps | (() => Promise<DispatchHandlerDeps>),
  options: DispatchHandlerOptions = {},
) {
  let ready: Promise<DispatchHandlerDeps> | undefined;
  const lastDigestsJob = { at: -Infinity };
  return async (event?: unknown) => {
    ready ??= Promise.resolve(typeof deps === 'function' ? deps() : deps);
    const d = await ready;
    const timers = options.timers ?? systemTimers;
    const alarm = AlarmEvent.safeParse(event);
    if (alarm.success) {
      const { campaignId } = alarm.data;
      const report = await within(campaignAlarm(d, campaignId, options), options.budgetMs ?? Infinity, timers);
      if (report !== CUT_OFF) return report;
      // Claimed but not all enqueued, or still waiting for its time: the minute's tick takes it from there.
      reportCutOff(d, 'campaign alarm', { campaignId, budgetMs: options.budgetMs });
      return { dispatched: 0, expired: 0, cutOff: true };
    }
    const step = stepRunner(options, timers);
    const dispatched = await step.run('dispatch', () => dispatchDueCampaigns(d, options.dispatch), NONE);
    const finalized = await step.run('finalize', () => finalizeCampaigns(d, options.finalize), NONE);
    const restitutions = await step.run('restitutions', () => restitutionsDue(d), NONE);
    const announcements = await step.run('announcements', () => announcementsDue(d), NONE);
    const digests: DigestReport & { enqueued?: boolean } = await step.run(
      'digests',
      () => digestsDue(d, options.digests, lastDigestsJob),
      NO_DIGESTS,
    );
    if (step.cut) reportCutOff(d, 'delivery tick', { ...step.cut, budgetMs: options.budgetMs });
    const errors = [
      ...dispatched.errors,
      ...finalized.errors,
      ...restitutions.errors.map(({ questionnaireId, error }) => ({
        campaignId: `restitution:${questionnaireId}`,
        error,
      })),
      ...announcements.errors,
      ...digests.errors.map(({ dueAt, error }) => ({ campaignId: `digest:${dueAt}`, error })),
    ];
    // Ids and counts only: no chat id, no citizen's text reaches the logs. An idle tick is a debug
    // line: the local runtime ticks every second.
    const expired = [...dispatched.expired, ...announcements.expired];
    const idle =
      [
        dispatched.dispatched,
        finalized.finished,
        finalized.resumed,
        restitutions.started,
        expired,
        announcements.reconciled,
      ].every((list) => list.length === 0) && digests.finished === 0;
    d.logger[idle ? 'debug' : 'info']('delivery tick', {
      dispatched: dispatched.dispatched,
      taken: dispatched.taken,
      finished: finalized.finished,
      resumed: finalized.resumed,
      waiting: finalized.waiting.length,
      restitutions: restitutions.started,
      // Announcements cancelled past their grace (« périmées »), and démarches whose announcements were reconciled.
      expired,
      announcements: announcements.reconciled.map((r) => ({
        demarche: r.demarcheSlug,
        created: r.created.length,
        updated: r.updated.length,
        cancelled: r.cancelled.length,
      })),
      // Counts only: a digest's subscriber is never named in the logs.
      digests: {
        finished: digests.finished,
        messages: digests.messages,
        items: digests.items,
        uncertain: digests.uncertain,
        enqueued: digests.enqueued === true,
      },
    });
    for (const { campaignId, error } of errors)
      d.logger.error('campaign delivery step failed', { campaignId, error: errorName(error) });
    if (errors.length > 0)
      throw new DeliveryTickFailed(
        `${errors.length} campagne(s) en erreur : ${errors.map((e) => e.campaignId).join(', ')}`,
      );
    return {
      ...(step.cut ? { cutOff: step.cut.step } : {}),
      dispatched: dispatched.dispatched.length,
      finished: finalized.finished.length,
      resumed: finalized.resumed.length,
      restitutions: restitutions.started.length,
      expired: expired.length,
      reconciled: announcements.reconciled.length,
      digests: digests.finished,
    };
  };
}

/**
 * Runs the tick's steps in order within the budget: a step not asked for, or past the budget, is not
 * run (its empty report stands in); the step that outlives it is cut off, and so are all after it.
 */
function stepRunner(options: DispatchHandlerOptions, timers: Timers) {
  const deadline = deadlineIn(options.budgetMs ?? Infinity, timers);
  const runner = {
    cut: undefined as { step: Step; skipped: Step[] } | undefined,
    async run<T>(name: Step, work: () => Promise<T>, none: T): Promise<T> {
      if (options.steps && !options.steps.includes(name)) return none;
      if (runner.cut) return (runner.cut.skipped.push(name), none);
      const out = deadline.passed() ? CUT_OFF : await within(work(), deadline.remaining(), timers);
      if (out !== CUT_OFF) return out;
      runner.cut = { step: name, skipped: [] };
      return none;
    },
  };
  return runner;
}

/** One campaign's alarm: dispatch it now (or at its time, if the alarm came a little early). */
async function campaignAlarm(d: DispatchHandlerDeps, campaignId: string, options: DispatchHandlerOptions) {
  const report = await dispatchCampaign(d, campaignId, {
    jobSize: options.dispatch?.jobSize,
    sleep: options.sleep ?? ((ms) => sleep(ms)),
  });
  d.logger.info('campaign alarm', {
    campaignId,
    dispatched: report.dispatched,
    taken: report.taken,
    expired: report.expired,
    notDue: report.notDue,
  });
  for (const { error } of report.errors)
    d.logger.error('campaign delivery step failed', { campaignId, error: errorName(error) });
  // Claimed but not fully enqueued: finalize resumes it; the Lambda fails so the error alarm sees it.
  if (report.errors.length > 0) throw new DeliveryTickFailed(`campagne en erreur : ${campaignId}`);
  return { dispatched: report.dispatched.length, expired: report.expired.length };
}
