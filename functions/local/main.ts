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
  if (error instanceof ConfigError || error instanceof LocalStartError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
