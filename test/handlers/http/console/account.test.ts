// « Mon compte »: who I am and what my role allows; linking my Telegram chat with a one-time code
// shown with the exact command and its expiry in Paris time; the bootstrap admin is told why not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkTelegramChat } from '#core/agents/telegram-link';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-account-tests';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
});
afterAll(() => env.close());
beforeEach(() => env.clock.set('2026-11-25T10:00:00.000Z'));

const signedIn = async (token: string) => {
  const browser = consoleClient(app);
  await browser.signIn(token);
  return browser;
};

describe('my account', () => {
  it('says who I am and what my role allows, in plain French', async () => {
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Nour Lectrice', role: 'viewer' });
    const html = await (await (await signedIn(token)).get('/console/compte')).text();
    expect(html).toContain('<dd>Nour Lectrice</dd>');
    expect(html).toContain('<dd>Lecteur·rice</dd>');
    expect(html).toContain('aucune modification');
    expect(html).toContain('Aucun chat Telegram n’est lié à votre compte');
  });

  it('gives a one-time code and the exact command for the bot, then shows the chat as linked', async () => {
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Alix Rédactrice', role: 'editor' });
    const browser = await signedIn(token);
    const page = await browser.get('/console/compte');
    expect(await page.text()).toContain('<button type="submit">Lier mon chat Telegram</button>');

    const response = await browser.post('/console/compte/telegram');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    const command = /id="commande-lier" class="token" value="(\/lier [A-Z0-9]{8})"/.exec(html)![1]!;
    expect(html).toContain(`Code : <strong class="code">${command.slice(6)}</strong>`);
    expect(html).toContain('mercredi 25 novembre 2026 à 11:10'); // 10 minutes, Paris time

    await linkTelegramChat(env.deps, command.slice(6), 424242);
    const linked = await (await browser.get('/console/compte')).text();
    expect(linked).toContain('Un chat Telegram est lié à votre compte');
    expect(linked).toContain('Lier un autre chat Telegram');
  });

  it('tells the bootstrap admin to create a named agent instead, and offers no link', async () => {
    const browser = await signedIn(ADMIN_TOKEN);
    const html = await (await browser.get('/console/compte')).text();
    expect(html).toContain('ne peut donc pas lier de chat Telegram');
    expect(html).not.toContain('action="/console/compte/telegram"');
    const refused = await browser.post('/console/compte/telegram');
    expect(refused.status).toBe(409);
  });

  it('escapes my name', async () => {
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, {
      name: '<img src=x onerror=alert(1)>',
      role: 'viewer',
    });
    const html = await (await (await signedIn(token)).get('/console/compte')).text();
    expect(html).toContain('<dd>&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(html).not.toContain('<img src=x');
  });
});
