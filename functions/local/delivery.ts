// Delivery in the local runtime, through the Lambdas' own handlers: a 1-second ticker runs the
// delivery tick (createDispatchHandler: due campaigns into the in-process queue, finalize,
// restitutions), and the queue hands SQS-shaped batches to the send Lambda's handler
// (createSendHandler), which sends through the Telegram sender, the X publisher (or the outbox) and
// the feeds. On AWS: EventBridge Scheduler, SQS, the send Lambda. One pipeline, two runtimes.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '#config';
import { createInProcessQueue } from '#adapters/queue/in-process';
import { startInterval } from '#adapters/scheduler/interval';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { telegramConsentRequest } from '#adapters/telegram/consent-message';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import { createXPublisher } from '#adapters/x/publisher';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import type { SendJob } from '#core/delivery/ports';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { createSendHandler } from '#handlers/delivery/send-batch';

export interface LocalDelivery {
  xMode: 'api' | 'outbox';
  /** Runs one tick now, its every step (dispatch, finalize, restitutions): tests, and right after start-up. */
  tick(): Promise<void>;
  /** Resolves once no send job is queued or running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The time a send batch is told it has left (a Lambda's `getRemainingTimeInMillis`): no timeout
 * here, so more than a job's lease, after which a job starts nothing anyway (send-job.ts).
 */
const LOCAL_BATCH_TIME_MS = 10 * 60_000;

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
  const sender = createTelegramSender({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    limits: { perSecond: config.TELEGRAM_MAX_PER_SECOND },
  });
  const x = createXPublisher(config, core.store.xOutbox, core.clock);
  // One process per DATA_DIR: a job lease taken before this instant is a dead process's (a crash,
  // a kill), taken over at once rather than after its `heldUntil`.
  const startedAt = core.clock.now();
  const queue = createInProcessQueue<SendJob>({
    handle: (event) => send(event, { getRemainingTimeInMillis: () => LOCAL_BATCH_TIME_MS }),
    onError: (record, receives) => logger.warn('send job to retry', { messageId: record.messageId, receives }),
  });
  const send = createSendHandler(
    {
      ...core,
      telegram: sender,
      telegramFormat: telegramCampaignFormat,
      digestFormat: telegramDigestFormat,
      consentRequest: telegramConsentRequest,
      x,
      logger,
      queue,
    },
    { job: { leasesDeadBefore: startedAt } },
  );
  const dispatchDeps = {
    ...core,
    queue,
    logger,
    get publicUrl() {
      return options.publicUrl();
    },
  };
  const report = (what: string) => (error: unknown) => logger.error(`${what} failed`, errorFields(error));
  // At start-up: the in-memory queue lost its jobs when the process stopped; resume what was being sent.
  const resume = createDispatchHandler(dispatchDeps, { steps: ['finalize'], finalize: { resumeAfterMs: 0 } });
  await resume().catch(report('resume'));
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
