// The sources page: list with status (« dernier succès », « dernière erreur » in words), add a source
// (a refused URL answered next to its field), « Vérifier maintenant », remove; readers only read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { hashToken } from '#core/agents/tokens';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { createHttpApp } from '#handlers/http/app';
import { consoleClient } from '../../../support/console-client';
import { type FeedServer, fixture, onlyPort, serve, startFeedServer } from '../../../support/feed-server';
import { startHttpDeps } from '../../../support/http-deps';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-sources-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof createHttpApp>;
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer({
    '/rss.xml': serve(fixture('platform-rss.xml')),
    '/500': (_req, res) => void res.writeHead(500).end(),
  });
  env = await startHttpDeps('2026-11-25T10:00:00.000Z');
  const feedReader = createFeedReader({ policy: onlyPort(server.port) });
  app = createHttpApp({ ...env.deps, feedReader }, { bootstrapTokenHash: hashToken(ADMIN_TOKEN) });
});
afterAll(async () => {
  await env.close();
  await server.close();
});

const asAdmin = async () => {
  const browser = consoleClient(app);
  await browser.signIn(ADMIN_TOKEN);
  return browser;
};

describe('sources page', () => {
  it('refuses a private address next to the URL field, keeping what was typed', async () => {
    const browser = await asAdmin();
    const response = await browser.post('/console/sources', { url: 'http://169.254.169.254/latest', label: 'Piège' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('l’adresse 169.254.169.254 est privée ou réservée');
    expect(html).toMatch(
      /id="champ-url"[^>]*value="http:\/\/169\.254\.169\.254\/latest"|value="http:\/\/169\.254\.169\.254\/latest"[^>]*id="champ-url"/,
    );
    expect(html).toContain('aria-invalid="true"');
  });

  it('adds sources, checks them now, shows success and failure in words, and removes one', async () => {
    const browser = await asAdmin();
    expect((await browser.post('/console/sources', { url: server.url('/rss.xml'), label: 'Actualités' })).status).toBe(
      303,
    );
    expect((await browser.post('/console/sources', { url: server.url('/500'), label: 'En panne' })).status).toBe(303);
    const sources = await env.deps.store.feedSources.list();
    const good = sources.find((s) => s.label === 'Actualités');
    const broken = sources.find((s) => s.label === 'En panne');
    const checked = await browser.post(`/console/sources/${good!.id}/verifier`);
    expect(checked.status).toBe(303);
    expect(await (await browser.get('/console/sources')).text()).toContain(
      '« Actualités » est à jour : 3 nouveaux articles.',
    );
    await browser.post(`/console/sources/${broken!.id}/verifier`);
    const html = await (await browser.get('/console/sources')).text();
    expect(html).toContain('« En panne » n’a pas pu être lue : le serveur du flux est en erreur (HTTP 500)');
    expect(html).toContain('<th scope="col">Dernier succès</th><th scope="col">Dernière erreur</th>');
    expect(html).toContain('<td>25 nov. 2026, 11:00 : le serveur du flux est en erreur (HTTP 500)</td>');
    expect(html).toContain('<strong>en échec</strong>');
    expect(html).toContain('<a href="/console/sources" aria-current="page">Sources</a>');
    expect((await browser.post(`/console/sources/${broken!.id}/retirer`)).status).toBe(303);
    expect(await (await browser.get('/console/sources')).text()).toContain('Source « En panne » retirée');
    expect((await env.deps.store.feedSources.list()).map((s) => s.label)).toEqual(['Actualités']);
  });

  it('shows a reader the sources, without the form or the actions', async () => {
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Inès Lecteur', role: 'viewer' });
    const reader = consoleClient(app);
    await reader.signIn(token);
    const html = await (await reader.get('/console/sources')).text();
    expect(html).toContain('Actualités');
    expect(html).not.toContain('Ajouter une source');
    expect((await reader.post('/console/sources', { url: server.url('/rss.xml'), label: 'x' })).status).toBe(403);
  });
});
