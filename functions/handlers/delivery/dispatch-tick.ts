// The delivery tick, whatever runs it (EventBridge Scheduler on AWS): claims due campaigns and enqueues their send
// jobs, then finalizes (or resumes) those being sent. Overlapping ticks are safe: every claim and
// every status change is a conditional write.
import type { Logger } from '@aws-lambda-powertools/logger';
import { type DispatchDeps, type DispatchOptions, dispatchDueCampaigns } from '#core/delivery/dispatch';
import { type FinalizeOptions, finalizeCampaigns } from '#core/delivery/finalize';

export interface DispatchHandlerDeps extends DispatchDeps {
  logger: Logger;
}

export interface DispatchHandlerOptions {
  dispatch?: DispatchOptions;
  finalize?: FinalizeOptions;
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
  return async (_event?: unknown) => {
    ready ??= Promise.resolve(typeof deps === 'function' ? deps() : deps);
    const d = await ready;
    const dispatched = await dispatchDueCampaigns(d, options.dispatch);
    const finalized = await finalizeCampaigns(d, options.finalize);
    const errors = [...dispatched.errors, ...finalized.errors];
    // Ids and counts only: no chat id, no citizen's text reaches the logs.
    d.logger.info('delivery tick', {
      dispatched: dispatched.dispatched,
      taken: dispatched.taken,
      finished: finalized.finished,
      resumed: finalized.resumed,
      waiting: finalized.waiting.length,
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
    };
  };
}
