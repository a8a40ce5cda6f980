// The admin API of start links: create (what it follows must exist), list with counts, get, delete,
// and the QR codes for print, decoded back (jsqr) to the very t.me link; refused in words while the
// bot's username is unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { Demarche } from '#core/demarches/demarche';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';
import { decodeQrPng } from '../../support/qr';

const ADMIN = 'pv_bootstrap-token-for-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;
let anonymousBot: ReturnType<typeof adminApi>;

type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, body?: unknown, on = app): Promise<JsonResponse> =>
  on.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  env = await startHttpDeps();
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
  app = adminApi({ ...env.deps, botUsername: async () => 'porte_voix_bot' }, { bootstrapTokenHash: hashToken(ADMIN) });
  anonymousBot = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
});
afterAll(() => env.close());

describe('/api/v1/start-links', () => {
  it('creates a link with its t.me address, lists it with its count, and deletes it', async () => {
    const created = await call('POST', '/api/v1/start-links', {
      target: { kind: 'demarche', key: 'grand-debat' },
      label: 'Affiche halle du marché de Talensac',
    });
    expect(created.status).toBe(201);
    const link = await created.json();
    expect(link).toMatchObject({ subscriptions: 0, target: { kind: 'demarche', key: 'grand-debat' } });
    expect(link.url).toBe(`https://t.me/porte_voix_bot?start=${link.id}`);

    await env.deps.store.startLinks.countSubscription(link.id);
    const listed = await (await call('GET', '/api/v1/start-links')).json();
    expect(listed.botUsername).toBe('porte_voix_bot');
    expect(listed.items).toEqual([{ ...link, subscriptions: 1 }]);
    expect((await (await call('GET', `/api/v1/start-links/${link.id}`)).json()).subscriptions).toBe(1);

    expect((await call('DELETE', `/api/v1/start-links/${link.id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/start-links/${link.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/start-links/${link.id}`)).status).toBe(404);
  });

  it('refuses a target that does not exist, or a label missing, on their fields', async () => {
    const unknown = await call('POST', '/api/v1/start-links', {
      target: { kind: 'demarche', key: 'nope' },
      label: 'x',
    });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.violations).toMatchObject([{ field: 'target.key', rule: 'demarche_exists' }]);
    const place = await call('POST', '/api/v1/start-links', {
      target: { kind: 'territory', key: 'paris' },
      label: 'x',
    });
    expect(place.status).toBe(400);
    const noLabel = await call('POST', '/api/v1/start-links', { target: { kind: 'theme', key: 'loire' } });
    expect(noLabel.status).toBe(400);
    expect((await (await call('GET', '/api/v1/start-links')).json()).items).toEqual([]);
  });

  it('serves a print-quality PNG and a scalable SVG that decode back to the link', async () => {
    const link = await (
      await call('POST', '/api/v1/start-links', { target: { kind: 'theme', key: 'mobilites' }, label: 'Flyer tram' })
    ).json();
    const png = await call('GET', `/api/v1/start-links/${link.id}/qr.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toContain(`qr-${link.id}.png`);
    const decoded = decodeQrPng(new Uint8Array(await png.arrayBuffer()));
    expect(decoded.text).toBe(link.url);
    expect(decoded.width).toBeGreaterThanOrEqual(1000);

    const svg = await call('GET', `/api/v1/start-links/${link.id}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    const text = await svg.text();
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('viewBox="0 0 '); // scalable: no fixed pixel size needed
  });

  it('says plainly that the bot’s username is unknown instead of printing a broken link', async () => {
    const link = await (
      await call('POST', '/api/v1/start-links', { target: { kind: 'theme', key: 'sante' }, label: 'x' }, anonymousBot)
    ).json();
    expect(link.url).toBeUndefined();
    const png = await call('GET', `/api/v1/start-links/${link.id}/qr.png`, undefined, anonymousBot);
    expect(png.status).toBe(409);
    expect((await png.json()).error).toMatchObject({
      message: expect.stringContaining('TELEGRAM_BOT_USERNAME'),
      violations: [{ rule: 'telegram_bot_username' }],
    });
    expect((await call('GET', '/api/v1/start-links/bad%20id!/qr.svg')).status).toBe(400);
  });
});
