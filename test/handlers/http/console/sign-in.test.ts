// Console sessions over HTTP: sign-in exchanges a token for a cookie (HttpOnly, SameSite=Strict),
// sessions are stored hashed and expire, sign-out and revocation end them, writes need our Origin.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '#core/agents/use-cases';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '#core/agents/session';
import { hashToken } from '#core/agents/tokens';
import { createHttpApp } from '#handlers/http/app';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-console-tests';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
});
afterAll(() => env.close());
beforeEach(() => env.clock.set('2026-11-25T10:00:00.000Z'));

describe('sign-in', () => {
  it('sends an unsigned visitor to sign-in, then back to the page asked for', async () => {
    const browser = consoleClient(app);
    const asked = await browser.get('/console/campagnes?etat=scheduled');
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/console/connexion?suite=%2Fconsole%2Fcampagnes%3Fetat%3Dscheduled');

    const form = await browser.get(asked.headers.get('location')!);
    const html = await form.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('value="/console/campagnes?etat=scheduled"');
    expect(html).not.toContain('Connexion impossible'); // no error box before anything was typed

    const signedIn = await browser.post('/console/connexion', {
      jeton: ADMIN_TOKEN,
      suite: '/console/campagnes?etat=scheduled',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/console/campagnes?etat=scheduled');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('pv_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toMatch(/Secure/); // http://localhost: a Secure cookie would never come back

    const home = await browser.get('/console');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Administrateur (jeton de démarrage)');
  });

  it('marks the cookie Secure when the console is served over HTTPS', async () => {
    const secureApp = createHttpApp(
      { ...env.deps, publicUrl: 'https://porte-voix.example.org' },
      { bootstrapTokenHash: hashToken(ADMIN_TOKEN) },
    );
    const response = await secureApp.request('https://porte-voix.example.org/console/connexion', {
      method: 'POST',
      body: new URLSearchParams({ jeton: ADMIN_TOKEN }),
      headers: { origin: 'https://porte-voix.example.org', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.headers.getSetCookie().find((c) => c.startsWith('pv_session='))).toMatch(/Secure/);
  });

  it('refuses a wrong token with a French message, and opens no session', async () => {
    const browser = consoleClient(app);
    const response = await browser.post('/console/connexion', { jeton: 'pv_wrong' });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('jeton inconnu ou révoqué');
    expect(browser.cookies.has('pv_session')).toBe(false);
  });

  it('never returns to another site after sign-in (open redirect)', async () => {
    const browser = consoleClient(app);
    for (const suite of ['https://evil.example/console', '//evil.example/console', '/api/v1/agents']) {
      const response = await browser.post('/console/connexion', { jeton: ADMIN_TOKEN, suite });
      expect(response.headers.get('location')).toBe('/console');
    }
  });

  it('stores only the hash of the session token', async () => {
    const browser = consoleClient(app);
    await browser.signIn(ADMIN_TOKEN);
    const token = browser.cookies.get('pv_session')!;
    expect(await env.deps.store.sessions.get(token)).toBeUndefined();
    expect(await env.deps.store.sessions.get(hashToken(token))).toMatchObject({ agentId: 'admin' });
  });
});

describe('session end', () => {
  it('signs out: the cookie is cleared and the session no longer opens anything', async () => {
    const browser = consoleClient(app);
    await browser.signIn(ADMIN_TOKEN);
    const token = browser.cookies.get('pv_session')!;
    const out = await browser.post('/console/deconnexion');
    expect(out.status).toBe(303);
    expect(browser.cookies.has('pv_session')).toBe(false);
    const replay = await app.request('/console', { headers: { cookie: `pv_session=${token}` } });
    expect(replay.status).toBe(303);
    expect(await env.deps.store.sessions.get(hashToken(token))).toBeUndefined();
  });

  it('expires after two idle hours, and after twelve hours however active', async () => {
    const browser = consoleClient(app);
    await browser.signIn(ADMIN_TOKEN);
    env.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await browser.get('/console')).status).toBe(200);
    env.clock.advance(SESSION_IDLE_MS - 60_000); // active again since the last request: still open
    expect((await browser.get('/console')).status).toBe(200);
    env.clock.advance(SESSION_IDLE_MS);
    const idle = await browser.get('/console/campagnes');
    expect(idle.status).toBe(303);
    expect(idle.headers.get('location')).toBe('/console/connexion?suite=%2Fconsole%2Fcampagnes');

    const active = consoleClient(app);
    await active.signIn(ADMIN_TOKEN);
    for (let elapsed = 0; elapsed < SESSION_MAX_MS; elapsed += 60 * 60_000) {
      env.clock.advance(60 * 60_000);
      await active.get('/console');
    }
    expect((await active.get('/console')).status).toBe(303);
  });

  it('ends the sessions of a revoked agent', async () => {
    const { agent, token } = await createAgent(
      env.deps,
      { agentId: 'admin', name: 'Admin' },
      {
        name: 'Camille Martin',
        role: 'editor',
      },
    );
    const browser = consoleClient(app);
    await browser.signIn(token);
    expect(await (await browser.get('/console')).text()).toContain('Camille Martin');
    await env.deps.store.agents.delete(agent.id);
    expect((await browser.get('/console')).status).toBe(303);
  });

  it('answers a live fragment of an expired session with 401, so the page reloads into sign-in', async () => {
    const browser = consoleClient(app);
    const response = await browser.get('/console', { 'x-console-fragment': '1' });
    expect(response.status).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a form posted from another origin, or without Origin', async () => {
    const browser = consoleClient(app);
    await browser.signIn(ADMIN_TOKEN);
    const forged = await browser.post('/console/deconnexion', {}, { origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const bare = await app.request('/console/deconnexion', {
      method: 'POST',
      headers: { cookie: `pv_session=${browser.cookies.get('pv_session')}` },
    });
    expect(bare.status).toBe(403);
    expect((await browser.get('/console')).status).toBe(200); // still signed in: nothing happened
  });

  it('accepts its own origin when no public URL is set (the local runtime without PUBLIC_URL)', async () => {
    const local = createHttpApp({ ...env.deps, publicUrl: '' }, { bootstrapTokenHash: hashToken(ADMIN_TOKEN) });
    const post = (origin: string) =>
      local.request('http://localhost:3000/console/connexion', {
        method: 'POST',
        body: new URLSearchParams({ jeton: ADMIN_TOKEN }),
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post('http://localhost:3000')).status).toBe(303);
    expect((await post('https://evil.example')).status).toBe(403);
  });
});

describe('pages', () => {
  it('serve a strict Content Security Policy and fingerprinted, immutable assets', async () => {
    const browser = consoleClient(app);
    await browser.signIn(ADMIN_TOKEN);
    const home = await browser.get('/console');
    const csp = home.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await home.text();
    const script = /src="(\/console\/assets\/console\.[0-9a-f]{12}\.js)"/.exec(html)![1]!;
    const asset = await browser.get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('answer an unknown console page with a French 404 in the console frame', async () => {
    const browser = consoleClient(app);
    await browser.signIn(ADMIN_TOKEN);
    const response = await browser.get('/console/nulle-part');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page introuvable');
  });
});
