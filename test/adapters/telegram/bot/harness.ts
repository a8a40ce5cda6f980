// The bot under test, end to end: the real store on dynalite, the webhook route served over HTTP,
// telegraf talking HTTP to the Telegram simulator, and citizens acting through the simulator.
// Log lines are captured so tests can prove no chat id or citizen text ever reaches them.
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { vi } from 'vitest';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { telegramConsentRequest } from '#adapters/telegram/consent-message';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { type Bot, createBot } from '#adapters/telegram/bot/create-bot';
import { createTelegramSender } from '#adapters/telegram/sender';
import { createXPublisher } from '#adapters/x/publisher';
import type { Campaign } from '#core/campaigns/campaign';
import { type DispatchDeps, dispatchDueCampaigns } from '#core/delivery/dispatch';
import { type FinalizeReport, finalizeCampaigns } from '#core/delivery/finalize';
import type { SendJob } from '#core/delivery/ports';
import { type SendDeps, processSendJob } from '#core/delivery/send-job';
import { Demarche } from '#core/demarches/demarche';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import { pseudonymFor } from '#core/subscribers/pseudonym';
import type { HttpDeps } from '#handlers/http/deps';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from '#handlers/http/telegram-webhook';
import { type MessageView, type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { type TestStore, startTestStore } from '../../../support/dynalite';
import { TEST_OPEN_DATA } from '../../../support/http-deps';

export const NOW = '2026-11-25T10:00:00.000Z';
export const KEY_SECRET = 'test-subscriber-key-secret';
export const WEBHOOK_SECRET = 'test-webhook-secret_123';

export interface BotHarness {
  sim: TelegramSimulator;
  testStore: TestStore;
  deps: HttpDeps;
  clock: ReturnType<typeof fixedClock>;
  bot: Bot;
  webhookUrl: string;
  /** Every log line printed so far (JSON text). */
  logs: string[];
  idOf(chatId: number): string;
  say(chatId: number, text: string, languageCode?: string): Promise<{ update_id: number }>;
  /** Presses the button labelled `label` (or carrying that callback_data) on a message. */
  press(chatId: number, messageId: number, label: string): Promise<{ update_id: number }>;
  forge(chatId: number, messageId: number, data: string): Promise<{ update_id: number }>;
  lastBot(chatId: number): MessageView;
  botMessages(chatId: number): MessageView[];
  /** Start + consent: an active subscriber; returns the follow menu message. */
  subscribe(chatId: number, languageCode?: string): Promise<MessageView>;
  itemCount(): Promise<number>;
  /**
   * Dispatches a campaign due now (scheduled, sent at the harness clock's now): returns its send
   * jobs, captured instead of queued, for `runJobs` to send through the simulator when the test says.
   */
  dispatch(campaign: Campaign): Promise<SendJob[]>;
  /** Runs send jobs; `afterSend` runs once each message is sent, before its line is written (a send in flight). */
  runJobs(jobs: readonly SendJob[], afterSend?: (chatId: number) => Promise<void>): Promise<void>;
  /** One run of finalize; the jobs a resume enqueues are returned, not run. */
  finalize(): Promise<{ report: FinalizeReport; jobs: SendJob[] }>;
  /** Moves the simulator's clock on, as time passes between two sends (e.g. a campaign arriving). */
  tick(): void;
  close(): Promise<void>;
}

export async function startBotHarness(): Promise<BotHarness> {
  // Powertools prints through the global console in dev mode: that is where the lines are caught.
  process.env.POWERTOOLS_DEV = 'true';
  const logs: string[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  const logger = new Logger({ serviceName: 'porte-voix-test', logLevel: 'DEBUG' });

  const testStore = await startTestStore();
  const clock = fixedClock(NOW);
  const deps: HttpDeps = {
    store: testStore.store,
    clock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'http://localhost',
    logger,
    openData: TEST_OPEN_DATA,
  };

  // The simulator's clock moves 1.1 s per citizen action: a person's pace, inside Telegram's ~1
  // message per second and per chat, which the simulator enforces strictly (rolling window).
  let simNow = Date.parse(NOW);
  const sim = createTelegramSimulator({ clock: () => simNow });
  const apiRoot = await sim.start();
  const bot = createBot({
    token: sim.token,
    apiRoot,
    core: deps,
    logger,
    subscriberKeySecret: KEY_SECRET,
    publicUrl: deps.publicUrl,
  });

  const app = telegramWebhookRoutes(deps, bot, { secret: WEBHOOK_SECRET });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${TELEGRAM_WEBHOOK_PATH}`;
  await bot.telegram.setWebhook(webhookUrl, { secret_token: WEBHOOK_SECRET });

  const step = () => (simNow += 1100);
  const delivered = <T extends { delivery: unknown; update_id: number }>(result: T) => {
    const d = result.delivery as { mode: string; delivered?: boolean; status?: number };
    if (d.mode !== 'webhook' || !d.delivered)
      throw new Error(`update ${result.update_id} not delivered: ${JSON.stringify(d)}`);
    return result;
  };
  const botMessages = (chatId: number) => sim.messages(chatId).filter((m) => m.from === 'bot');
  const capturing = (jobs: SendJob[]): DispatchDeps => ({
    ...deps,
    queue: { enqueue: async (more) => void jobs.push(...structuredClone([...more])) },
  });
  const noX = { X_APP_KEY: undefined, X_APP_SECRET: undefined, X_ACCESS_TOKEN: undefined, X_ACCESS_SECRET: undefined };
  const sender = createTelegramSender({ token: sim.token, apiRoot, backoffMs: 10, maxAttempts: 3 });
  const sendDeps = (afterSend?: (chatId: number) => Promise<void>): SendDeps => ({
    ...deps,
    telegram: {
      async send(chatId, message, options) {
        const result = await sender.send(chatId, message, options);
        await afterSend?.(chatId);
        return result;
      },
    },
    x: createXPublisher({ ...noX, X_API_ROOT: undefined }, deps.store.xOutbox, clock),
    consentRequest: telegramConsentRequest,
  });
  const harness: BotHarness = {
    sim,
    testStore,
    deps,
    clock,
    bot,
    webhookUrl,
    logs,
    idOf: (chatId) => pseudonymFor(chatId, KEY_SECRET),
    async say(chatId, text, languageCode) {
      step();
      return delivered(await sim.citizenSays(chatId, text, languageCode ? { language_code: languageCode } : undefined));
    },
    async press(chatId, messageId, label) {
      step();
      const button = sim
        .messages(chatId)
        .find((m) => m.message_id === messageId)
        ?.reply_markup?.inline_keyboard.flat()
        .find((b) => b.text === label || b.callback_data === label);
      return delivered(
        await sim.citizenPresses(
          chatId,
          button?.callback_data
            ? { message_id: messageId, callback_data: button.callback_data }
            : { message_id: messageId, text: label },
        ),
      );
    },
    async forge(chatId, messageId, data) {
      step();
      return delivered(await sim.citizenPresses(chatId, { message_id: messageId, callback_data: data, force: true }));
    },
    lastBot(chatId) {
      const last = sim.lastBotMessage(chatId);
      if (!last) throw new Error(`no bot message in chat ${chatId}`);
      return last;
    },
    botMessages,
    async subscribe(chatId, languageCode) {
      await harness.say(chatId, '/start', languageCode);
      const consent = harness.lastBot(chatId);
      await harness.press(chatId, consent.message_id, 'c:y');
      return harness.lastBot(chatId);
    },
    tick: () => void step(),
    async itemCount() {
      const out = await testStore.client.send(new ScanCommand({ TableName: testStore.tableName, Select: 'COUNT' }));
      return out.Count ?? 0;
    },
    async dispatch(campaign) {
      const jobs: SendJob[] = [];
      await deps.store.campaigns.create({ ...campaign, status: 'scheduled', sendAt: clock.now().toISOString() });
      await dispatchDueCampaigns(capturing(jobs));
      return jobs;
    },
    async runJobs(jobs, afterSend) {
      step(); // a campaign arrives a while after the bot's last answer (Telegram's pace per chat)
      for (const job of jobs) await processSendJob(sendDeps(afterSend), job);
    },
    async finalize() {
      const jobs: SendJob[] = [];
      return { report: await finalizeCampaigns(capturing(jobs)), jobs };
    },
    async close() {
      sender.close();
      // An update that failed was apologised for and logged: unless a test provoked it, a bug.
      const failures = logs.filter((line) => line.includes('"level": "ERROR"'));
      await new Promise<void>((ok) => server.close(() => ok()));
      await sim.stop();
      await testStore.close();
      vi.restoreAllMocks();
      if (failures.length) throw new Error(`errors were logged:\n${failures.join('\n')}`);
    },
  };
  return harness;
}

/** The last toast shown on a message (answerCallbackQuery's text). */
export const lastToast = (message: MessageView | undefined) => message?.toasts.at(-1);

export const openDemarche = (slug: string, title: string) =>
  Demarche.parse({
    slug,
    title,
    summary: 'Une démarche de test.',
    link: `https://example.org/${slug}`,
    themes: ['mobilites'],
    territories: ['nantes'],
    steps: [
      {
        id: 'consult',
        kind: 'consultation',
        title: 'Consultation',
        start: '2026-11-01T08:00:00Z',
        end: '2026-12-15T18:00:00Z',
      },
    ],
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    version: 1,
  });

export const questionnaireOf = (
  id: string,
  questions: unknown[],
  window: { opensAt?: string; closesAt?: string } = {},
) =>
  Questionnaire.parse({
    id,
    title: 'Le parc des Chantiers',
    intro: 'Deux minutes pour nous dire comment vous voyez le parc.',
    questions,
    opensAt: window.opensAt ?? '2026-11-01T00:00:00Z',
    closesAt: window.closesAt ?? '2026-12-01T17:00:00Z',
    nextSteps: 'Une synthèse sera publiée en janvier et présentée en conseil de quartier.',
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    version: 1,
  });

/** A `/start` message as Telegram posts it to the webhook (update_id chosen by the test). */
export const startUpdate = (updateId: number, chatId: number) => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: 1_790_000_000,
    chat: { id: chatId, type: 'private', first_name: 'Anne' },
    from: { id: chatId, is_bot: false, first_name: 'Anne' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
});

/** POSTs `body` to the harness's webhook as Telegram would, with `secret` in its header (none if undefined). */
export const postToWebhook = (h: BotHarness, body: unknown, secret: string | undefined) =>
  fetch(h.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== undefined ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
