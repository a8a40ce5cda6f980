// The agents' console, served under /console by the same app as the API (same origin, same use
// cases, never a second copy of the rules): pages rendered on the server with Hono JSX, a small
// script for live views, a session cookie instead of the bearer token. See docs/console.md.
import { Hono } from 'hono';
import type { HttpDeps } from '../deps';
import { assetRoutes } from './assets/index';
import type { ConsoleApp, ConsoleEnv, ConsoleOptions } from './env';
import { consoleErrorPage, consoleNotFound } from './errors';
import { accountPages } from './pages/account/routes';
import { agentPages } from './pages/agents/routes';
import { announcementPages } from './pages/announcements/routes';
import { auditPages } from './pages/audit/routes';
import { campaignPages } from './pages/campaigns/index';
import { demarchePages } from './pages/demarches/routes';
import { evaluationPages } from './pages/evaluations/routes';
import { homePage } from './pages/home';
import { moderationPages } from './pages/moderation/routes';
import { outboxPages } from './pages/outbox/routes';
import { publicationPages } from './pages/publication/routes';
import { questionnairePages } from './pages/questionnaires/routes';
import { resultPages } from './pages/results/routes';
import { sourcePages } from './pages/sources/routes';
import { linkPages } from './pages/links/routes';
import { signInRoutes } from './pages/sign-in';
import { consoleHeaders, rejectCrossSiteWrites } from './security';
import { requireSession } from './session-cookie';
import { channelStatusReader } from './ui/channel-banner';

/** Each group of pages registers its routes on the signed-in part of the console. */
const PAGE_GROUPS: ((app: ConsoleApp, deps: HttpDeps) => void)[] = [
  demarchePages,
  campaignPages,
  announcementPages,
  questionnairePages,
  resultPages,
  evaluationPages,
  moderationPages,
  publicationPages,
  agentPages,
  auditPages,
  accountPages,
  outboxPages,
  sourcePages,
  linkPages,
];

export function consoleApp(deps: HttpDeps, options: ConsoleOptions = {}): Hono {
  const app = new Hono();
  app.route('/', assetRoutes());
  app.use(
    '/console',
    consoleHeaders(),
    rejectCrossSiteWrites(() => deps.publicUrl),
  );
  app.use(
    '/console/*',
    consoleHeaders(),
    rejectCrossSiteWrites(() => deps.publicUrl),
  );
  app.route('/', signInRoutes(deps, options));

  const pages = new Hono<ConsoleEnv>();
  pages.onError((error, c) => consoleErrorPage(c, error, deps));
  const session = requireSession(deps, options.bootstrapTokenHash);
  pages.use('/console', session);
  pages.use('/console/*', session);
  pages.use('/console', channelStatusReader(deps));
  pages.use('/console/*', channelStatusReader(deps));
  pages.get('/console', (c) => homePage(c, deps));
  for (const mount of PAGE_GROUPS) mount(pages, deps);
  // Last: any other console path, once signed in, is a French 404 inside the console's frame.
  pages.all('/console/*', (c) => consoleNotFound(c));
  app.route('/', pages);
  return app;
}
