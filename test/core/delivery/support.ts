// The delivery path assembled as the local runtime does, for tests: the real store (in-memory
// dynalite), the Telegram simulator behind telegraf's HTTP client, the real sender and rate
// limiter, the in-process queue handing SQS-shaped batches to the send Lambda's own handler
// (createSendHandler), the dispatch Lambda's handler for ticks (createDispatchHandler), X in outbox
// mode, the real feed publisher and campaign renderer.
// Time is virtual: the core's clock (leases, resumes) moves only when a test moves it; the sender,
// the simulator's rate windows and the queue's retries share virtual timers that move to the next
// wake-up whenever no Bot API request is in flight. So the simulator judges the sender's pace on the
// sender's own time, and no verdict depends on how busy the machine is.
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { createInProcessQueue, type InProcessQueue } from '#adapters/queue/in-process';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import {
  type TelegramCampaignSender,
  type TelegramSenderOptions,
  createTelegramSender,
} from '#adapters/telegram/sender';
import { randomIds } from '#adapters/system/ids';
import { createXPublisher } from '#adapters/x/publisher';
import { type Campaign, type CampaignInput } from '#core/campaigns/campaign';
import { type CampaignDeps, createCampaign } from '#core/campaigns/use-cases';
import type { DispatchDeps } from '#core/delivery/dispatch';
import type { SendJob, SendQueue } from '#core/delivery/ports';
import type { SendDeps, SendJobOptions } from '#core/delivery/send-job';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { createSendHandler } from '#handlers/delivery/send-batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { fixedClock } from '#adapters/system/clock';
import type { Clock } from '#core/shared/ports';
import type { Store } from '#core/store';
import type { Subscriber } from '#core/subscribers/subscriber';
import { type MessageView, type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { demarche, questionnaire } from '../../adapters/dynamodb/fixtures';
import { startTestStore } from '../../support/dynalite';
import { VirtualTimers, advanceWhenQuiet } from '../../support/virtual-timers';

export interface MovableClock extends Clock {
  advance(ms: number): void;
}

/** The core's clock: it stays where it is until a test moves it (leases, resumes, send times). */
export function movableClock(): MovableClock {
  return fixedClock('2026-03-02T08:00:00.000Z');
}

/** A queue that only keeps what dispatch enqueues, to hand the jobs to workers by hand (redeliveries, crashes). */
export function capturingQueue(): SendQueue & { jobs: SendJob[] } {
  const jobs: SendJob[] = [];
  return { jobs, enqueue: async (more) => void jobs.push(...structuredClone([...more])) };
}

export interface DeliveryHarness {
  store: Store;
  sim: TelegramSimulator;
  clock: MovableClock;
  /** The sender's, the simulator's and the queue's time. */
  timers: VirtualTimers;
  sender: TelegramCampaignSender;
  /** Another sender on the harness's simulator and timers (closed with the harness). */
  newSender(options?: Partial<TelegramSenderOptions>): TelegramCampaignSender;
  queue: InProcessQueue<SendJob>;
  ctx: CampaignDeps;
  dispatchDeps: DispatchDeps;
  sendDeps: SendDeps;
  jobOptions: SendJobOptions;
  /** Runs `hook(n)` as the n-th send through `sendDeps` starts (counted from this call), before it leaves. */
  beforeSend(hook: ((n: number) => Promise<void> | void) | undefined): void;
  /** The send Lambda's handler as the queue drives it (SQS events in, batchItemFailures out). */
  sendBatch: ReturnType<typeof createSendHandler>;
  /** One delivery tick through the dispatch Lambda's handler: dispatch then finalize (its return: counts). */
  tick(): ReturnType<ReturnType<typeof createDispatchHandler>>;
  questionnaire: Questionnaire;
  /** Subscribers with fresh chat ids, their chats opened in the simulator. */
  addSubscribers(
    count: number,
    over?: Partial<Subscriber> | ((i: number) => Partial<Subscriber>),
  ): Promise<Subscriber[]>;
  /** Creates and schedules a campaign through the agents' use case, then moves the clock past its send time. */
  scheduleDue(input: Partial<CampaignInput>): Promise<Campaign>;
  botMessages(chatId: number): MessageView[];
  close(): Promise<void>;
}

const ACTOR = { agentId: 'ag1', name: 'Camille' };
/** Without credentials the X channel keeps posts in the outbox, as the local runtime does. */
const NO_X_CREDENTIALS = {
  X_APP_KEY: undefined,
  X_APP_SECRET: undefined,
  X_ACCESS_TOKEN: undefined,
  X_ACCESS_SECRET: undefined,
  X_API_ROOT: undefined,
};
export const DEMARCHE = 'plan-velo';

export async function startDeliveryHarness(
  options: { sender?: Partial<TelegramSenderOptions>; job?: SendJobOptions } = {},
): Promise<DeliveryHarness> {
  const { store, close: closeStore } = await startTestStore();
  const timers = new VirtualTimers();
  const sim = createTelegramSimulator({ clock: timers.now });
  await sim.start();
  const clock = movableClock();
  const ctx: CampaignDeps = { store, clock, ids: randomIds, telegramFormat: telegramCampaignFormat };
  const senders: TelegramCampaignSender[] = [];
  const newSender = (more: Partial<TelegramSenderOptions> = {}) => {
    const sender = createTelegramSender({
      token: sim.token,
      apiRoot: sim.url,
      backoffMs: 10,
      maxAttempts: 3,
      timers,
      ...more,
    });
    senders.push(sender);
    return sender;
  };
  const sender = newSender(options.sender);
  const stopTime = advanceWhenQuiet(timers, () => senders.every((s) => s.inFlight === 0));
  let beforeSend: ((n: number) => Promise<void> | void) | undefined;
  let sends = 0;
  const sendDeps: SendDeps = {
    ...ctx,
    // The real sender; a test's hook runs as each send starts, before it leaves (an agent's move mid-send).
    telegram: {
      async send(chatId, message, sendOptions) {
        await beforeSend?.(++sends);
        return sender.send(chatId, message, sendOptions);
      },
    },
    x: createXPublisher(NO_X_CREDENTIALS, store.xOutbox, clock),
    digestFormat: telegramDigestFormat,
  };
  const jobOptions = options.job ?? {};
  const logger = new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' });
  const queue = createInProcessQueue<SendJob>({
    retryDelayMs: () => 20,
    timers,
    // A Lambda's remaining time, here never the limit: the job's lease is (SendJobOptions).
    handle: (event) => sendBatch(event, { getRemainingTimeInMillis: () => 10 * 60_000 }),
  });
  const sendBatch = createSendHandler({ ...sendDeps, logger, queue }, { job: jobOptions });
  const dispatchDeps: DispatchDeps = { ...ctx, queue };
  const tick = createDispatchHandler(
    { ...ctx, queue, logger, publicUrl: 'https://participer.example' },
    { steps: ['dispatch', 'finalize'] },
  );

  const now = clock.now().getTime();
  const day = 24 * 60 * 60_000;
  await store.demarches.create(demarche({ slug: DEMARCHE }));
  const q = questionnaire({
    id: 'q1',
    opensAt: new Date(now - day).toISOString(),
    closesAt: new Date(now + 30 * day).toISOString(),
  });
  await store.questionnaires.create(q);

  let nextChat = 1000;
  return {
    store,
    sim,
    clock,
    timers,
    sender,
    newSender,
    queue,
    ctx,
    dispatchDeps,
    sendDeps,
    jobOptions,
    sendBatch,
    beforeSend(hook) {
      sends = 0;
      beforeSend = hook;
    },
    tick: () => tick(),
    questionnaire: q,
    async addSubscribers(count, over = {}) {
      const subscribers: Subscriber[] = [];
      for (let i = 0; i < count; i++) {
        const chatId = nextChat++;
        const at = clock.now().toISOString();
        const s: Subscriber = {
          id: `s-${chatId}`,
          chatId,
          language: 'fr',
          frequency: 'instant',
          status: 'active',
          follows: { demarches: [DEMARCHE], themes: [], territories: [] },
          createdAt: at,
          updatedAt: at,
          ...(typeof over === 'function' ? over(i) : over),
        };
        await store.subscribers.put(s);
        sim.openChat(chatId);
        subscribers.push(s);
      }
      return subscribers;
    },
    async scheduleDue(input) {
      const sendAt = new Date(clock.now().getTime() + 60_000).toISOString();
      const campaign = await createCampaign(
        ctx,
        ACTOR,
        {
          message: {
            title: 'Le plan vélo avance',
            text: 'Donnez votre avis sur les nouvelles pistes.',
            link: 'https://dialoguecitoyen.metropole.nantes.fr/plan-velo',
          },
          channels: ['telegram'],
          sendAt,
          ...input,
        },
        { schedule: true },
      );
      clock.advance(61_000);
      return campaign;
    },
    botMessages: (chatId) => sim.messages(chatId).filter((m) => m.from === 'bot'),
    async close() {
      await queue.stop();
      for (const s of senders) s.close();
      await stopTime();
      await sim.stop();
      await closeStore();
    },
  };
}

/** An audience of the followers of one démarche: each test follows its own, so tests share a store without sharing recipients. */
export const followersOf = (slug: string) => ({
  kind: 'followers' as const,
  demarches: [slug],
  themes: [],
  territories: [],
});
export const following = (slug: string): Partial<Subscriber> => ({
  follows: { demarches: [slug], themes: [], territories: [] },
});
