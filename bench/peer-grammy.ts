// The peer a developer would pick for a Telegram broadcast: grammY with its throttler
// (@grammyjs/transformer-throttler) and auto-retry (@grammyjs/auto-retry) plugins, both with their
// defaults, sending the campaign's message (as Porte-voix renders it, buttons included) to every chat
// at once and letting the plugins pace and retry. Same strict simulator, same ceiling, same audience
// and the same measurement as Porte-voix's own run (fanout-measure.ts): the table shows the ratio.
// It keeps no ledger and writes nothing to a store: what it costs is the sends alone.
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot } from 'grammy';
import { renderCampaignMessage } from '#adapters/telegram/campaign-message';
import { type SendFigures, sampleSends, sendFigures } from './fanout-measure';
import { strictSimulator } from './fanout';
import { BENCH_MESSAGE } from './scenario';
import { round } from './stats';

export interface PeerRunOptions {
  subscribers: number;
  ceilingPerSecond: number;
  paidBroadcast: boolean;
}

export interface PeerRun extends SendFigures {
  label: string;
  paidBroadcast: boolean;
  /** Sends that ended in an error (after the auto-retry plugin gave up, if it did). */
  failed: number;
  processCpuPercent: number;
}

export async function runPeerGrammy(options: PeerRunOptions): Promise<PeerRun> {
  const n = options.subscribers;
  const sim = strictSimulator(options.ceilingPerSecond, options.paidBroadcast);
  const apiRoot = await sim.start();
  try {
    const bot = new Bot(sim.token, { client: { apiRoot } });
    bot.api.config.use(apiThrottler());
    bot.api.config.use(autoRetry());
    // The campaign as the French reader gets it; the buttons stand for the questionnaire's first question.
    const message = renderCampaignMessage({ message: BENCH_MESSAGE }, 'fr');
    const keyboard = {
      inline_keyboard: [
        ['L’insécurité', 'La météo', 'La distance', 'Le stationnement'].map((text, i) => ({
          text,
          callback_data: `a:bench:frein:${i}`,
        })),
      ],
    };
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const sampler = sampleSends(sim);
    let failed = 0;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        bot.api
          .sendMessage(i + 1, message.html, {
            parse_mode: 'HTML',
            reply_markup: keyboard,
            ...(options.paidBroadcast ? { allow_paid_broadcast: true } : {}),
          })
          .catch(() => void failed++),
      ),
    );
    const samples = sampler.stop();
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    return {
      label: `grammY + throttler + auto-retry${options.paidBroadcast ? ', paid broadcast' : ''}`,
      paidBroadcast: options.paidBroadcast,
      ...sendFigures(sim, samples, n, options.ceilingPerSecond),
      failed,
      processCpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 1),
    };
  } finally {
    await sim.stop();
  }
}
