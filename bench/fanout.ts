// Benchmark: a campaign's Telegram fan-out through the real delivery path of the local runtime
// (functions/local/delivery.ts: dispatch ticker → in-process queue → processSendJob → telegraf
// sender → Telegram simulator over HTTP; X to the outbox, the feeds item), on the embedded store.
// Measures the sustained send rate against the ceiling, the 429s it provokes, duplicates, lost
// messages, and DynamoDB writes per delivered message; at 30/s and in paid broadcast (1,000/s), each
// beside its peer (peer-grammy.ts) on the same strict simulator and ceiling. Runs alone with
// `npx tsx bench/fanout.ts`.
import { pathToFileURL } from 'node:url';
import { loadConfig } from '#config';
import { startLocalDelivery } from '#local/delivery';
import { createTelegramSimulator } from '#local/telegram-simulator/index';
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
import { type SendFigures, sampleSends, sendFigures } from './fanout-measure';
import { type PeerRun, runPeerGrammy } from './peer-grammy';
import { round, waitFor } from './stats';

export interface FanoutRunOptions {
  subscribers: number;
  /** The simulator's global limit for the run's sends (Telegram: 30/s; 1,000/s with allow_paid_broadcast). */
  ceilingPerSecond: number;
  /** The campaign is a paid broadcast: every message carries allow_paid_broadcast. */
  paidBroadcast: boolean;
  label: string;
}

export interface FanoutRun extends SendFigures {
  label: string;
  paidBroadcast: boolean;
  /** Seconds from the campaign's sendAt to its first message accepted by Telegram. */
  firstSendAfterDueS: number;
  campaign: { status: string; counts: unknown; recipientCount?: number };
  /** Writes from dispatch to the campaign's `sent`, per Telegram message delivered. */
  writesPerDelivered: number;
  readsPerDelivered: number;
  requests: RequestCounts;
  /** CPU used by this whole process (store, simulator and product together) during the sending, in % of one core. */
  processCpuPercent: number;
  /** That CPU per message accepted, in ms: what bounds the rate on a machine whose cores are shared. */
  cpuMsPerMessage: number;
}

/** A scheduled campaign on every channel, with the questionnaire's first question under its text, due `sendInMs` from now. */
async function scheduleBenchCampaign(core: CampaignDeps, sendInMs: number, paidBroadcast: boolean): Promise<Campaign> {
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
      ...(paidBroadcast ? { paidBroadcast: true } : {}),
    },
    { schedule: true },
  );
}

/** The simulator as strict as Telegram is said to be: 30/s, 1,000/s paid, 1/s per chat, rolling windows. */
export const strictSimulator = (ceilingPerSecond: number, paidBroadcast: boolean) =>
  createTelegramSimulator({
    rateLimits: {
      perSecond: paidBroadcast ? 30 : ceilingPerSecond,
      paidPerSecond: paidBroadcast ? ceilingPerSecond : 1000,
      perChatPerSecond: 1,
    },
    autoCreateChats: true,
  });

export async function runFanout(options: FanoutRunOptions): Promise<FanoutRun> {
  const { subscribers: n } = options;
  const sim = strictSimulator(options.ceilingPerSecond, options.paidBroadcast);
  const apiRoot = await sim.start();
  const counting = await startCountingStore({ tableName: 'porte-voix-bench-fanout' });
  const core = benchCore(counting.store);
  const logger = silentLogger();
  try {
    await seedSubscribers(counting.store, n);
    const campaign = await scheduleBenchCampaign(core, 1500, options.paidBroadcast);
    counting.reset();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const perSecond = options.paidBroadcast ? 30 : options.ceilingPerSecond;
    const config = loadConfig({ TELEGRAM_MAX_PER_SECOND: String(perSecond), LOG_LEVEL: 'SILENT' });
    const delivery = await startLocalDelivery(
      config,
      core,
      logger,
      { token: sim.token, apiRoot },
      { dispatchEveryMs: 100, publicUrl: () => 'https://porte-voix.example' },
    );
    const sampler = sampleSends(sim);
    let finished: Campaign;
    try {
      await waitFor(
        'every message to be accepted by the simulator',
        () => (sim.stats().sent >= n ? true : undefined),
        ((n / options.ceilingPerSecond) * 3 + 120) * 1000,
        200,
      );
      finished = await waitFor(
        'the campaign to be finalized',
        async () => {
          const c = await counting.store.campaigns.get(campaign.id);
          return c && c.status !== 'sending' && c.status !== 'scheduled' ? c : undefined;
        },
        60_000,
        250,
      );
    } finally {
      await delivery.stop();
    }
    const samples = sampler.stop();
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    const requests = counting.counts();
    const figures = sendFigures(sim, samples, n, options.ceilingPerSecond);
    return {
      label: options.label,
      paidBroadcast: options.paidBroadcast,
      ...figures,
      firstSendAfterDueS: round(((sim.stats().firstSentAtMs ?? Number.NaN) - Date.parse(campaign.sendAt)) / 1000),
      campaign: { status: finished.status, counts: finished.counts, recipientCount: finished.recipientCount },
      writesPerDelivered: round(requests.writes / Math.max(1, figures.sent), 3),
      readsPerDelivered: round(requests.reads / Math.max(1, figures.sent), 3),
      requests,
      processCpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 1),
      cpuMsPerMessage: round((cpu.user + cpu.system) / 1000 / Math.max(1, figures.sent), 2),
    };
  } finally {
    await sim.stop();
    await counting.close();
  }
}

const DEFAULT_SUBSCRIBERS = 3000;
/** The paid-broadcast run only has to reach its steady state: at most this many (BENCH_PAID_SUBSCRIBERS). */
const PAID_SUBSCRIBERS = 3000;
/**
 * The peer sends paid broadcasts at its throttler's default pace (30/s): over a whole audience it
 * would take minutes to say so. It sends to at most this many (the table says how many).
 */
const PEER_PAID_SUBSCRIBERS = 1000;

export interface FanoutResults {
  standard: FanoutRun;
  paidBroadcast: FanoutRun;
  /** The same fan-outs by the peer a developer would pick, on the same strict simulator and ceiling. */
  peer: { standard: PeerRun; paidBroadcast: PeerRun };
}

export async function benchFanout(
  subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? DEFAULT_SUBSCRIBERS),
): Promise<FanoutResults> {
  const standard = await runFanout({ subscribers, ceilingPerSecond: 30, paidBroadcast: false, label: '30/s' });
  const peerStandard = await runPeerGrammy({ subscribers, ceilingPerSecond: 30, paidBroadcast: false });
  const paidBroadcast = await runFanout({
    subscribers: Math.min(subscribers, Number(process.env.BENCH_PAID_SUBSCRIBERS ?? PAID_SUBSCRIBERS)),
    ceilingPerSecond: 1000,
    paidBroadcast: true,
    label: 'paid broadcast, 1,000/s',
  });
  const peerPaid = await runPeerGrammy({
    subscribers: Math.min(subscribers, PEER_PAID_SUBSCRIBERS),
    ceilingPerSecond: 1000,
    paidBroadcast: true,
  });
  return { standard, paidBroadcast, peer: { standard: peerStandard, paidBroadcast: peerPaid } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchFanout(), null, 2));
}
