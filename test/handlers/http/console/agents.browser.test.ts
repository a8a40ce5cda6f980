// The agents page in Chromium: accessible at 1280 and 390 px, and an agent created with the
// keyboard alone, its token shown once in a read-only field on an accessible page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, signInBrowser } from '../../../support/console-browser';

let server: TestServer;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  await createAgent(server.deps, BOOTSTRAP_ADMIN, { name: '<img src=x onerror=alert(1)>', role: 'viewer' });
});
afterAll(() => server?.close());

describe('agents in a browser', () => {
  for (const width of [1280, 390])
    it(`renders the list and the form accessibly at ${width} px`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await signInBrowser(page, server, server.adminToken);
      await page.goto(`${server.url}/console/agents`);
      expect(await page.getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' }).count()).toBe(1);
      expect(await page.locator('main img').count()).toBe(0);
      await expectUsable(page);
    });

  it('creates an agent with the keyboard alone and shows its token once', async () => {
    const { page } = session;
    await signInBrowser(page, server, server.adminToken);
    await page.goto(`${server.url}/console/agents`);
    await page.getByLabel('Nom de l’agent').focus();
    await page.keyboard.type('Camille Martin');
    await page.keyboard.press('Tab'); // into the role radios: Rédacteur·rice is checked
    await page.keyboard.press('ArrowRight'); // next in the group: Lecteur·rice
    await expect.poll(() => page.locator('input[name=role]:checked').getAttribute('value')).toBe('viewer');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Créer l’agent et son jeton');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Agent créé : Camille Martin');
    const field = page.getByLabel('Jeton de Camille Martin');
    expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await field.inputValue()).toMatch(/^pv_/);
    await expectUsable(page);
  });
});
