// Delivery in the local runtime: a 1-second ticker runs the delivery tick (the dispatch Lambda's
// own handler: due campaigns into an in-process queue with SQS's semantics, finalize, restitutions);
// the queue's consumer sends through the Telegram sender, the X publisher (or the outbox) and the
// feeds. On AWS: EventBridge Scheduler, SQS, the send Lambda.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '#config';
import { createInProcessQueue } from '#adapters/queue/in-process';
import { startInterval } from '#adapters/scheduler/interval';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import { createXPublisher } from '#adapters/x/publisher';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import { finalizeCampaigns } from '#core/delivery/finalize';
import { SendJob } from '#core/delivery/ports';
import { processSendJob } from '#core/delivery/send-job';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';

export interface LocalDelivery {
  xMode: 'api' | 'outbox';
  /** Runs one tick now, its every step (dispatch, finalize, restitutions): tests, and right after start-up. */
  tick(): Promise<void>;
  /** Resolves once no send job is queued or running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const errorFields = (error: unknown) => ({
  errorName: (error as Error)?.name,
  errorMessage: (error as Error)?.message,
});

export async function startLocalDelivery(
  config: Config,
  core: CampaignDeps,
  logger: Logger,
  telegram: { token: string; apiRoot: string },
  /** `publicUrl`: known once the HTTP server listens (links in « Voici ce que vous avez dit »). */
  options: { dispatchEveryMs?: number; publicUrl: () => string },
): Promise<LocalDelivery> {
  const startedAt = core.clock.now();
  const sender = createTelegramSender({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    limits: { perSecond: config.TELEGRAM_MAX_PER_SECOND },
  });
  const x = createXPublisher(config, core.store.xOutbox, core.clock);
  const sendDeps = { ...core, telegram: sender, telegramFormat: telegramCampaignFormat, x };
  const queue = createInProcessQueue<SendJob>({
    // One process per DATA_DIR: a lease taken before this one started is a dead process's (send-job.ts).
    handle: (job) => processSendJob(sendDeps, SendJob.parse(job), { leasesDeadBefore: startedAt }),
    onError: (error, job, receives) =>
      logger.warn('send job to retry', {
        campaignId: job.campaignId,
        channel: job.channel,
        receives,
        ...errorFields(error),
      }),
  });
  const dispatchDeps = {
    ...core,
    queue,
    logger,
    digests: { telegram: sender, format: telegramDigestFormat },
    get publicUrl() {
      return options.publicUrl();
    },
  };
  const report = (what: string) => (error: unknown) => logger.error(`${what} failed`, errorFields(error));
  // At start-up: the in-memory queue lost its jobs when the process stopped; resume what was being sent.
  await finalizeCampaigns(dispatchDeps, { resumeAfterMs: 0 }).catch(report('resume'));
  // The dispatch Lambda's handler, in two paces: it logs each failed step itself, and its
  // DeliveryTickFailed only says the tick was not clean (the next one tries again).
  const dispatchTick = createDispatchHandler(dispatchDeps, { steps: ['dispatch'] });
  const followUpTick = createDispatchHandler(dispatchDeps, {
    steps: ['finalize', 'restitutions', 'announcements', 'digests'],
  });
  const dispatch = startInterval(() => dispatchTick(), {
    everyMs: options.dispatchEveryMs ?? 1000,
    onError: report('dispatch'),
  });
  const finalize = startInterval(() => followUpTick(), { everyMs: 2000, onError: report('finalize') });
  return {
    xMode: x.mode,
    tick: async () => {
      await dispatch.runNow();
      await finalize.runNow();
    },
    idle: () => queue.idle(),
    stop: async () => {
      await dispatch.stop();
      await finalize.stop();
      await queue.stop();
      sender.close();
    },
  };
}
