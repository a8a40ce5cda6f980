// The « Liens et QR codes » page over HTTP: create a link for a démarche, a theme or a place (a bad
// choice answered next to its field), see its t.me link and count, download its QR code (decoded back
// to the link), delete it; readers only read; an unknown bot username said plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { Demarche } from '#core/demarches/demarche';
import { createHttpApp } from '#handlers/http/app';
import { consoleClient } from '../../../support/console-client';
import { startHttpDeps } from '../../../support/http-deps';
import { decodeQrPng } from '../../../support/qr';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-links-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof createHttpApp>;
let anonymousBot: ReturnType<typeof createHttpApp>;

beforeAll(async () => {
  env = await startHttpDeps('2026-11-25T10:00:00.000Z');
  await env.deps.store.demarches.create(
    Demarche.parse({
      slug: 'grand-debat',
      title: 'Grand débat',
      summary: 'Le Grand débat.',
      link: 'https://example.org/grand-debat',
      territories: ['nantes'],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      version: 1,
    }),
  );
  app = createHttpApp(
    { ...env.deps, botUsername: () => Promise.resolve('porte_voix_bot') },
    { bootstrapTokenHash: hashToken(ADMIN_TOKEN) },
  );
  anonymousBot = createHttpApp(env.deps, { bootstrapTokenHash: hashToken(ADMIN_TOKEN) });
});
afterAll(() => env.close());

const signedIn = async (token = ADMIN_TOKEN, on = app) => {
  const browser = consoleClient(on);
  await browser.signIn(token);
  return browser;
};

describe('links page', () => {
  it('refuses a missing target next to its field, keeping the label typed', async () => {
    const browser = await signedIn();
    const response = await browser.post('/console/liens', { target: '', label: 'Affiche gare' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('choisissez ce que le lien fait suivre');
    expect(html).toContain('value="Affiche gare"');
    expect(await env.deps.store.startLinks.list()).toEqual([]);
  });

  it('creates a link, shows its t.me link and count, serves its QR codes, and deletes it', async () => {
    const browser = await signedIn();
    const created = await browser.post('/console/liens', {
      target: 'demarche:grand-debat',
      label: 'Affiche halle du marché de Talensac',
    });
    expect(created.status).toBe(303);
    const [link] = await env.deps.store.startLinks.list();
    await env.deps.store.startLinks.countSubscription(link!.id);
    await env.deps.store.startLinks.countSubscription(link!.id);

    const html = await (await browser.get('/console/liens')).text();
    expect(html).toContain('<a href="/console/liens" aria-current="page">Liens et QR codes</a>');
    expect(html).toContain('Lien « Affiche halle du marché de Talensac » créé');
    expect(html).toContain('Démarche : Grand débat');
    expect(html).toContain('2 abonnements');
    expect(html).toContain(`value="https://t.me/porte_voix_bot?start=${link!.id}"`);

    const png = await browser.get(`/console/liens/${link!.id}/qr.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(decodeQrPng(new Uint8Array(await png.arrayBuffer())).text).toBe(
      `https://t.me/porte_voix_bot?start=${link!.id}`,
    );
    const svg = await browser.get(`/console/liens/${link!.id}/qr.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');

    expect((await browser.post(`/console/liens/${link!.id}/supprimer`)).status).toBe(303);
    expect(await (await browser.get('/console/liens')).text()).toContain(
      'Lien « Affiche halle du marché de Talensac » supprimé.',
    );
    expect(await env.deps.store.startLinks.list()).toEqual([]);
  });

  it('shows a reader the links without the form or the actions, and says when the bot’s name is unknown', async () => {
    const browser = await signedIn();
    await browser.post('/console/liens', { target: 'territory:nantes-nord', label: 'Flyer Nantes Nord' });
    const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Inès Lecteur', role: 'viewer' });
    const reader = await signedIn(token);
    const html = await (await reader.get('/console/liens')).text();
    expect(html).toContain('Quartier de Nantes : Nantes Nord');
    expect(html).not.toContain('Créer un lien');
    expect((await reader.post('/console/liens', { target: 'theme:loire', label: 'x' })).status).toBe(403);

    const unknown = await signedIn(ADMIN_TOKEN, anonymousBot);
    const page = await (await unknown.get('/console/liens')).text();
    expect(page).toContain('Le nom du bot Telegram est inconnu : définissez TELEGRAM_BOT_USERNAME');
    expect(page).toContain('nom du bot inconnu');
    const [link] = await env.deps.store.startLinks.list();
    expect((await unknown.get(`/console/liens/${link!.id}/qr.png`)).status).toBe(409);
  });
});
