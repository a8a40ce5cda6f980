// Counters a benchmark reads to judge a sender: how much got through, how many 429s it provoked and why,
// how fast it went at its peak, and traces of duplicates (the same content sent twice to one chat).

export interface SimulatorStats {
  /** Messages the simulator accepted from the bot (sendMessage, sendPhoto). */
  sent: number;
  edited: number;
  deleted: number;
  rejected429: number;
  rejected429ByScope: { global: number; chat: number; injected: number };
  /** Bot API calls by method name, successful or not. */
  byMethod: Record<string, { ok: number; failed: number }>;
  /** Failed Bot API calls by error_code (400, 403, 429, 5xx from faults…). */
  errorsByCode: Record<string, number>;
  /** Most sends accepted within any rolling second. */
  peakSentPerSecond: number;
  firstSentAtMs?: number;
  lastSentAtMs?: number;
  /** Bot messages whose text (or photo and caption) repeats one the bot already sent to the same chat. */
  repeatedContents: number;
  faultsApplied: number;
  updates: {
    created: number;
    delivered: number;
    redelivered: number;
    webhookAttempts: number;
    webhookFailures: number;
    pending: number;
  };
  /** Methods the bot answered in its webhook response body (telegraf's webhookReply), and those Telegram rejected. */
  webhookReplies: { executed: number; failed: number };
}

export type StatsRecorder = Omit<SimulatorStats, 'peakSentPerSecond' | 'updates'> & {
  updates: Omit<SimulatorStats['updates'], 'pending'>;
};

export function newStats(): StatsRecorder {
  return {
    sent: 0,
    edited: 0,
    deleted: 0,
    rejected429: 0,
    rejected429ByScope: { global: 0, chat: 0, injected: 0 },
    byMethod: {},
    errorsByCode: {},
    repeatedContents: 0,
    faultsApplied: 0,
    updates: { created: 0, delivered: 0, redelivered: 0, webhookAttempts: 0, webhookFailures: 0 },
    webhookReplies: { executed: 0, failed: 0 },
  };
}

export function countCall(stats: StatsRecorder, method: string, errorCode?: number) {
  const entry = (stats.byMethod[method] ??= { ok: 0, failed: 0 });
  if (errorCode === undefined) {
    entry.ok++;
    return;
  }
  entry.failed++;
  stats.errorsByCode[errorCode] = (stats.errorsByCode[errorCode] ?? 0) + 1;
  if (errorCode === 429) stats.rejected429++;
}

export function countSent(stats: StatsRecorder, nowMs: number) {
  stats.sent++;
  stats.firstSentAtMs ??= nowMs;
  stats.lastSentAtMs = nowMs;
}
