// Every line Powertools prints (Logger's JSON lines, Metrics' EMF documents), captured for a verdict:
// in dev mode both print through the global console, which is where they are caught. Metrics are
// kept on (dev mode would turn them off): what is counted is part of the verdict.
import { vi } from 'vitest';

export interface CapturedLogs {
  /** Every line printed so far (JSON text). */
  lines: string[];
  /** The log lines whose message is `message`, parsed. */
  withMessage(message: string): Record<string, unknown>[];
  /** The EMF documents that carry `metric`, parsed. */
  metric(metric: string): Record<string, unknown>[];
  restore(): void;
}

export function captureLogs(): CapturedLogs {
  vi.stubEnv('POWERTOOLS_DEV', 'true');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const lines: string[] = [];
  const spies = (['log', 'debug', 'info', 'warn', 'error'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  const parsed = () =>
    lines.flatMap((l) => (l.trimStart().startsWith('{') ? [JSON.parse(l) as Record<string, unknown>] : []));
  return {
    lines,
    withMessage: (message) => parsed().filter((l) => l.message === message),
    metric: (metric) => parsed().filter((l) => '_aws' in l && metric in l),
    restore() {
      for (const spy of spies) spy.mockRestore();
      vi.unstubAllEnvs();
    },
  };
}
