// « Mon compte » in Chromium: accessible at 1280 and 390 px, and a Telegram link code asked for
// with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable } from '../../../support/console-browser';

let server: TestServer;
let token: string;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  ({ token } = await createAgent(server.deps, BOOTSTRAP_ADMIN, { name: 'Alix Rédactrice', role: 'editor' }));
});
afterAll(() => server?.close());

async function signIn() {
  const { page } = session;
  await page.goto(`${server.url}/console/connexion`);
  await page.getByLabel('Jeton d’agent').fill(token);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/console');
  return page;
}

describe('my account in a browser', () => {
  for (const width of [1280, 390])
    it(`renders accessibly at ${width} px`, async () => {
      await session.page.setViewportSize({ width, height: 800 });
      const page = await signIn();
      await page.goto(`${server.url}/console/compte`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mon compte');
      await expectUsable(page);
    });

  it('asks for a link code with the keyboard alone, and shows the command to send', async () => {
    const page = await signIn();
    await page.goto(`${server.url}/console/compte`);
    await page.getByRole('button', { name: 'Lier mon chat Telegram' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Commande à envoyer au bot').inputValue()).toMatch(/^\/lier [A-Z0-9]{8}$/);
    await expectUsable(page);
  });
});
