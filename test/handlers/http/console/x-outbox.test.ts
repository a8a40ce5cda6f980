// The console's « X » page: the outbox listed with each text in a read-only textarea (copyable
// without script) and its « Copier » button, the poll, the cost and the month's budget; « Marquer
// comme publié » with the post's URL: a bad URL said next to the field, a second time refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import type { XPost } from '#core/store';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-x-tests';
let env: ConsoleTestEnv;

const queued: XPost = {
  id: 'camp1-0123456789ab',
  campaignId: 'camp1',
  text: 'Parc des Chantiers\n\nQue faire des grues ? <b>\n\nhttps://nantes.fr/parc',
  status: 'queued',
  poll: { options: ['Les garder', 'Les démonter'], durationMinutes: 1440 },
  costUsd: 0.2,
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
};

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN, '2026-11-25T10:00:00.000Z');
  await env.deps.store.xOutbox.put(queued);
});
afterAll(() => env.close());

const asAdmin = async () => {
  const browser = consoleClient(env.app);
  await browser.signIn(ADMIN_TOKEN);
  return browser;
};

describe('the « X » page', () => {
  it('is in the navigation and lists the post to copy, with its poll, its cost and the month’s budget', async () => {
    const html = await (await (await asAdmin()).get('/console/x')).text();
    expect(html).toContain('<a href="/console/x" aria-current="page">X</a>');
    expect(html).toMatch(
      /<textarea id="texte-camp1-0123456789ab" readonly="" rows="5">Parc des Chantiers\n\nQue faire des grues \? &lt;b&gt;/,
    );
    expect(html).toContain('<button type="button" class="secondary" data-copy="texte-camp1-0123456789ab" hidden="">');
    expect(html).toContain('<li>Les garder</li><li>Les démonter</li>');
    expect(html).toContain('ouvert 1 jour');
    expect(html).toContain('Coût par l’API X : 0,20\u00A0$');
    expect(html).toContain('pas de limite (X_MONTHLY_BUDGET_USD n’est pas réglé)');
    expect(html).toContain('Marquer comme publié');
  });

  it('says a bad URL next to its field, keeps it, and marks nothing', async () => {
    const admin = await asAdmin();
    const response = await admin.post(`/console/x/${queued.id}/publiee`, { url: 'https://x.com/nantes' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="url-camp1-0123456789ab-erreur"');
    expect(html).toContain('https://x.com/&lt;compte&gt;/status/&lt;numéro&gt;');
    expect(html).toContain('value="https://x.com/nantes"');
    expect((await env.deps.store.xOutbox.get(queued.id))?.status).toBe('queued');
  });

  it('marks it posted with its URL, then shows who did and the link; a second time changes nothing', async () => {
    const admin = await asAdmin();
    const url = 'https://x.com/NantesMetropole/status/1861234567890123456';
    const response = await admin.post(`/console/x/${queued.id}/publiee`, { url });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/x');
    const html = await (await admin.get('/console/x')).text();
    expect(html).toContain('Publication X marquée comme publiée');
    expect(html).toContain(`<a href="${url}" rel="noopener noreferrer">${url}</a>`);
    expect(html).toMatch(/Publiée à la main par [^:]+ : /);

    const again = await admin.post(`/console/x/${queued.id}/publiee`, { url });
    expect(again.status).toBe(303);
    const page = await (await admin.get(again.headers.get('location')!)).text();
    expect(page).toContain('Rien n’a changé : cette publication X est déjà publiée');
  });

  it('shows a reader the posts without the form, and refuses their post (403)', async () => {
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Inès', role: 'viewer' });
    const reader = consoleClient(env.app);
    await reader.signIn(token);
    await env.deps.store.xOutbox.put({ ...queued, id: 'camp2-0123456789ab', campaignId: 'camp2' });
    const html = await (await reader.get('/console/x')).text();
    expect(html).toContain('texte-camp2-0123456789ab');
    expect(html).not.toContain('Marquer comme publié');
    const refused = await reader.post('/console/x/camp2-0123456789ab/publiee', {
      url: 'https://x.com/nantes/status/1',
    });
    expect(refused.status).toBe(403);
  });
});
