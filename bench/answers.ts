// Benchmark: answer ingestion. Subscribers receive the questionnaire's first question (composed as
// the bot sends it once « Répondre » is pressed under a campaign: the Telegram adapter's
// renderQuestion, sent to the simulator), then each presses an answer button. The simulator makes
// each press a real callback_query update (its id is one answerCallbackQuery accepts, its message the
// question's), and the updates go through processTelegramUpdate — the webhook's own handling: the
// update_id claim, the telegraf bot, recordAnswer, the toast, the edited buttons, the next question —
// in-process on the embedded store, a few in flight at once, as Telegram's webhook connections would.
// The campaign is not sent through processSendJob on purpose: the send path loads twitter-text, whose
// core-js slows every RegExp in the process (see scenario.ts `coreJsLoaded`), and the webhook Lambda
// never loads it. `withTwitterText` measures the local runtime's case, where everything shares one process.
// The peer, measured in the same run on presses of its own: the plain telegraf handler a developer
// would write first — one unconditional PutItem per press and the callback answered, on an embedded
// store of its own — with none of our guarantees (no update claim, no questionnaire or subscriber
// check, no confirmation, no next question). Runs alone with `npx tsx bench/answers.ts`.
import { pathToFileURL } from 'node:url';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createBot } from '#adapters/telegram/bot/create-bot';
import { renderQuestion } from '#adapters/telegram/question-message';
import { loadConfig, openDataSettings } from '#config';
import type { HttpDeps } from '#handlers/http/deps';
import { processTelegramUpdate } from '#handlers/http/telegram-webhook';
import { type SimulatorStats, createTelegramSimulator } from '#local/telegram-simulator/index';
import { startTestStore } from '../test/support/dynalite';
import { type RequestCounts, startCountingStore } from './counting-store';
import {
  BENCH_SUBSCRIBER_KEY,
  benchCore,
  coreJsLoaded,
  createBenchQuestionnaire,
  seedSubscribers,
  silentLogger,
} from './scenario';
import { type Summary, forEachConcurrently, round, summarize } from './stats';

export const DEFAULT_ANSWERS = 2000;
const WARMUP_ANSWERS = 100;
const ROUNDS = 4;
export const DEFAULT_CONCURRENCY = 8;

export interface AnswersResults {
  /** core-js (twitter-text) was loaded in the process, as in the local runtime; not in the webhook Lambda. */
  coreJsLoaded: boolean;
  answers: number;
  concurrency: number;
  warmupAnswers: number;
  /** Answers per second over each of the rounds the answers are split in. */
  answersPerSecond: Summary;
  answersPerSecondOverall: number;
  latencyMs: Summary;
  outcomes: Record<string, number>;
  /** Responses in the store after the run (warm-up included): every press recorded once. */
  responsesStored: number;
  writesPerAnswer: number;
  readsPerAnswer: number;
  requests: RequestCounts;
  /** Bot API calls per answer (toast, redrawn buttons, next question). */
  botApiCallsPerAnswer: Record<string, number>;
  processCpuPercent: number;
  /** What one store request costs here (the ceiling under every figure above): GetItem one at a time, and with `concurrency` in flight. */
  storeBaseline: { sequentialGetMs: Summary; getsPerSecondInFlight: number };
  /** The plain telegraf handler (one PutItem, the callback answered), same presses count, same concurrency, same run. */
  peer: { answersPerSecond: Summary; latencyMs: Summary; outcomes: Record<string, number> };
}

const apiCalls = (stats: SimulatorStats) =>
  Object.fromEntries(Object.entries(stats.byMethod).map(([method, { ok, failed }]) => [method, ok + failed]));

export async function benchAnswers(
  options: { answers?: number; concurrency?: number; withTwitterText?: boolean } = {},
): Promise<AnswersResults> {
  const answers = options.answers ?? Number(process.env.BENCH_ANSWERS ?? DEFAULT_ANSWERS);
  const concurrency = options.concurrency ?? Number(process.env.BENCH_ANSWER_CONCURRENCY ?? DEFAULT_CONCURRENCY);
  if (options.withTwitterText) await import('twitter-text');
  const total = answers + WARMUP_ANSWERS;
  const sim = createTelegramSimulator({ rateLimits: false, autoCreateChats: true });
  const apiRoot = await sim.start();
  const counting = await startCountingStore({ tableName: 'porte-voix-bench-answers' });
  const core = benchCore(counting.store);
  const logger = silentLogger();
  try {
    const seeded = await seedSubscribers(counting.store, total);
    const questionnaire = await createBenchQuestionnaire(core);
    // The first question as the bot sends it after « Répondre », one rendering per language.
    const message = (language: 'fr' | 'en') => renderQuestion(questionnaire, 0, { language });
    const byLanguage = { fr: message('fr'), en: message('en') };
    await forEachConcurrently(seeded, 16, async ({ chatId }) => {
      const m = byLanguage[chatId % 5 === 0 ? 'en' : 'fr'];
      const sent = await sim.callApi('sendMessage', {
        chat_id: chatId,
        text: m.text,
        parse_mode: 'HTML',
        reply_markup: m.reply_markup,
      });
      if (!sent.ok)
        throw new Error(`bench: the campaign message to chat ${chatId} was refused: ${JSON.stringify(sent)}`);
    });

    // Each subscriber presses one of the first question's options.
    const updates: unknown[] = [];
    for (const [i, { chatId }] of seeded.entries()) {
      const message = sim.lastBotMessage(chatId);
      const buttons =
        message?.reply_markup?.inline_keyboard.flat().filter((b) => b.callback_data?.startsWith('a:')) ?? [];
      if (!message || buttons.length === 0)
        throw new Error(`bench: chat ${chatId} did not receive the campaign's question`);
      const press = await sim.citizenPresses(chatId, {
        message_id: message.message_id,
        callback_data: buttons[i % buttons.length]!.callback_data!,
      });
      updates.push(sim.update(press.update_id));
    }
    // The peer's presses: the same buttons pressed again (a callback query is answered once).
    const peerUpdates: unknown[] = [];
    for (const [i, { chatId }] of seeded.entries()) {
      const message = sim.lastBotMessage(chatId)!;
      const buttons = message.reply_markup!.inline_keyboard.flat().filter((b) => b.callback_data?.startsWith('a:'));
      const press = await sim.citizenPresses(chatId, {
        message_id: message.message_id,
        callback_data: buttons[i % buttons.length]!.callback_data!,
      });
      peerUpdates.push(sim.update(press.update_id));
    }

    const deps: HttpDeps = {
      ...core,
      publicUrl: 'https://porte-voix.example',
      logger,
      openData: openDataSettings(loadConfig({})),
    };
    const bot = createBot({ token: sim.token, apiRoot, core, logger, subscriberKeySecret: BENCH_SUBSCRIBER_KEY });
    const outcomes: Record<string, number> = {};
    const handle = async (update: unknown) => {
      let outcome: string;
      try {
        outcome = await processTelegramUpdate(deps, bot, update);
      } catch (error) {
        outcome = `threw ${(error as Error).name}`;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    };
    await forEachConcurrently(updates.slice(0, WARMUP_ANSWERS), concurrency, handle);
    for (const key of Object.keys(outcomes)) delete outcomes[key];

    const measured = updates.slice(WARMUP_ANSWERS);
    const callsBefore = apiCalls(sim.stats());
    counting.reset();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { latencies, roundRates } = await measureRounds(measured, concurrency, handle);
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const requests = counting.counts();
    const callsAfter = apiCalls(sim.stats());
    const peer = await benchPeer(sim.token, apiRoot, bot.botInfo!, peerUpdates, concurrency);

    let responsesStored = 0;
    let cursor: string | undefined;
    do {
      const page = await counting.store.responses.listByQuestionnaire(questionnaire.id, { limit: 100, cursor });
      responsesStored += page.items.length;
      cursor = page.next;
    } while (cursor);

    return {
      coreJsLoaded: coreJsLoaded(),
      answers: measured.length,
      concurrency,
      warmupAnswers: WARMUP_ANSWERS,
      answersPerSecond: summarize(roundRates, 1),
      answersPerSecondOverall: round(measured.length / (elapsedMs / 1000), 1),
      latencyMs: summarize(latencies),
      outcomes,
      responsesStored,
      writesPerAnswer: round(requests.writes / measured.length, 3),
      readsPerAnswer: round(requests.reads / measured.length, 3),
      requests,
      botApiCallsPerAnswer: Object.fromEntries(
        Object.entries(callsAfter)
          .map(([method, n]) => [method, round((n - (callsBefore[method] ?? 0)) / measured.length, 2)] as const)
          .filter(([, perAnswer]) => perAnswer > 0),
      ),
      processCpuPercent: round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 100, 1),
      peer,
      storeBaseline: await storeBaseline(
        counting.store,
        seeded.map((s) => s.id),
        concurrency,
      ),
    };
  } finally {
    await sim.stop();
    await counting.close();
  }
}

/** The peer: what a developer would write first, measured like ours (warm-up, rounds, latency per update). */
async function benchPeer(
  token: string,
  apiRoot: string,
  botInfo: NonNullable<Telegraf['botInfo']>,
  updates: unknown[],
  concurrency: number,
): Promise<AnswersResults['peer']> {
  const store = await startTestStore({ tableName: 'porte-voix-bench-peer' });
  const peer = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });
  peer.botInfo = botInfo;
  peer.action(/^a:/, async (ctx) => {
    await store.client.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { pk: `ANSWER#${ctx.chat!.id}`, sk: ctx.match.input, at: new Date().toISOString() },
      }),
    );
    await ctx.answerCbQuery('Réponse enregistrée');
  });
  const outcomes: Record<string, number> = {};
  const handle = async (update: unknown) => {
    let outcome = 'handled';
    try {
      await peer.handleUpdate(update as Update);
    } catch (error) {
      outcome = `threw ${(error as Error).name}`;
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  };
  try {
    await forEachConcurrently(updates.slice(0, WARMUP_ANSWERS), concurrency, handle);
    for (const key of Object.keys(outcomes)) delete outcomes[key];
    const measured = updates.slice(WARMUP_ANSWERS);
    const { latencies, roundRates } = await measureRounds(measured, concurrency, handle);
    return { answersPerSecond: summarize(roundRates, 1), latencyMs: summarize(latencies), outcomes };
  } finally {
    await store.close();
  }
}

async function storeBaseline(
  store: Awaited<ReturnType<typeof startCountingStore>>['store'],
  ids: string[],
  concurrency: number,
) {
  const sample = ids.slice(0, 400);
  const sequential: number[] = [];
  for (const id of sample.slice(0, 200)) {
    const t = performance.now();
    await store.subscribers.get(id);
    sequential.push(performance.now() - t);
  }
  const started = performance.now();
  await forEachConcurrently(sample, concurrency, async (id) => void (await store.subscribers.get(id)));
  return {
    sequentialGetMs: summarize(sequential),
    getsPerSecondInFlight: round(sample.length / ((performance.now() - started) / 1000), 0),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    JSON.stringify(await benchAnswers({ withTwitterText: process.argv.includes('--with-twitter-text') }), null, 2),
  );
}

/** Handles `updates` in ROUNDS consecutive rounds, `concurrency` at once: each update's latency and each round's rate. */
async function measureRounds<U>(updates: readonly U[], concurrency: number, handle: (update: U) => Promise<unknown>) {
  const latencies: number[] = [];
  const roundRates: number[] = [];
  const perRound = Math.ceil(updates.length / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    const slice = updates.slice(r * perRound, (r + 1) * perRound);
    const roundStarted = performance.now();
    await forEachConcurrently(slice, concurrency, async (update) => {
      const t = performance.now();
      await handle(update);
      latencies.push(performance.now() - t);
    });
    roundRates.push(slice.length / ((performance.now() - roundStarted) / 1000));
  }
  return { latencies, roundRates };
}
