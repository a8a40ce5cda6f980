// `npm start`: the whole product on one machine. Embedded store persisted under DATA_DIR, demo
// data loaded once, the same HTTP handlers as on AWS, served on PORT. Ctrl-C stops cleanly.
import { ConfigError, loadConfig } from '#config';

// The SDK warns that Node 20 support ends in 2027: true (Lambdas run Node 22), but noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Files this process creates are its owner's only: the store's LevelDB files (created by native
// code, which takes no mode) hold chat ids and answers. Our own files set their modes explicitly.
process.umask(0o077);
const { startLocalRuntime } = await import('./runtime');
const { LocalStartError } = await import('./embedded-store');

/** An orphan's clean stop is cut short past this: the restart that waits for DATA_DIR waits longer (data-dir-lock.ts). */
const ORPHAN_STOP_MS = 5_000;

/**
 * `npm start` runs this module in a child process of tsx's CLI. A kill -9 of that CLI (the pid
 * `npm start` shows) would leave this one running, still sending and holding DATA_DIR, so that a
 * restart is refused: once tsx's process is gone (this one handed to another parent), it stops.
 */
function stopWhenOrphaned(stop: () => void) {
  if (!process.execArgv.some((arg) => arg.includes('tsx/dist/preflight'))) return;
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop();
  }, 1000);
  watch.unref();
}

try {
  const config = loadConfig();
  const runtime = await startLocalRuntime(config);
  console.log(runtime.banner);
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why} : arrêt propre…`);
    await runtime.stop();
    console.log('Arrêté. Les données restent dans', config.DATA_DIR);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT reçu'));
  process.on('SIGTERM', () => void stop('SIGTERM reçu'));
  stopWhenOrphaned(() => {
    setTimeout(() => process.exit(1), ORPHAN_STOP_MS).unref();
    void stop('Processus parent (tsx) disparu');
  });
} catch (error) {
  if (error instanceof ConfigError || error instanceof LocalStartError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
