// Benchmark: a campaign's Telegram fan-out through the real delivery path of the local runtime
// (functions/local/delivery.ts: dispatch ticker → in-process queue → processSendJob → telegraf
// sender → Telegram simulator over HTTP; X to the outbox, the feeds item), on the embedded store.
// Measures the sustained send rate against the ceiling, the 429s it provokes, duplicates, lost
// messages, and DynamoDB writes per delivered message. Runs alone with `npx tsx bench/fanout.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '#config';
import { startLocalDelivery } from '#local/delivery';
import { type SimulatorStats, createTelegramSimulator } from '#local/telegram-simulator/index';
import type { Campaign } from '#core/campaigns/campaign';
import { createCampaign } from '#core/campaigns/use-cases';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import { type RequestCounts, startCountingStore } from './counting-store';
import {
  BENCH_AGENT,
  BENCH_MESSAGE,
  benchCore,
  createBenchQuestionnaire,
  seedSubscribers,
  silentLogger,
} from './scenario';
import { round, summarize, waitFor } from './stats';

export interface FanoutRunOptions {
  subscribers: number;
  /** The simulator's global limit (Telegram: 30/s; 1,000/s with allow_paid_broadcast). */
  ceilingPerSecond: number;
  /** TELEGRAM_MAX_PER_SECOND given to the sender (the product's own pace). */
  senderPerSecond: number;
  label: string;
}

export interface FanoutRun {
  label: string;
  subscribers: number;
  ceilingPerSecond: number;
  senderPerSecond: number;
  /** Seconds from the campaign's sendAt to its first message accepted by Telegram. */
  firstSendAfterDueS: number;
  /** Seconds from first to last message accepted. */
  sendingS: number;
  /** Accepted messages per second from first to last send, and over the middle 80 % (10 %→90 % of the messages). */
  ratePerSecond: { overall: number; steadyMiddle: number; windows5s: ReturnType<typeof summarize> };
  /** Messages per second in consecutive 10-second stretches from the first send: shows a rate that drifts as the ledger grows. */
  ratePer10s: number[];
  shareOfCeiling: { overall: number; steadyMiddle: number };
  peakSentPerSecond: number;
  sent: number;
  rejected429: number;
  rejected429ByScope: SimulatorStats['rejected429ByScope'];
  /** rejected429 / (sent + rejected429): the share of send requests Telegram answered 429. */
  share429: number;
  /** Bot messages repeating a content already sent to that chat (duplicates). */
  repeatedContents: number;
  /** Subscribers without exactly one message. */
  lost: number;
  /** Most messages any one chat received (one campaign: 1). */
  maxMessagesPerChat: number;
  campaign: { status: string; counts: unknown; recipientCount?: number };
  /** Writes from dispatch to the campaign's `sent`, per Telegram message delivered. */
  writesPerDelivered: number;
  readsPerDelivered: number;
  requests: RequestCounts;
  /** CPU used by this whole process (store, simulator and product together) during the sending, in % of one core. */
  processCpuPercent: number;
}

const PERIOD_MS = 100;

/** A scheduled campaign on every channel, with the questionnaire's first question under its text, due `sendInMs` from now. */
async function scheduleBenchCampaign(core: CampaignDeps, sendInMs: number): Promise<Campaign> {
  const questionnaire = await createBenchQuestionnaire(core);
  return createCampaign(
    core,
    BENCH_AGENT,
    {
      message: BENCH_MESSAGE,
      channels: ['telegram', 'x', 'feeds'],
      audience: { kind: 'everyone' },
      questionnaireId: questionnaire.id,
      sendAt: new Date(Date.now() + sendInMs).toISOString(),
    },
    { schedule: true },
  );
}

export async function runFanout(options: FanoutRunOptions): Promise<FanoutRun> {
  const { subscribers: n } = options;
  const sim = createTelegramSimulator({
    rateLimits: { perSecond: options.ceilingPerSecond, perChatPerSecond: 1 },
    autoCreateChats: true,
  });
  const apiRoot = await sim.start();
  const counting = await startCountingStore({ tableName: 'porte-voix-bench-fanout' });
  const core = benchCore(counting.store);
  const logger = silentLogger();
  try {
    await seedSubscribers(counting.store, n);
    const campaign = await scheduleBenchCampaign(core, 1500);
    counting.reset();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const config = loadConfig({ TELEGRAM_MAX_PER_SECOND: String(options.senderPerSecond), LOG_LEVEL: 'SILENT' });
    const delivery = await startLocalDelivery(
      config,
      core,
      logger,
      { token: sim.token, apiRoot },
      { dispatchEveryMs: 100, publicUrl: () => 'https://porte-voix.example' },
    );

    // The simulator's counter, sampled: the series gives the rate over any stretch of the run.
    const samples: { at: number; sent: number }[] = [];
    const sampler = setInterval(() => samples.push({ at: Date.now(), sent: sim.stats().sent }), PERIOD_MS);
    const expectedS = n / Math.min(options.ceilingPerSecond, options.senderPerSecond);
    let finished: Campaign;
    try {
      await waitFor(
        'every message to be accepted by the simulator',
        () => (sim.stats().sent >= n ? true : undefined),
        (expectedS * 2 + 60) * 1000,
        200,
      );
      finished = await waitFor(
        'the campaign to be finalized',
        async () => {
          const c = await counting.store.campaigns.get(campaign.id);
          return c && c.status !== 'sending' && c.status !== 'scheduled' ? c : undefined;
        },
        30_000,
        250,
      );
    } finally {
      clearInterval(sampler);
      await delivery.stop();
    }
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    const requests = counting.counts();
    const stats = sim.stats();
    const perChat = sim.chats().map((c) => c.messages);

    const first = stats.firstSentAtMs!;
    const last = stats.lastSentAtMs!;
    const sendingS = (last - first) / 1000;
    const overall = (stats.sent - 1) / Math.max(sendingS, 1e-9);
    const steadyMiddle = rateBetween(samples, 0.1 * n, 0.9 * n);
    const windows = windowRates(
      samples.filter((s) => s.at >= first && s.at <= last),
      5000,
    );
    return {
      label: options.label,
      subscribers: n,
      ceilingPerSecond: options.ceilingPerSecond,
      senderPerSecond: options.senderPerSecond,
      firstSendAfterDueS: round((first - Date.parse(campaign.sendAt)) / 1000),
      sendingS: round(sendingS),
      ratePerSecond: { overall: round(overall), steadyMiddle: round(steadyMiddle), windows5s: summarize(windows) },
      ratePer10s: consecutiveRates(
        samples.filter((s) => s.at >= first && s.at <= last),
        10_000,
      ),
      shareOfCeiling: {
        overall: round(overall / options.ceilingPerSecond, 4),
        steadyMiddle: round(steadyMiddle / options.ceilingPerSecond, 4),
      },
      peakSentPerSecond: stats.peakSentPerSecond,
      sent: stats.sent,
      rejected429: stats.rejected429,
      rejected429ByScope: stats.rejected429ByScope,
      share429: round(stats.rejected429 / Math.max(1, stats.sent + stats.rejected429), 5),
      repeatedContents: stats.repeatedContents,
      lost: n - perChat.filter((m) => m === 1).length,
      maxMessagesPerChat: Math.max(0, ...perChat),
      campaign: { status: finished.status, counts: finished.counts, recipientCount: finished.recipientCount },
      writesPerDelivered: round(requests.writes / Math.max(1, stats.sent), 3),
      readsPerDelivered: round(requests.reads / Math.max(1, stats.sent), 3),
      requests,
      processCpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 1),
    };
  } finally {
    await sim.stop();
    await counting.close();
  }
}

/** Messages per second between the moments the counter passed `from` and `to` (linear between samples). */
function rateBetween(samples: { at: number; sent: number }[], from: number, to: number): number {
  const when = (count: number) => {
    const i = samples.findIndex((s) => s.sent >= count);
    if (i <= 0) return samples[Math.max(0, i)]?.at ?? Number.NaN;
    const a = samples[i - 1]!;
    const b = samples[i]!;
    return a.at + ((count - a.sent) / Math.max(1, b.sent - a.sent)) * (b.at - a.at);
  };
  return (to - from) / ((when(to) - when(from)) / 1000);
}

/** The rate over every window of `spanMs` starting at each sample (sliding), within the sending. */
function windowRates(samples: { at: number; sent: number }[], spanMs: number): number[] {
  const rates: number[] = [];
  let j = 0;
  for (let i = 0; i < samples.length; i++) {
    while (j < samples.length && samples[j]!.at - samples[i]!.at < spanMs) j++;
    if (j >= samples.length) break;
    rates.push(((samples[j]!.sent - samples[i]!.sent) * 1000) / (samples[j]!.at - samples[i]!.at));
  }
  return rates;
}

/** The rate over consecutive, non-overlapping stretches of `spanMs`. */
function consecutiveRates(samples: { at: number; sent: number }[], spanMs: number): number[] {
  const rates: number[] = [];
  let from = samples[0];
  for (const sample of samples) {
    if (!from || sample.at - from.at < spanMs) continue;
    rates.push(round(((sample.sent - from.sent) * 1000) / (sample.at - from.at)));
    from = sample;
  }
  return rates;
}

/** Whether the Telegram sender can ask for paid broadcast (the Bot API's `allow_paid_broadcast`). */
export const senderSupportsPaidBroadcast = () =>
  readFileSync(
    join(fileURLToPath(new URL('../', import.meta.url)), 'functions/adapters/telegram/sender.ts'),
    'utf8',
  ).includes('allow_paid_broadcast');

export const DEFAULT_SUBSCRIBERS = 3000;
/** The capacity run sends at most this many: it only has to reach a steady state. */
const CAPACITY_SUBSCRIBERS = 2000;

export interface FanoutResults {
  standard: FanoutRun;
  paidBroadcast: { supported: boolean; note: string };
  /** The send path with the ceiling raised to 1,000/s in the simulator and the sender: what paid broadcast could reach once the sender asks for it. */
  capacityAt1000: FanoutRun;
}

export async function benchFanout(
  subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? DEFAULT_SUBSCRIBERS),
): Promise<FanoutResults> {
  const standard = await runFanout({ subscribers, ceilingPerSecond: 30, senderPerSecond: 30, label: '30/s ceiling' });
  const supported = senderSupportsPaidBroadcast();
  const capacityAt1000 = await runFanout({
    subscribers: Math.min(subscribers, CAPACITY_SUBSCRIBERS),
    ceilingPerSecond: 1000,
    senderPerSecond: 1000,
    label: '1,000/s ceiling (paid broadcast emulated)',
  });
  return {
    standard,
    paidBroadcast: {
      supported,
      note: supported
        ? 'the sender mentions allow_paid_broadcast: wire a paid-broadcast run here'
        : "not supported yet: functions/adapters/telegram/sender.ts never sends allow_paid_broadcast, so Telegram (and the simulator) would hold it to 30/s. capacityAt1000 raises the simulator's plain limit to 1,000/s instead, to show what the rest of the send path could do",
    },
    capacityAt1000,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchFanout(), null, 2));
}
