// `npm run bench`: measures Porte-voix against the performance and cost targets of DESIGN.md — Lambda
// cold start, feeds, Telegram fan-out, answer ingestion — prints one table with ✅/❌ per target and
// writes every figure and the table to bench/results/<start time>.json and .txt. The fan-out runs its
// peer (grammY with its throttler and auto-retry) in the same invocation: the table shows the ratio.
// A missed target is a finding, not a failure: the exit code is 0 unless a part could not run. See
// docs/benchmarks.md.
//
//   BENCH_ONLY=lambda,feeds,fanout,answers   run some parts only (default: all, in this order)
//   BENCH_SUBSCRIBERS=10000                  fan-out audience (default 3,000; DESIGN asks 10,000: ~6 min, and as long for the peer)
//   BENCH_PAID_SUBSCRIBERS=3000              paid-broadcast audience, at most (default 3,000; the peer's: 1,000)
//   BENCH_ANSWERS=2000                       answers measured (default 2,000)
//   BENCH_ANSWER_CONCURRENCY=8               updates in flight (default 8)
//   BENCH_QUESTIONS=1                        answers bench: one question, so every answer completes a response
//   BENCH_RESULTS_POLICY=public_live         … and each completion shows the results card (30 s tally)
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnswersResults } from './answers';
import type { FanoutResults } from './fanout';
import type { FeedRevalidationResults } from './feed-revalidation';
import type { LambdaResults } from './lambda-bundles';
import { type TargetRow, printTable } from './report';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEBHOOK_SIZE_TARGET_KB = 600;
const WEBHOOK_INIT_TARGET_MS = 80;
/** DESIGN.md: telegraf alone, bundled and minified, inits in 41 ms on this machine. */
const DESIGN_TELEGRAF_INIT_MS = 41;
const DEFAULT_SUBSCRIBERS = 3000;

/**
 * Each part runs in a process of its own (this file with `--part`), so that no part inherits another's
 * modules, heap or globals. It matters: twitter-text's core-js, once loaded, slows every RegExp of the
 * process several times (scenario.ts `coreJsLoaded`), and the feeds and webhook Lambdas never load it.
 * The `*-core-js` runs measure the same thing with it loaded, as in the local runtime's single process.
 */
const RUNS = {
  lambda: async () => (await import('./lambda-bundles')).benchLambdaBundles(),
  feeds: async () => ({
    render: (await import('./feeds')).benchFeeds(),
    revalidation: await (await import('./feed-revalidation')).benchFeedRevalidation(),
  }),
  'feeds-core-js': async () => {
    await import('twitter-text');
    return { render: (await import('./feeds')).benchFeeds() };
  },
  fanout: async () => (await import('./fanout')).benchFanout(subscribers()),
  answers: async () => (await import('./answers')).benchAnswers(),
  'answers-core-js': async () =>
    (await import('./answers')).benchAnswers({ answers: CORE_JS_ANSWERS, withTwitterText: true }),
};
type Run = keyof typeof RUNS;
const CORE_JS_ANSWERS = 1000;
const subscribers = () => Number(process.env.BENCH_SUBSCRIBERS ?? DEFAULT_SUBSCRIBERS);

// ---- Part mode: run one part, write its result where the orchestrator reads it.

if (process.argv[2] === '--part') {
  const run = process.argv[3] as Run;
  const result = await RUNS[run]();
  writeFileSync(process.argv[4]!, JSON.stringify(result));
  process.exit(0);
}

// ---- Orchestrator.

const PARTS = {
  lambda: ['lambda'],
  feeds: ['feeds', 'feeds-core-js'],
  fanout: ['fanout'],
  answers: ['answers', 'answers-core-js'],
} satisfies Record<string, Run[]>;
type Part = keyof typeof PARTS;

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknownParts = only.filter((p) => !Object.hasOwn(PARTS, p));
if (unknownParts.length) {
  console.error(`BENCH_ONLY: unknown part(s) ${unknownParts.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
const selected = (Object.keys(PARTS) as Part[]).filter((p) => only.length === 0 || only.includes(p));

const machine = () => {
  const [one, five, fifteen] = loadavg().map((x) => Math.round(x * 100) / 100);
  return {
    at: new Date().toISOString(),
    loadAverage: { '1min': one!, '5min': five!, '15min': fifteen! },
    freeMemMB: Math.round(freemem() / 2 ** 20),
  };
};
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
})();

const start = machine();
const cpuList = cpus();
console.log(`Porte-voix benchmark — commit ${commit}, ${start.at}`);
console.log(
  `Machine: ${cpuList.length} × ${cpuList[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}; ` +
    `load average at start ${start.loadAverage['1min']} / ${start.loadAverage['5min']} / ${start.loadAverage['15min']} (1/5/15 min)`,
);
if (start.loadAverage['1min'] > cpuList.length * 0.5)
  console.log(
    `  ⚠ the machine is busy (load ${start.loadAverage['1min']} on ${cpuList.length} cores): timings will read high; rerun when it is quieter to compare.`,
  );
console.log(
  `Parts: ${selected.join(', ')}${selected.includes('fanout') ? ` (fan-out to ${subscribers().toLocaleString('en')} subscribers)` : ''}\n`,
);

interface RunOutcome {
  seconds: number;
  loadAtStart: ReturnType<typeof machine>['loadAverage'];
  result?: unknown;
  error?: string;
}
const outcomes: Partial<Record<Run, RunOutcome>> = {};
const scratch = join(REPO_ROOT, '.bench/parts');
mkdirSync(scratch, { recursive: true });

function runChild(run: Run): Promise<unknown> {
  const out = join(scratch, `${run}.json`);
  rmSync(out, { force: true });
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--part', run, out],
      { cwd: REPO_ROOT, maxBuffer: 64 << 20 },
      (error) => {
        if (error) return reject(new Error(`bench part ${run} failed: ${error.message}`, { cause: error }));
        try {
          resolve(JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      },
    );
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  });
}

for (const part of selected)
  for (const run of PARTS[part] as Run[]) {
    const load = machine().loadAverage;
    console.log(`▶ ${run} (load ${load['1min']}) …`);
    const started = performance.now();
    const seconds = () => Math.round((performance.now() - started) / 100) / 10;
    try {
      outcomes[run] = { result: await runChild(run), seconds: seconds(), loadAtStart: load };
    } catch (error) {
      outcomes[run] = { error: (error as Error).message, seconds: seconds(), loadAtStart: load };
      console.error(`  ✖ ${run} could not run: ${(error as Error).message.split('\n')[0]}`);
    }
    console.log(`  done in ${outcomes[run].seconds} s`);
  }

// ---- The targets of DESIGN.md, each with what was measured.

const rows: TargetRow[] = [];
const ms = (x: number) => `${x} ms`;
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
const resultOf = <T>(run: Run): T | undefined => outcomes[run]?.result as T | undefined;

// ---- F's rows (issue #10 items 7–8): the webhook's init and the answers, each with its target and
// its peer as a ratio, measured in the same run. Kept in one block for the merge.

/** The peer's figure over ours, as « ×1.8 »: > 1 means the peer is that many times faster or smaller. */
const oursOverPeer = (peer: number, ours: number) => `×${(ours / peer).toFixed(2)}`;

function lambdaRows() {
  const r = resultOf<LambdaResults>('lambda');
  if (!r) return;
  const webhook = r.bundles.find((b) => b.name === 'telegram-webhook')!;
  const before = r.bundles.find((b) => b.name === 'telegram-webhook-before');
  rows.push({
    part: 'Lambda',
    what: 'webhook bundle, minified (AWS SDK clients bundled)',
    target: `≤ ${WEBHOOK_SIZE_TARGET_KB} KB`,
    measured: `${webhook.sizeKB} KB${before ? ` (SDK external: ${before.sizeKB} KB)` : ''}`,
    pass: webhook.sizeKB <= WEBHOOK_SIZE_TARGET_KB,
  });
  const init = (name: string, variant: string) => r.init.find((i) => i.name === name && i.variant.startsWith(variant));
  const ready = init('telegram-webhook', 'as deployed, to handler ready');
  const telegraf = init('reference-telegraf', 'peer');
  if (ready && telegraf)
    rows.push({
      part: 'Lambda',
      what: 'webhook init to handler ready (no secret read at init since #12) vs telegraf alone',
      target: `≤ ${WEBHOOK_INIT_TARGET_MS} ms`,
      measured: `${ms(ready.importMs.median)} (p95 ${ready.importMs.p95}); telegraf ${ms(telegraf.importMs.median)}: ${oursOverPeer(telegraf.importMs.median, ready.importMs.median)}`,
      pass: ready.verified && ready.importMs.median <= WEBHOOK_INIT_TARGET_MS,
      note: ready.verified ? `load ${loadavg()[0]!.toFixed(1)}` : 'did not load',
    });
  const previous = init('telegram-webhook-before', 'before');
  if (previous)
    rows.push({
      part: 'Lambda',
      what: '  same, settings before #10 (SDK external, map parsed at load)',
      target: '',
      measured: `${ms(previous.importMs.median)} (p95 ${previous.importMs.p95})`,
      pass: null,
    });
  const toSecret = init('telegram-webhook', 'as deployed (--enable');
  if (toSecret)
    rows.push({
      part: 'Lambda',
      what: '  webhook module load, no network',
      target: '',
      measured: `${ms(toSecret.importMs.median)} (p95 ${toSecret.importMs.p95})`,
      pass: null,
      note: toSecret.verified ? undefined : 'stop point not verified',
    });
  const sdk = r.init.find((i) => i.name === 'sdk-imports-of-webhook');
  if (sdk)
    rows.push({
      part: 'Lambda',
      what: "  the webhook's SDK clients as the runtime provides them, alone",
      target: '',
      measured: `${ms(sdk.importMs.median)} (p95 ${sdk.importMs.p95})`,
      pass: null,
    });
  const telegrafBundle = r.bundles.find((b) => b.name === 'reference-telegraf');
  if (telegraf && telegrafBundle)
    rows.push({
      part: 'Lambda',
      what: '  calibration: telegraf alone (DESIGN: 408 KB, 41 ms)',
      target: '',
      measured: `${telegrafBundle.sizeKB} KB, ${ms(telegraf.importMs.median)} (×${(telegraf.importMs.median / DESIGN_TELEGRAF_INIT_MS).toFixed(2)} DESIGN's)`,
      pass: null,
    });
  for (const b of r.bundles.filter(
    (b) =>
      !['telegram-webhook', 'telegram-webhook-before', 'sdk-imports-of-webhook', 'reference-telegraf'].includes(b.name),
  )) {
    const other = r.init.find((i) => i.name === b.name);
    rows.push({
      part: 'Lambda',
      what: `  ${b.name}: size, init`,
      target: '',
      measured: `${b.sizeKB} KB, ${other ? ms(other.importMs.median) : '—'}`,
      pass: null,
    });
  }
}

type Render = Record<string, unknown>;
const renderFigures = (render: Render) => {
  const formats = ['rss', 'atom', 'json'].map((f) => render[f] as { medianMs: number; p95Ms: number });
  return {
    formats,
    text: `${formats.map((v) => v.medianMs).join(' / ')} ms (p95 ${formats.map((v) => v.p95Ms).join(' / ')})`,
  };
};

function feedRows() {
  const r = resultOf<{ render: Render; revalidation: FeedRevalidationResults }>('feeds');
  if (r) {
    const { formats, text } = renderFigures(r.render);
    rows.push({
      part: 'Feeds',
      what: '1,000-item feed render (rss / atom / json)',
      target: '≤ 20 ms',
      measured: text,
      pass: formats.every((v) => v.medianMs <= 20),
    });
    const v = r.revalidation;
    const all304 =
      v.firstStatus === 200 && Object.keys(v.conditionalStatuses).join() === '304' && v.ifModifiedSinceStatus === 304;
    rows.push({
      part: 'Feeds',
      what: '304 on unchanged (If-None-Match, If-Modified-Since)',
      target: '304',
      measured: `${Object.entries(v.conditionalStatuses)
        .map(([status, n]) => `${n}× ${status}`)
        .join(', ')}, IMS ${v.ifModifiedSinceStatus}; ${ms(v.notModifiedMs.median)} (p95 ${v.notModifiedMs.p95})`,
      pass: all304,
    });
  }
  const polluted = resultOf<{ render: Render }>('feeds-core-js');
  if (polluted)
    rows.push({
      part: 'Feeds',
      what: '  render with twitter-text loaded (local runtime)',
      target: '',
      measured: renderFigures(polluted.render).text,
      pass: null,
    });
}

/** The peer's figure beside ours, as ours ÷ the peer's (how many times the peer's). */
const ratio = (ours: number, peer: number) => (peer > 0 ? `×${(ours / peer).toFixed(2)}` : '—');

function fanoutRows() {
  const r = resultOf<FanoutResults>('fanout');
  if (!r) return;
  const s = r.standard;
  const p = r.peer.standard;
  const over = (n: number, design?: number) =>
    ` over ${n.toLocaleString('en')}${design && n < design ? ` (DESIGN: ${design.toLocaleString('en')})` : ''}`;
  rows.push({
    part: 'Fan-out',
    what: `sustained share of the 30/s ceiling${over(s.subscribers, 10_000)}`,
    target: '≥ 98 %',
    measured: `${pct(s.shareOfCeiling.steadyMiddle)} steady (${s.ratePerSecond.steadyMiddle}/s), ${pct(s.shareOfCeiling.overall)} first→last`,
    pass: s.shareOfCeiling.steadyMiddle >= 0.98 && s.shareOfCeiling.overall >= 0.98,
  });
  rows.push({
    part: 'Fan-out',
    what: '  peer: grammY + throttler + auto-retry, same run',
    target: '',
    measured: `${pct(p.shareOfCeiling.steadyMiddle)} steady, ${pct(p.shareOfCeiling.overall)} first→last; ours ${ratio(s.ratePerSecond.steadyMiddle, p.ratePerSecond.steadyMiddle)}`,
    pass: null,
  });
  rows.push({
    part: 'Fan-out',
    what: 'sends answered 429',
    target: '≤ 0.5 %',
    measured: `${pct(s.share429, 2)} (${s.rejected429} of ${s.sent + s.rejected429}); peer ${pct(p.share429, 2)} (${p.rejected429})`,
    pass: s.share429 <= 0.005,
  });
  rows.push({
    part: 'Fan-out',
    what: 'per-chat limit never exceeded',
    target: '0 chat 429s',
    measured: `${s.rejected429ByScope.chat} chat-scope 429s; peer ${p.rejected429ByScope.chat}`,
    pass: s.rejected429ByScope.chat === 0,
  });
  rows.push({
    part: 'Fan-out',
    what: 'duplicates / lost',
    target: '0 / 0',
    measured: `${s.repeatedContents} / ${s.lost}; peer ${p.repeatedContents} / ${p.lost}`,
    pass: s.repeatedContents === 0 && s.lost === 0,
  });
  rows.push({
    part: 'Fan-out',
    what: 'DynamoDB writes per delivered message',
    target: '≤ 1.2',
    measured: `${s.writesPerDelivered} (reads ${s.readsPerDelivered}); paid ${r.paidBroadcast.writesPerDelivered}`,
    pass: s.writesPerDelivered <= 1.2 && r.paidBroadcast.writesPerDelivered <= 1.2,
  });
  const paid = r.paidBroadcast;
  const peerPaid = r.peer.paidBroadcast;
  rows.push({
    part: 'Fan-out',
    what: `paid broadcast: share of 1,000/s${over(paid.subscribers)}`,
    target: '≥ 80 %',
    measured: `${pct(paid.shareOfCeiling.steadyMiddle)} steady (${paid.ratePerSecond.steadyMiddle}/s), ${pct(paid.share429, 2)} 429, ${paid.lost} lost, ${paid.repeatedContents} dup., ${paid.processCpuPercent} % CPU (${paid.cpuMsPerMessage} ms a message)`,
    pass: paid.shareOfCeiling.steadyMiddle >= 0.8 && paid.share429 <= 0.005 && paid.lost === 0,
  });
  rows.push({
    part: 'Fan-out',
    what: `  peer, paid broadcast${over(peerPaid.subscribers)}`,
    target: '',
    measured: `${pct(peerPaid.shareOfCeiling.steadyMiddle)} steady (${peerPaid.ratePerSecond.steadyMiddle}/s), ${pct(peerPaid.share429, 2)} 429; ours ${ratio(paid.ratePerSecond.steadyMiddle, peerPaid.ratePerSecond.steadyMiddle)}`,
    pass: null,
  });
}

function answerRows() {
  const r = resultOf<AnswersResults>('answers');
  if (r) {
    rows.push({
      part: 'Answers',
      what: `answers per second (${r.concurrency} in flight) vs a plain telegraf handler (1 PutItem)`,
      target: '≥ 500/s',
      measured: `${r.answersPerSecond.median}/s (min ${r.answersPerSecond.min}); peer ${r.peer.answersPerSecond.median}/s: ${ratio(r.peer.answersPerSecond.median, r.answersPerSecond.median)}`,
      pass: r.answersPerSecond.median >= 500,
      note: `load ${loadavg()[0]!.toFixed(1)}`,
    });
    rows.push({
      part: 'Answers',
      what: 'latency per update p50 / p99 vs the peer',
      target: 'p99 ≤ 30 ms',
      measured: `${ms(r.latencyMs.median)} / ${ms(r.latencyMs.p99)}; peer ${ms(r.peer.latencyMs.median)} / ${ms(r.peer.latencyMs.p99)}`,
      pass: r.latencyMs.p99 <= 30,
    });
    rows.push({
      part: 'Answers',
      what: 'DynamoDB writes per answer',
      target: '≤ 2',
      measured: `${r.writesPerAnswer} (peer 1, without the update claim)`,
      pass: r.writesPerAnswer <= 2,
    });
    const ok = r.outcomes.handled === r.answers && r.responsesStored === r.answers + r.warmupAnswers;
    rows.push({
      part: 'Answers',
      what: '  every press handled and stored once',
      target: '',
      measured: `${r.outcomes.handled ?? 0} handled, ${r.responsesStored} responses stored`,
      pass: null,
      note: ok ? undefined : `MISMATCH ${JSON.stringify(r.outcomes)}`,
    });
    rows.push({
      part: 'Answers',
      what: '  store requests, Bot API calls per answer; one GetItem alone',
      target: '',
      measured: `${r.writesPerAnswer + r.readsPerAnswer}, ${Object.values(r.botApiCallsPerAnswer).reduce((a, b) => a + b, 0)}; ${ms(r.storeBaseline.sequentialGetMs.median)}, ${r.storeBaseline.getsPerSecondInFlight}/s with ${r.concurrency} in flight`,
      pass: null,
    });
  }
  const polluted = resultOf<AnswersResults>('answers-core-js');
  if (polluted)
    rows.push({
      part: 'Answers',
      what: '  with twitter-text loaded (local runtime)',
      target: '',
      measured: `${polluted.answersPerSecond.median}/s, p99 ${ms(polluted.latencyMs.p99)}`,
      pass: null,
    });
}
// ---- end of F's rows.

const builders: Record<Part, () => void> = {
  lambda: lambdaRows,
  feeds: feedRows,
  fanout: fanoutRows,
  answers: answerRows,
};
for (const part of selected) {
  for (const run of PARTS[part] as Run[]) {
    const error = outcomes[run]?.error;
    if (error)
      rows.push({
        part: run,
        what: 'could not run',
        target: '',
        measured: error.split('\n')[0]!.slice(0, 120),
        pass: false,
      });
  }
  builders[part]();
}

const end = machine();
console.log('');
const table = printTable(rows);
console.log(
  `\nLoad average at end ${end.loadAverage['1min']} / ${end.loadAverage['5min']} / ${end.loadAverage['15min']}.`,
);

// One JSON per run and its table, named by the time it started: the history of what was measured.
const resultsDir = join(REPO_ROOT, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const stamp = start.at.replace(/[:.]/g, '-');
const loadLine = `Load average at start ${start.loadAverage['1min']} / ${start.loadAverage['5min']} / ${start.loadAverage['15min']}, at end ${end.loadAverage['1min']} / ${end.loadAverage['5min']} / ${end.loadAverage['15min']} (1/5/15 min, ${cpuList.length} cores).`;
writeFileSync(
  join(resultsDir, `${stamp}.txt`),
  `Porte-voix benchmark — commit ${commit}, ${start.at}\nParts: ${selected.join(', ')}; subscribers ${subscribers()}\n${loadLine}\n\n${table}\n`,
);
const out = join(resultsDir, `${stamp}.json`);
writeFileSync(
  out,
  `${JSON.stringify(
    {
      commit,
      machine: {
        cpus: cpuList.length,
        model: cpuList[0]?.model,
        totalMemGB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        start,
        end,
      },
      options: {
        parts: selected,
        subscribers: subscribers(),
        answers: Number(process.env.BENCH_ANSWERS ?? 2000),
        answerConcurrency: Number(process.env.BENCH_ANSWER_CONCURRENCY ?? 8),
      },
      targets: rows,
      runs: outcomes,
    },
    null,
    2,
  )}\n`,
);
console.log(`Every figure: ${out}`);
process.exit(Object.values(outcomes).some((o) => o?.error) ? 1 : 0);
