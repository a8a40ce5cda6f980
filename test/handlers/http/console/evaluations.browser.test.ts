// The évaluation pages in Chromium: axe finds nothing serious on the proposal, the campaign it
// lands on, the comparison table and the publication confirmation; an agent goes from the home
// page's proposal to the created campaign, and through the comparison table, with the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign } from '#core/campaigns/use-cases';
import { createDemarche } from '#core/demarches/use-cases';
import { EVALUATION_QUESTIONS, evaluationTemplate } from '#core/evaluation/template';
import { createQuestionnaire, getQuestionnaire } from '#core/questionnaires/use-cases';
import { type TestServer, expectAccessible, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { signInBrowser, tabTo } from '../../../support/console-browser';

const NOW = '2026-11-25T10:00:00.000Z';
const actor = { agentId: 'admin', name: 'Admin' };
let server: TestServer;
let privateId = '';
let parcId = '';

const demarche = (slug: string, title: string) => ({
  slug,
  title,
  summary: 'Une démarche.',
  link: `https://example.org/${slug}`,
  territories: ['nantes-ile-de-nantes'],
  steps: [{ id: 'decision', kind: 'decision', title: 'Décision', start: '2026-11-20T08:00:00Z' }],
});

async function respond(questionnaireId: string, subscriberId: string, answers: Record<string, unknown>) {
  await server.deps.store.responses.save(
    {
      questionnaireId,
      subscriberId,
      answers: answers as never,
      complete: true,
      createdAt: NOW,
      updatedAt: NOW,
      version: 1,
    },
    undefined,
  );
}

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  await createDemarche(server.deps, actor, demarche('quais', 'Les quais de Loire'));
  await createDemarche(server.deps, actor, demarche('parc', 'Le parc des Faiseurs'));
  await createDemarche(server.deps, actor, demarche('gare', 'La gare sud'));
  const consultation = await createQuestionnaire(server.deps, actor, {
    title: 'Les quais demain',
    demarcheSlug: 'quais',
    opensAt: '2026-09-01T08:00:00Z',
    closesAt: '2026-10-01T08:00:00Z',
    resultsPolicy: 'private',
    nextSteps: 'Une synthèse.',
    questions: [{ kind: 'yes_no', id: 'q1', prompt: 'Piétons ?' }],
  });
  privateId = consultation.id;
  await respond(consultation.id, 'p1', { q1: true });
  // Two démarches already evaluated: one with enough answers, one under the threshold.
  const { clarity, heard, again } = EVALUATION_QUESTIONS;
  const parc = await createQuestionnaire(
    server.deps,
    actor,
    evaluationTemplate({ slug: 'parc', title: 'Le parc des Faiseurs' }, new Date('2026-10-01T08:00:00Z')),
  );
  parcId = parc.id;
  for (const i of [1, 2, 3, 4, 5]) await respond(parc.id, `r${i}`, { [clarity]: 4, [heard]: i, [again]: i > 2 });
  const gare = await createQuestionnaire(
    server.deps,
    actor,
    evaluationTemplate({ slug: 'gare', title: 'La gare sud' }, new Date('2026-10-02T08:00:00Z')),
  );
  await respond(gare.id, 'r1', { [clarity]: 2 });
});
afterAll(async () => {
  await server?.close();
});

describe('évaluation with the keyboard', () => {
  const session = useBrowser();

  it('goes from the home page’s proposal to the created campaign', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await expect.poll(() => page.getByText('Évaluations à proposer').count()).toBe(1);
    await expectAccessible(page);
    await tabTo(page, 'a[href="/console/demarches/quais/evaluation"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/console/demarches/quais/evaluation`);
    await expectAccessible(page);
    await tabTo(page, 'form[action="/console/demarches/quais/evaluation"] button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/campagnes\/[\w-]+$/);
    await expect.poll(() => page.getByText('adressée aux personnes qui ont pris part').count()).toBe(1);
    await expectAccessible(page);
    const campaign = await getCampaign(server.deps, page.url().split('/').pop()!);
    expect(campaign).toMatchObject({ status: 'draft', audience: { kind: 'respondents', questionnaires: [privateId] } });
  });

  it('reads the comparison table, small groups without figures', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await tabTo(page, 'nav a[href="/console/evaluations"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/console/evaluations`);
    await expectAccessible(page);
    const parc = page.getByRole('row', { name: /Le parc des Faiseurs/ });
    await expect.poll(() => parc.getByRole('cell').nth(1).textContent()).toBe('5');
    await expect
      .poll(() => page.getByRole('row', { name: /La gare sud/ }).textContent())
      .toContain('moins de 5 réponses');
    await tabTo(page, `a[href="/console/questionnaires/${parcId}/resultats"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/resultats$/);
  });

  it('confirms a publication of private results after reading what becomes public', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await page.goto(`${server.url}/console/questionnaires/${privateId}`);
    // A radio group takes the focus on its checked radio; the arrows move the choice.
    await tabTo(page, 'input[name="resultsPolicy"][value="private"]');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, 'button[value="enregistrer"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Rendre publics des résultats promis privés ?').count()).toBe(1);
    await expectAccessible(page);
    await tabTo(page, 'button[value="confirmer-publication"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/console/questionnaires/${privateId}`);
    await expect.poll(async () => (await getQuestionnaire(server.deps, privateId)).resultsPolicy).toBe('public_live');
  });
});
