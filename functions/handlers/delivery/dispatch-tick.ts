// The delivery tick, whatever runs it (EventBridge Scheduler on AWS): claims due campaigns and enqueues their send
// jobs, then finalizes (or resumes) those being sent, then starts « Voici ce que vous avez dit » for
// questionnaires whose démarche reached its synthesis or decision. Overlapping ticks are safe:
// every claim and every status change is a conditional write.
import type { Logger } from '@aws-lambda-powertools/logger';
import { type DispatchDeps, type DispatchOptions, dispatchDueCampaigns } from '#core/delivery/dispatch';
import { type FinalizeOptions, finalizeCampaigns } from '#core/delivery/finalize';
import type { RestitutionDeps } from '#core/restitution/restitution';
import { restitutionsDue } from '#core/restitution/step-trigger';

/** RestitutionDeps: the restitution's campaign is written like an agent's (Telegram format, public links). */
export interface DispatchHandlerDeps extends DispatchDeps, RestitutionDeps {
  logger: Logger;
}

export interface DispatchHandlerOptions {
  dispatch?: DispatchOptions;
  finalize?: FinalizeOptions;
  /**
   * The steps this handler runs (default: all, as on AWS every minute). The local runtime ticks
   * dispatch every second and the rest every 2 s: finalize reads whole ledgers.
   */
  steps?: readonly ('dispatch' | 'finalize' | 'restitutions')[];
}

const NONE = { dispatched: [], taken: [], finished: [], resumed: [], waiting: [], started: [], errors: [] };

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
  return async (_event?: unknown) => {
    ready ??= Promise.resolve(typeof deps === 'function' ? deps() : deps);
    const d = await ready;
    const runs = (step: 'dispatch' | 'finalize' | 'restitutions') => !options.steps || options.steps.includes(step);
    const dispatched = runs('dispatch') ? await dispatchDueCampaigns(d, options.dispatch) : NONE;
    const finalized = runs('finalize') ? await finalizeCampaigns(d, options.finalize) : NONE;
    const restitutions = runs('restitutions') ? await restitutionsDue(d) : NONE;
    const errors = [
      ...dispatched.errors,
      ...finalized.errors,
      ...restitutions.errors.map(({ questionnaireId, error }) => ({
        campaignId: `restitution:${questionnaireId}`,
        error,
      })),
    ];
    // Ids and counts only: no chat id, no citizen's text reaches the logs. An idle tick is a debug
    // line: the local runtime ticks every second.
    const idle = [dispatched.dispatched, finalized.finished, finalized.resumed, restitutions.started].every(
      (list) => list.length === 0,
    );
    d.logger[idle ? 'debug' : 'info']('delivery tick', {
      dispatched: dispatched.dispatched,
      taken: dispatched.taken,
      finished: finalized.finished,
      resumed: finalized.resumed,
      waiting: finalized.waiting.length,
      restitutions: restitutions.started,
    });
    for (const { campaignId, error } of errors)
      d.logger.error('campaign delivery step failed', { campaignId, error: errorName(error) });
    if (errors.length > 0)
      throw new DeliveryTickFailed(
        `${errors.length} campagne(s) en erreur : ${errors.map((e) => e.campaignId).join(', ')}`,
      );
    return {
      dispatched: dispatched.dispatched.length,
      finished: finalized.finished.length,
      resumed: finalized.resumed.length,
      restitutions: restitutions.started.length,
    };
  };
}
