// Assembles the local runtime from its parts; used by `npm start` and by the end-to-end tests,
// which start it on a random port with an in-memory store.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { getRequestListener } from '@hono/node-server';
import { type Config, openDataSettings } from '#config';
import { systemClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import { hashToken } from '#core/agents/tokens';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import type { Clock } from '#core/shared/ports';
import { createHttpApp } from '#handlers/http/app';
import type { HttpDeps } from '#handlers/http/deps';
import { feedReaderFor } from '#adapters/feeds/source-reader';
import { type LocalDelivery, startLocalDelivery } from './delivery';
import { LocalStartError, startEmbeddedStore } from './embedded-store';
import { type LocalImports, startLocalImports } from './imports';
import { loadDemoDataOnce } from './load-demo';
import { bootstrapAdminToken, subscriberKey } from './secrets';
import { type LocalTelegram, type Sleep, startLocalTelegram } from './telegram';

export interface LocalRuntimeOptions {
  /** Keep the store in memory instead of DATA_DIR (tests). */
  inMemory?: boolean;
  clock?: Clock;
  /** Skip the demo data (tests that want an empty store). */
  demoData?: boolean;
  /** How often due campaigns are looked for (default every second). */
  dispatchEveryMs?: number;
  /** The waits between Bot API retries (tests inject one in which no real time passes). */
  sleep?: Sleep;
}

export interface LocalRuntime {
  url: string;
  adminToken: string;
  deps: HttpDeps;
  telegram: LocalTelegram;
  delivery: LocalDelivery;
  imports: LocalImports;
  banner: string;
  stop(): Promise<void>;
}

/** TELEGRAM_BOT_USERNAME, else the bot's getMe (the simulator's, or the real bot's), asked once it answers. */
function botUsernameOf(config: Config, telegram: LocalTelegram): () => Promise<string | undefined> {
  let asked: Promise<string | undefined> | undefined;
  return () =>
    config.TELEGRAM_BOT_USERNAME !== undefined
      ? Promise.resolve(config.TELEGRAM_BOT_USERNAME)
      : (asked ??= telegram.bot.telegram.getMe().then(
          (me) => me.username,
          () => (asked = undefined), // unreachable for now: asked again next time
        ));
}

export async function startLocalRuntime(config: Config, options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const logger = new Logger({ serviceName: 'porte-voix', logLevel: config.LOG_LEVEL });
  const embedded = await startEmbeddedStore({
    dataDir: options.inMemory ? undefined : config.DATA_DIR,
    tableName: config.TABLE_NAME,
  });
  const core: CampaignDeps = {
    store: embedded.store,
    clock: options.clock ?? systemClock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    xMonthlyBudgetUsd: config.X_MONTHLY_BUDGET_USD,
  };
  const demoLoaded = options.demoData === false ? false : await loadDemoDataOnce(core);

  const admin = bootstrapAdminToken(config.ADMIN_TOKEN, config.DATA_DIR);
  // The public URL is the configured one, else the server's own once it listens (below).
  let publicUrl = config.PUBLIC_URL ?? '';
  const telegram = await startLocalTelegram(
    config,
    core,
    logger,
    subscriberKey(config.SUBSCRIBER_KEY_SECRET, config.DATA_DIR).value,
    { sleep: options.sleep, publicUrl: () => publicUrl, dataDir: options.inMemory ? undefined : config.DATA_DIR },
  );
  const delivery = await startLocalDelivery(config, core, logger, telegram, {
    dispatchEveryMs: options.dispatchEveryMs,
    publicUrl: () => publicUrl,
  });

  const feedReader = feedReaderFor(config);
  const imports = startLocalImports(config, { ...core, feedReader }, logger);

  // Campaign tests go to agents' own chats through a sender of their own, built like delivery's:
  // the simulator's Bot API, or the real bot's.
  const testSender = createTelegramSender({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    limits: { perSecond: config.TELEGRAM_MAX_PER_SECOND },
  });
  const deps: HttpDeps = {
    ...core,
    publicUrl,
    logger,
    telegram: testSender,
    openData: openDataSettings(config),
    feedReader,
    botUsername: botUsernameOf(config, telegram),
  };
  const app = createHttpApp(deps, {
    bootstrapTokenHash: hashToken(admin.value),
    extra: telegram.routes ? [telegram.routes] : [],
  });
  const api = getRequestListener(app.fetch);
  // The simulator's citizen endpoints share our port, so the README's curl walk-through is one URL.
  const simulator = telegram.simulator;
  const server = createServer((req, res) => {
    if (simulator && req.url?.startsWith('/simulator')) simulator.listener(req, res);
    else void api(req, res);
  });
  const closeAll = async () => {
    await imports.stop();
    await delivery.stop();
    testSender.close();
    await telegram.stop();
    if (server.listening) {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
    await embedded.close();
  };
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(config.PORT, '127.0.0.1', ok);
    });
  } catch (error) {
    await closeAll();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new LocalStartError(
        `Le port ${config.PORT} est déjà pris (un autre Porte-voix ?) : arrêtez-le, ou choisissez un autre port, par exemple PORT=3001 npm start.`,
      );
    throw error;
  }
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  deps.publicUrl ||= url;
  publicUrl = deps.publicUrl;
  try {
    await telegram.connect(url);
  } catch (error) {
    await closeAll(); // a refused token: nothing may keep the process (or DATA_DIR's lock) alive
    throw error;
  }

  const banner = [
    '',
    `Porte-voix tourne sur ${url}`,
    `  console agents   ${url}/console   (connexion avec le jeton administrateur ci-dessous)`,
    `  santé            ${url}/health`,
    `  API admin        ${url}/api/v1   (OpenAPI : ${url}/api/openapi.json)`,
    `  flux             ${url}/feeds/rss.xml · /feeds/atom.xml · /feeds/feed.json`,
    `  abonnements      ${url}/feeds/index.html   (flux et calendriers .ics / webcal:// par démarche, thème, lieu)`,
    `  données          ${options.inMemory ? 'en mémoire' : config.DATA_DIR}${demoLoaded ? ' (données de démonstration chargées)' : ''}`,
    telegram.mode === 'simulator'
      ? `  Telegram         simulateur intégré (pas de jeton) : agir en citoyen avec ${url}/simulator/chats/<id>/…`
      : `  Telegram         ${telegram.apiRoot} (long polling)`,
    `  flux importés    toutes les ${config.FEED_IMPORT_EVERY_MINUTES} min (sources : ${url}/console/sources)${config.FEED_IMPORT_ALLOW_PRIVATE ? ' — adresses privées permises (FEED_IMPORT_ALLOW_PRIVATE, développement local seulement)' : ''}`,
    `  X                ${delivery.xMode === 'api' ? 'publication via l’API X' : `boîte d’envoi (sans identifiants X) : ${url}/console/x`}`,
    '',
    'Authentification : en-tête « Authorization: Bearer <jeton> ».',
    admin.source === 'env'
      ? '  Jeton administrateur : celui de ADMIN_TOKEN.'
      : `  Jeton administrateur : ${admin.value}${admin.source === 'generated' ? '  (généré ; gardé dans DATA_DIR/admin-token)' : ''}`,
    `  Essayez : curl -H "Authorization: Bearer <jeton>" ${url}/api/v1/demarches`,
    telegram.mode === 'simulator'
      ? `  Citoyen : curl -X POST ${url}/simulator/chats/1001/messages -H 'Content-Type: application/json' -d '{"text":"/start"}'`
      : '',
    '',
  ].join('\n');

  return {
    url,
    adminToken: admin.value,
    deps,
    telegram,
    delivery,
    imports,
    banner,
    stop: closeAll,
  };
}
