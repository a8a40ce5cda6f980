// What the fan-out benchmarks read from the Telegram simulator, the same way for Porte-voix and for
// its peer (peer-grammy.ts): the accepted-send counter sampled every 100 ms, then the rate over the
// whole sending and over its steady middle, the 429s by scope, duplicates and lost messages.
import type { TelegramSimulator, SimulatorStats } from '#local/telegram-simulator/index';
import { round, summarize } from './stats';

const PERIOD_MS = 100;

export interface Sample {
  at: number;
  sent: number;
}

/** Samples the simulator's accepted sends until `stop()`, which answers the series. */
export function sampleSends(sim: TelegramSimulator): { stop(): Sample[] } {
  const samples: Sample[] = [];
  const timer = setInterval(() => samples.push({ at: Date.now(), sent: sim.stats().sent }), PERIOD_MS);
  return {
    stop() {
      clearInterval(timer);
      samples.push({ at: Date.now(), sent: sim.stats().sent });
      return samples;
    },
  };
}

export interface SendFigures {
  subscribers: number;
  ceilingPerSecond: number;
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
}

/** The figures of a fan-out of `n` messages, from the simulator's counters and the sampled series. */
export function sendFigures(
  sim: TelegramSimulator,
  samples: Sample[],
  n: number,
  ceilingPerSecond: number,
): SendFigures {
  const stats = sim.stats();
  const perChat = sim.chats().map((c) => c.messages);
  const first = stats.firstSentAtMs ?? Number.NaN;
  const last = stats.lastSentAtMs ?? Number.NaN;
  const sendingS = (last - first) / 1000;
  const overall = (stats.sent - 1) / Math.max(sendingS, 1e-9);
  const steadyMiddle = rateBetween(samples, 0.1 * n, 0.9 * n);
  const during = samples.filter((s) => s.at >= first && s.at <= last);
  return {
    subscribers: n,
    ceilingPerSecond,
    sendingS: round(sendingS),
    ratePerSecond: {
      overall: round(overall),
      steadyMiddle: round(steadyMiddle),
      windows5s: summarize(windowRates(during, 5000)),
    },
    ratePer10s: consecutiveRates(during, 10_000),
    shareOfCeiling: {
      overall: round(overall / ceilingPerSecond, 4),
      steadyMiddle: round(steadyMiddle / ceilingPerSecond, 4),
    },
    peakSentPerSecond: stats.peakSentPerSecond,
    sent: stats.sent,
    rejected429: stats.rejected429,
    rejected429ByScope: stats.rejected429ByScope,
    share429: round(stats.rejected429 / Math.max(1, stats.sent + stats.rejected429), 5),
    repeatedContents: stats.repeatedContents,
    lost: n - perChat.filter((m) => m === 1).length,
    maxMessagesPerChat: Math.max(0, ...perChat),
  };
}

/** Messages per second between the moments the counter passed `from` and `to` (linear between samples). */
function rateBetween(samples: Sample[], from: number, to: number): number {
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
function windowRates(samples: Sample[], spanMs: number): number[] {
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
function consecutiveRates(samples: Sample[], spanMs: number): number[] {
  const rates: number[] = [];
  let from = samples[0];
  for (const sample of samples) {
    if (!from || sample.at - from.at < spanMs) continue;
    rates.push(round(((sample.sent - from.sent) * 1000) / (sample.at - from.at)));
    from = sample;
  }
  return rates;
}
