// Assembles the local runtime from its parts; used by `npm start` and by the end-to-end tests,
// which start it on a random port with an in-memory store.
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { serve } from '@hono/node-server';
import type { Config } from '#config';
import { systemClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { hashToken } from '#core/agents/tokens';
import type { CoreContext } from '#core/context';
import type { Clock } from '#core/shared/ports';
import { createHttpApp } from '#handlers/http/app';
import type { HttpDeps } from '#handlers/http/deps';
import { bootstrapAdminToken } from './admin-token';
import { startEmbeddedStore } from './embedded-store';
import { loadDemoDataOnce } from './load-demo';

export interface LocalRuntimeOptions {
  /** Keep the store in memory instead of DATA_DIR (tests). */
  inMemory?: boolean;
  clock?: Clock;
  /** Skip the demo data (tests that want an empty store). */
  demoData?: boolean;
}

export interface LocalRuntime {
  url: string;
  adminToken: string;
  deps: HttpDeps;
  banner: string;
  stop(): Promise<void>;
}

export async function startLocalRuntime(config: Config, options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const logger = new Logger({ serviceName: 'porte-voix', logLevel: config.LOG_LEVEL });
  const embedded = await startEmbeddedStore({ dataDir: options.inMemory ? undefined : config.DATA_DIR, tableName: config.TABLE_NAME });
  const core: CoreContext = { store: embedded.store, clock: options.clock ?? systemClock, ids: randomIds };
  const demoLoaded = options.demoData === false ? false : await loadDemoDataOnce(core);

  const admin = bootstrapAdminToken(config.ADMIN_TOKEN, config.DATA_DIR);
  let publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const deps: HttpDeps = { ...core, publicUrl, logger };
  const app = createHttpApp(deps, { bootstrapTokenHash: hashToken(admin.token) });

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' });
  await new Promise<void>((ok, fail) => {
    server.once('listening', ok);
    server.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  if (!config.PUBLIC_URL) deps.publicUrl = publicUrl = url;

  const banner = [
    '',
    `Porte-voix tourne sur ${url}`,
    `  santé            ${url}/health`,
    `  API admin        ${url}/api/v1   (OpenAPI : ${url}/api/openapi.json)`,
    `  flux             ${url}/feeds/rss.xml · /feeds/atom.xml · /feeds/feed.json`,
    `  données          ${options.inMemory ? 'en mémoire' : config.DATA_DIR}${demoLoaded ? ' (données de démonstration chargées)' : ''}`,
    '',
    'Authentification : en-tête « Authorization: Bearer <jeton> ».',
    admin.source === 'env'
      ? '  Jeton administrateur : celui de ADMIN_TOKEN.'
      : `  Jeton administrateur : ${admin.token}${admin.source === 'generated' ? '  (généré ; gardé dans DATA_DIR/admin-token)' : ''}`,
    `  Essayez : curl -H "Authorization: Bearer <jeton>" ${url}/api/v1/demarches`,
    '',
  ].join('\n');

  return {
    url,
    adminToken: admin.token,
    deps,
    banner,
    stop: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      await embedded.close();
    },
  };
}
