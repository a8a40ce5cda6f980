// Child process of bench/lambda-bundles.ts: imports one Lambda bundle as the runtime does at a cold
// start, and prints one JSON line saying how long the import took and where it stopped. Plain
// JavaScript run by bare `node`, so no TypeScript loader weighs on the figure.
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
const started = performance.now();
let report;
try {
  const module = await import(pathToFileURL(bundle).href);
  const importMs = performance.now() - started;
  report = { importMs, sinceProcessStartMs: performance.now(), stoppedAt: 'loaded', handler: typeof module.handler };
} catch (error) {
  // The clock is read before anything touches the error: with --enable-source-maps, reading
  // `stack` maps it through the source map, which is not part of the init.
  const importMs = performance.now() - started;
  const sinceProcessStartMs = performance.now();
  report = {
    importMs,
    sinceProcessStartMs,
    stoppedAt: 'error',
    message: String(error?.message ?? error),
    stack: String(error?.stack ?? ''),
  };
}
process.stdout.write(`${JSON.stringify(report)}\n`);
// Clients built at init may hold sockets or timers; the measurement is over.
process.exit(0);
