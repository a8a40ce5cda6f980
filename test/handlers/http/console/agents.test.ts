// The agents page: admin only (403 for the others, who see no link to it), create with a role and
// see the token once (never cached, never in a URL), the new agent signs in with it; revoke ends
// their console sessions; names are escaped.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-agents-tests';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
});
afterAll(() => env.close());
beforeEach(() => env.clock.set('2026-11-25T10:00:00.000Z'));

const asAdmin = async () => {
  const browser = consoleClient(app);
  await browser.signIn(ADMIN_TOKEN);
  return browser;
};
const tokenIn = (html: string) => /id="jeton-nouveau" class="token" value="([^"]+)"/.exec(html)?.[1];

describe('agents page', () => {
  it('lists the agents with their role in French, creation, last activity and linked chat', async () => {
    const { agent, token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Inès Lecteur', role: 'viewer' });
    const ines = consoleClient(app);
    await ines.signIn(token);
    env.clock.advance(60 * 60_000);
    await ines.get('/console'); // a request an hour later: the last activity moves
    const html = await (await (await asAdmin()).get('/console/agents')).text();
    const row = html.slice(html.indexOf('<th scope="row">Inès Lecteur</th>'));
    expect(row).toMatch(
      /^<th scope="row">Inès Lecteur<\/th><td>Lecteur·rice<\/td><td>25 nov\. 2026, 11:00<\/td><td>25 nov\. 2026, 12:00<\/td><td>non<\/td>/,
    );
    expect(html).toContain(`href="/console/journal?agent=${agent.id}"`);
    expect(html).toContain('data-confirm="Révoquer le jeton de Inès Lecteur ?');
  });

  it('creates an agent with a role, shows its token once, and the token opens the console', async () => {
    const admin = await asAdmin();
    const response = await admin.post('/console/agents', { name: 'Camille Martin', role: 'editor' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie().join()).not.toContain('pv_');
    const html = await response.text();
    expect(html).toContain('il ne sera plus jamais affiché');
    const token = tokenIn(html)!;
    expect(token).toMatch(/^pv_/);
    expect(html).toMatch(/<input type="text" id="jeton-nouveau" class="token" value="pv_[^"]+" readonly=""/);

    // Once: the list afterwards does not show it.
    expect(await (await admin.get('/console/agents')).text()).not.toContain(token);
    const camille = consoleClient(app);
    await camille.signIn(token);
    const home = await (await camille.get('/console')).text();
    expect(home).toContain('Camille Martin');
    expect(home).not.toContain('href="/console/agents"'); // an editor is not offered the agents page
  });

  it('keeps what was typed and names the field when the input is bad', async () => {
    const response = await (await asAdmin()).post('/console/agents', { name: '', role: 'chef' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(/<div class="field invalid"><label for="champ-name">/);
    expect(html).toMatch(/<fieldset id="champ-role" class="field invalid"/);
  });

  it('refuses the page and its forms to an editor, with a 403', async () => {
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Éd Iteur', role: 'editor' });
    const editor = consoleClient(app);
    await editor.signIn(token);
    expect((await editor.get('/console/agents')).status).toBe(403);
    expect((await editor.post('/console/agents', { name: 'Intrus', role: 'admin' })).status).toBe(403);
    const others = await env.deps.store.agents.list();
    expect(others.some((a) => a.name === 'Intrus')).toBe(false);
  });

  it('revokes an agent after confirmation: their console session ends', async () => {
    const { agent, token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Sam Partant', role: 'editor' });
    const sam = consoleClient(app);
    await sam.signIn(token);
    expect((await sam.get('/console')).status).toBe(200);

    const admin = await asAdmin();
    const revoked = await admin.post(`/console/agents/${agent.id}/revoquer`);
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/console/agents');
    const list = await (await admin.get('/console/agents')).text();
    expect(list).toContain('Le jeton de Sam Partant est révoqué');
    expect(list).not.toContain('<th scope="row">Sam Partant</th>');
    expect((await sam.get('/console')).status).toBe(303);
    expect((await admin.post(`/console/agents/${agent.id}/revoquer`)).status).toBe(404);
  });

  it('escapes an agent name written as HTML', async () => {
    const admin = await asAdmin();
    const created = await (
      await admin.post('/console/agents', { name: '<img src=x onerror=alert(1)>', role: 'viewer' })
    ).text();
    expect(created).toContain('Agent créé : &lt;img src=x onerror=alert(1)&gt;');
    const list = await (await admin.get('/console/agents')).text();
    expect(list).toContain('<th scope="row">&lt;img src=x onerror=alert(1)&gt;</th>');
    expect(list).not.toContain('<img src=x');
  });
});
