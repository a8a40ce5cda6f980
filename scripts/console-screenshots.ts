// Screenshots of the console's main screens for docs/console.md: the app on the test server (embedded
// store with the demo data, pinned clock), Chromium at 1280 px, one PNG per screen in docs/console/.
// Run: npx tsx scripts/console-screenshots.ts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadDemoDataOnce } from '#local/load-demo';
import { launchBrowser, startTestServer, type TestServer } from '../test/support/browser';

interface Screen {
  /** File name in docs/console/, without `.png`. */
  name: string;
  path: string;
  /** Shot before signing in (the sign-in page itself). */
  signedOut?: boolean;
}

const SCREENS: Screen[] = [
  { name: 'connexion', path: '/console/connexion', signedOut: true },
  { name: 'accueil', path: '/console' },
  { name: 'campagnes', path: '/console/campagnes' },
  { name: 'demarches', path: '/console/demarches' },
  { name: 'questionnaires', path: '/console/questionnaires' },
  { name: 'agents', path: '/console/agents' },
];

/**
 * The campaign screens, on the demo data's campaigns (their ids are drawn at load): one being written,
 * with its previews (the one with a questionnaire: its buttons show in the Telegram bubble), and one
 * under way, on its sending page.
 */
async function campaignScreens(server: TestServer): Promise<Screen[]> {
  const { store } = server.deps;
  const { items } = await store.campaigns.list({ limit: 10 });
  const withQuestion = items.find((c) => c.questionnaireId) ?? items[0];
  const other = items.find((c) => c !== withQuestion);
  if (!withQuestion || !other) return [];
  // Under way: counted recipients, nothing delivered yet (no Telegram here), as the send engine starts.
  await store.campaigns.update({ ...other, status: 'sending', recipientCount: 120 }, other.version);
  return [
    { name: 'campagne', path: `/console/campagnes/${withQuestion.id}` },
    { name: 'campagne-envoi', path: `/console/campagnes/${other.id}/envoi` },
  ];
}

const OUT_DIR = join(import.meta.dirname, '..', 'docs', 'console');
const WIDTH = 1280;

/** The console's sign-in, as an agent does it with `server.adminToken`. */
async function signIn(page: Page, server: TestServer): Promise<void> {
  await page.goto(`${server.url}/console/connexion`);
  await page.getByLabel('Jeton d’agent').fill(server.adminToken);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${server.url}/console`);
}

/** Saves the screen's PNG; a page that does not answer 2xx is not pictured (a 404 is no documentation). */
async function shoot(page: Page, server: TestServer, screen: Screen): Promise<boolean> {
  const response = await page.goto(server.url + screen.path);
  if (!response?.ok()) {
    console.error(`${screen.path}: HTTP ${response?.status() ?? '?'}, no screenshot`);
    return false;
  }
  const file = join(OUT_DIR, `${screen.name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${screen.path} → ${file}`);
  return true;
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await startTestServer();
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  let failures = 0;
  try {
    await loadDemoDataOnce(server.deps);
    SCREENS.push(...(await campaignScreens(server)));
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 800 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    const ordered = [...SCREENS.filter((s) => s.signedOut), ...SCREENS.filter((s) => !s.signedOut)];
    let signedIn = false;
    for (const screen of ordered) {
      if (!screen.signedOut && !signedIn) {
        await signIn(page, server);
        signedIn = true;
      }
      if (!(await shoot(page, server, screen))) failures += 1;
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (failures > 0) {
    console.error(`${failures} of ${SCREENS.length} screens not pictured`);
    process.exitCode = 1;
  }
}

await main();
