// Browser harness for the console's tests (issue #7, item 9): Debian's Chromium driven by
// playwright-core, the whole HTTP app on a random loopback port over the embedded store, and
// axe-core's WCAG 2.1 AA verdict. No vitest import here: scripts/console-screenshots.ts uses it too.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { type Browser, type Page, chromium } from 'playwright-core';
import { hashToken, newToken } from '#core/agents/tokens';
import { createHttpApp } from '#handlers/http/app';
import { startHttpDeps } from './http-deps';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium from `CHROMIUM_PATH` or Debian's package. A missing browser is an error, never
 * a skip: CI must not pass with the browser tests silently gone.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath))
    throw new Error(
      `Chromium not found at ${executablePath}: the browser tests need it. ` +
        'On Debian/Ubuntu: sudo apt-get install -y chromium (or run .ci/run, which installs it). ' +
        'Elsewhere (macOS…): set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox, and /dev/shm is often 64 MB.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`, no trailing slash; also the deps' publicUrl (same-origin checks). */
  url: string;
  deps: Awaited<ReturnType<typeof startHttpDeps>>['deps'];
  clock: Awaited<ReturnType<typeof startHttpDeps>>['clock'];
  /** The bootstrap admin token the app accepts (as `ADMIN_TOKEN` would be under `npm start`). */
  adminToken: string;
  close(): Promise<void>;
}

/**
 * The app `npm start` serves (createHttpApp), on the test deps (embedded store, pinned clock), over
 * real HTTP so a browser can reach it. `extra`: more Hono routes, as createHttpApp takes them.
 */
export async function startTestServer(options: { now?: string; extra?: Hono[] } = {}): Promise<TestServer> {
  const { deps, clock, close: closeStore } = await startHttpDeps(options.now);
  const adminToken = newToken();
  const app = createHttpApp(deps, { bootstrapTokenHash: hashToken(adminToken), extra: options.extra });
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deps.publicUrl = url;
  return {
    url,
    deps,
    clock,
    adminToken,
    close: async () => {
      // The browser keeps connections alive; without this, close() would wait for them to time out.
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await closeStore();
    },
  };
}

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** WCAG 2.1 A and AA, the level RGAA 4 requires (issue #7, item 9). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

function describe(violation: Violation): string {
  const targets = violation.nodes
    .slice(0, 3)
    .map((node) => node.target.join(' '))
    .join(' | ');
  const more = violation.nodes.length > 3 ? ` (+${violation.nodes.length - 3} more)` : '';
  return `  - [${violation.impact}] ${violation.id}: ${violation.help} — ${targets}${more}\n    ${violation.helpUrl}`;
}

/**
 * Runs axe-core on the page as it is now. Throws, listing every serious or critical violation (the
 * issue's bar is zero of them); returns the moderate and minor ones for the caller to look at.
 * `include`/`exclude`: CSS selectors narrowing the check to part of the page.
 */
export async function expectAccessible(
  page: Page,
  context: { include?: string; exclude?: string } = {},
): Promise<Violation[]> {
  // Legacy mode runs axe in the page itself: the default opens a blank page per check to merge the
  // frames' partial results, which doubled the cost of every check (our pages have no frames).
  let axe = new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode(true);
  if (context.include) axe = axe.include(context.include);
  if (context.exclude) axe = axe.exclude(context.exclude);
  const { violations } = await axe.analyze();
  const blocking = violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  if (blocking.length > 0)
    throw new Error(
      `${blocking.length} serious or critical accessibility violation(s) on ${page.url()}:\n` +
        blocking.map(describe).join('\n'),
    );
  return violations;
}
