// The moderation queue in Chromium: every page passes axe (WCAG 2.1 AA) at 1280 and 390 px, a
// refused decision included; then, with the keyboard (and the mouse only to select a passage, which
// the script turns into a redaction), an editor approves with a redaction and a category, rejects
// with a common reason, changes that decision, and finds each decision in the journal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN } from '#core/agents/use-cases';
import { REDACTED, textHash } from '#core/moderation/decision';
import { MASKS } from '#core/moderation/masking';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, signInBrowser, tabTo } from '../../../support/console-browser';

const PHONE_TEXT = 'Rappelez Jean Dupont au 06 12 34 56 78 pour parler des bancs du square';
let server: TestServer;
let queue = '';
const key = (text: string) => `t-${textHash(text).slice(0, 16)}`;

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  const q = await createQuestionnaire(server.deps, BOOTSTRAP_ADMIN, {
    title: 'Le square Mercœur',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Présenté au conseil de quartier.',
    questions: [{ kind: 'short_text', id: 'idee', prompt: 'Une idée pour le square ?' }],
  });
  for (const [i, text] of [PHONE_TEXT, 'Plus de bancs', 'Plus de bancs', 'Des arbres fruitiers'].entries())
    await server.deps.store.responses.save(
      {
        questionnaireId: q.id,
        subscriberId: `p${i}`,
        answers: { idee: text },
        complete: true,
        createdAt: '2026-11-21T08:00:00.000Z',
        updatedAt: `2026-11-2${i + 1}T08:00:00.000Z`,
        version: 1,
      },
      undefined,
    );
  queue = `/console/questionnaires/${q.id}/moderation`;
});
afterAll(() => server?.close());

for (const width of [1280, 390])
  describe(`moderation pages at ${width} px`, () => {
    const session = useBrowser({ width, height: 900 });

    it('pass axe: the overview, the queue, a refused decision', async () => {
      const { page } = session;
      await signInBrowser(page, server);
      for (const path of ['/console', '/console/moderation', queue, `${queue}?statut=approuves`]) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response?.status()).toBe(200);
        await expectUsable(page);
      }
      await page.goto(`${server.url}${queue}`);
      await page
        .locator(`#${key('Des arbres fruitiers')}`)
        .getByRole('button', { name: 'Rejeter ce texte' })
        .click();
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      expect(await page.locator('.error-summary').evaluate((el) => el.matches(':focus'))).toBe(true);
      await expectUsable(page);
    });
  });

describe('moderating with the keyboard', () => {
  const session = useBrowser();

  it('approves with a selected passage and a category, rejects, changes its mind, and the journal says so', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await page.goto(`${server.url}${queue}`);
    const phone = key(PHONE_TEXT);
    await expect.poll(() => page.locator(`#${phone} figure blockquote`).textContent()).toContain(MASKS.phone);

    // Selecting « Jean Dupont » in the masked text adds it to the passages, and the preview follows.
    // Run in the page (a string: the test's types have no DOM), as a mouse selection ends.
    await page.evaluate(`(() => {
      const source = document.querySelector('#${phone} .redact-source');
      const node = source.firstChild;
      const start = node.textContent.indexOf('Jean Dupont');
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + 'Jean Dupont'.length);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      source.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    })()`);
    await expect.poll(() => page.locator(`#${phone}-passages`).inputValue()).toBe('Jean Dupont');
    await expect.poll(() => page.locator(`#${phone}-apercu`).textContent()).toContain(`Rappelez ${REDACTED} au`);

    await tabTo(page, `#${phone}-categorie`);
    await page.keyboard.type('Mobilier urbain');
    await tabTo(page, `#${phone} button[value="approve"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Texte approuvé');

    // Reject « Plus de bancs » as off-topic: the radio group is reached by Tab, its options by arrows.
    const bancs = key('Plus de bancs');
    await tabTo(page, `#${bancs}-raison-0`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`#${bancs}-raison-2`).isChecked()).toBe(true);
    await tabTo(page, `#${bancs} button.danger`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Texte rejeté');

    // Change of mind: from the « Rejetés » tab, open « Changer la décision » and approve.
    await tabTo(page, `a[href$="statut=rejetes"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/statut=rejetes/);
    expect(await page.locator(`#${bancs}`).textContent()).toContain('raison : Hors sujet');
    await tabTo(page, `#${bancs} .change-decision > summary`);
    await page.keyboard.press('Enter');
    await tabTo(page, `#${bancs} button[value="approve"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Texte approuvé');

    await page.goto(`${server.url}${queue}?statut=approuves`);
    expect(await page.locator(`#${phone} figure blockquote`).textContent()).toBe(
      `Rappelez ${REDACTED} au ${MASKS.phone} pour parler des bancs du square`,
    );
    await expectUsable(page);

    await page.goto(`${server.url}/console/journal`);
    await expect
      .poll(() =>
        page.locator('tbody td', { hasText: 'a approuvé un texte écrit en réponse au questionnaire' }).count(),
      )
      .toBe(2);
    expect(
      await page.locator('tbody td', { hasText: 'a rejeté un texte écrit en réponse au questionnaire' }).count(),
    ).toBe(1);
    const events = await server.deps.store.audit.list({ actionPrefix: 'moderation.' });
    expect(events.items).toHaveLength(3);
    expect(JSON.stringify(events.items)).not.toMatch(/06 12 34 56 78|Jean Dupont/);
  });
});
