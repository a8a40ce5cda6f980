// The webhook's time budget (8 s of the Lambda's 10 s on AWS), on virtual time: a stuck update is cut
// off by the route itself, logged with its update_id and type, counted (handler.cutOff), apologised
// for and answered 200, so Telegram does not deliver it again only to find it claimed; a claim that
// does not finish in time answers 500, so Telegram does deliver it again, and it is then handled.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { createBot } from '#adapters/telegram/bot/create-bot';
import type { HttpDeps } from '#handlers/http/deps';
import { APOLOGY_MS, TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from '#handlers/http/telegram-webhook';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { METRIC } from '#adapters/metrics/names';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { TEST_OPEN_DATA } from '../../support/http-deps';
import { VirtualTimers } from '../../support/virtual-timers';
import { startUpdate } from '../../adapters/telegram/bot/harness';

const SECRET = 'test-webhook-secret_123';
const BUDGET_MS = 8_000;

let timers: VirtualTimers;
let sim: TelegramSimulator;
let testStore: TestStore;
let logs: string[];
let app: ReturnType<typeof telegramWebhookRoutes>;

beforeEach(async () => {
  process.env.POWERTOOLS_DEV = 'true';
  // Dev mode turns metrics off unless told otherwise: the count is part of the verdict here.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  logs = [];
  // Powertools prints through the global console in dev mode (Metrics' EMF lines through console.log).
  for (const level of ['log', 'debug', 'info', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  timers = new VirtualTimers('2026-11-25T10:00:00.000Z');
  sim = createTelegramSimulator({ clock: timers.now, timers });
  const apiRoot = await sim.start();
  testStore = await startTestStore();
  const logger = new Logger({ serviceName: 'porte-voix-test', logLevel: 'DEBUG' });
  const deps: HttpDeps = {
    store: testStore.store,
    clock: fixedClock('2026-11-25T10:00:00.000Z'),
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'http://localhost',
    logger,
    openData: TEST_OPEN_DATA,
  };
  const bot = createBot({ token: sim.token, apiRoot, core: deps, logger, subscriberKeySecret: 'k'.repeat(32) });
  const metrics = new Metrics({ namespace: 'PorteVoix', serviceName: 'porte-voix-test' });
  app = telegramWebhookRoutes(deps, bot, { secret: SECRET, budget: { ms: BUDGET_MS, timers, metrics } });
});

afterEach(async () => {
  // Let the stuck calls end, so nothing is left in flight when the simulator stops.
  while (timers.next());
  await sim.stop();
  await testStore.close();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const post = (body: unknown) =>
  app.request(TELEGRAM_WEBHOOK_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
    body: JSON.stringify(body),
  });

/** Waits (real I/O) until the budget's deadline and the stuck Bot API call both sleep on virtual time. */
const stuck = () => vi.waitFor(() => expect(timers.sleeping).toBe(2), { timeout: 5_000, interval: 2 });

const cutOffLines = () => logs.filter((l) => l.includes('"telegram update cut off"'));
const emfCounts = () => logs.filter((l) => l.includes('"_aws"') && l.includes(`"${METRIC.cutOff}"`));

it('cuts a stuck update off before the budget ends: logged with its id and type, counted, apologised for, 200', async () => {
  sim.openChat(6001);
  // The welcome is sent, then Telegram's answer hangs for a minute: the bot's handler is stuck.
  sim.injectFaults({ method: 'sendMessage', chatId: 6001, delayMs: 60_000, count: 1 });
  const started = timers.now();
  const answer = post(startUpdate(8001, 6001));
  await stuck();
  timers.next(); // the handler's share of the budget runs out first
  const res = await answer;

  expect(timers.now() - started).toBe(BUDGET_MS - APOLOGY_MS);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, outcome: 'cutOff' });
  expect(cutOffLines()).toHaveLength(1);
  expect(JSON.parse(cutOffLines()[0]!)).toMatchObject({
    level: 'WARN',
    updateId: 8001,
    updateType: 'message',
    phase: 'handler',
    budgetMs: BUDGET_MS,
    cutOff: true,
  });
  expect(emfCounts()).toHaveLength(1);
  expect(JSON.parse(emfCounts()[0]!)).toMatchObject({ [METRIC.cutOff]: 1 });
  // The citizen hears something went wrong, after the welcome that did leave.
  expect(sim.lastBotMessage(6001)?.text).toContain('Un souci technique');
  // Telegram's redelivery (had it come) is a duplicate: the update was claimed and is not replayed.
  expect(await (await post(startUpdate(8001, 6001))).json()).toMatchObject({ outcome: 'duplicate' });
  // No chat id in the cut-off line: ids and counts only.
  expect(cutOffLines()[0]).not.toContain('6001');
});

it('answers 500 when the claim does not finish within the budget, so Telegram delivers the update again', async () => {
  sim.openChat(6002);
  // A cold start asks getMe before the claim: Telegram hangs on it past the whole budget.
  sim.injectFaults({ method: 'getMe', delayMs: 60_000, count: 1 });
  const answer = post(startUpdate(8002, 6002));
  await stuck();
  timers.next();
  const res = await answer;
  expect(res.status).toBe(500);
  expect(JSON.parse(cutOffLines()[0]!)).toMatchObject({ updateId: 8002, phase: 'claim', cutOff: true });
  expect(emfCounts()).toHaveLength(1);
  expect(sim.lastBotMessage(6002)).toBeUndefined();

  // getMe answers at last; Telegram's redelivery is handled.
  timers.next();
  await vi.waitFor(() => expect(timers.sleeping).toBe(0), { interval: 2 });
  const again = await post(startUpdate(8002, 6002));
  expect(await again.json()).toMatchObject({ outcome: 'handled' });
  expect(sim.lastBotMessage(6002)?.text).toContain('Acceptez-vous ?');
});

it('lets an update that fits its budget through untouched', async () => {
  sim.openChat(6003);
  const res = await post(startUpdate(8003, 6003));
  expect(await res.json()).toEqual({ ok: true, outcome: 'handled' });
  expect(cutOffLines()).toHaveLength(0);
  expect(emfCounts()).toHaveLength(0);
  // The deadline's timer went with the update: nothing sleeps.
  expect(timers.sleeping).toBe(0);
});
