// `npm start`: the whole product on one machine. Embedded store persisted under DATA_DIR, demo
// data loaded once, the same HTTP handlers as on AWS, served on PORT. Ctrl-C stops cleanly.
import { ConfigError, loadConfig } from '#config';
import { startLocalRuntime } from './runtime';

try {
  const config = loadConfig();
  const runtime = await startLocalRuntime(config);
  console.log(runtime.banner);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} reçu : arrêt propre…`);
    await runtime.stop();
    console.log('Arrêté. Les données restent dans', config.DATA_DIR);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
