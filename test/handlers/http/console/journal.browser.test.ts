// The journal in Chromium: accessible at 1280 and 390 px, filtered with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, signInBrowser } from '../../../support/console-browser';

let server: TestServer;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  const { agent } = await createAgent(server.deps, BOOTSTRAP_ADMIN, {
    name: '<img src=x onerror=alert(1)>',
    role: 'editor',
  });
  await createQuestionnaire(
    server.deps,
    { agentId: agent.id, name: agent.name },
    {
      title: 'Le marché du samedi',
      opensAt: '2026-11-26T08:00:00.000Z',
      closesAt: '2026-12-20T08:00:00.000Z',
      nextSteps: 'Présentées au conseil.',
      questions: [{ kind: 'yes_no', id: 'ok', prompt: 'D’accord ?' }],
    },
  );
});
afterAll(() => server?.close());

describe('journal in a browser', () => {
  for (const width of [1280, 390])
    it(`renders accessibly at ${width} px, names as text`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await signInBrowser(page, server, server.adminToken);
      await page.goto(`${server.url}/console/journal`);
      expect(await page.getByRole('cell', { name: '<img src=x onerror=alert(1)>', exact: true }).count()).toBe(1);
      expect(await page.locator('main img').count()).toBe(0);
      await expectUsable(page);
    });

  it('filters by type with the keyboard alone', async () => {
    const { page } = session;
    await signInBrowser(page, server, server.adminToken);
    await page.goto(`${server.url}/console/journal`);
    await page.getByLabel('Type d’objet').focus();
    await page.keyboard.press('ArrowDown'); // Tous → Démarches
    await page.keyboard.press('ArrowDown'); // → Questionnaires
    await expect.poll(() => page.getByLabel('Type d’objet').inputValue()).toBe('questionnaire');
    await page.getByRole('button', { name: 'Filtrer' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('questionnaire');
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody').textContent()).toContain('a créé le questionnaire');
    await expectUsable(page);
  });
});
