// Vitest wiring for browser tests: one Chromium per test worker, shared by every file it runs (it
// takes seconds to start; the browser project does not isolate its files, vitest.config.ts), a
// fresh context per test (no cookie or storage leaks between tests), in French and Paris time.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser';

/** Timeouts for browser test files, under load on two cores (vitest.config.ts sets the same). */
const BROWSER_TIMEOUT_MS = 60_000;
/** A locator that finds nothing fails in 15 s with its own message, well before the test's timeout. */
const ACTION_TIMEOUT_MS = 15_000;

let shared: Promise<Browser> | undefined;

/** The worker's Chromium, launched at the first need, and again if it died; Playwright ends it with the process. */
async function sharedBrowser(): Promise<Browser> {
  const current = shared && (await shared.catch(() => undefined));
  if (current?.isConnected()) return current;
  shared = launchBrowser();
  return shared;
}

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Call at the top of a test file (or `describe`); read `session.page` inside the tests. */
export function useBrowser(options: { width?: number; height?: number } = {}): BrowserSession {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await sharedBrowser();
  }, BROWSER_TIMEOUT_MS);
  beforeEach(async () => {
    if (!browser) throw new Error('useBrowser: the browser did not start (see the beforeAll error)');
    context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page = await context.newPage();
  }, BROWSER_TIMEOUT_MS);
  afterEach(async () => {
    await context?.close();
    context = page = undefined;
  }, BROWSER_TIMEOUT_MS);
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useBrowser: no ${name} outside a test`);
    return value;
  };
  return {
    get browser() {
      return need(browser, 'browser');
    },
    get context() {
      return need(context, 'context');
    },
    get page() {
      return need(page, 'page');
    },
  };
}
