// What the agents' API says about Telegram, through the HTTP boundary: a long text is shortened
// for Telegram (the whole of it one press away), and the preview shows the message as the
// Telegram adapter renders it, link escaped and normalised.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { parseHtml } from '#local/telegram-simulator/formatting/html';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

const post = async (path: string, body?: unknown) => {
  const res = await app.request(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, json: (await res.json()) as any };
};
const get = async (path: string) =>
  (await (await app.request(path, { headers: { Authorization: `Bearer ${ADMIN}` } })).json()) as any;

// « En savoir plus » (14) is longer than “Learn more” (10): the French rendering is the one counted.
const LINK_LINE = '\n\n\n\nEn savoir plus'.length;
const campaign = (visible: number, over: Record<string, unknown> = {}) => ({
  message: {
    title: 'T',
    text: 'x'.repeat(visible - 1 - LINK_LINE),
    link: 'https://dialoguecitoyen.metropole.nantes.fr',
    imageUrl: 'https://dialoguecitoyen.metropole.nantes.fr/affiche.png',
  },
  channels: ['telegram'],
  sendAt: '2026-11-26T09:00:00+01:00',
  ...over,
});

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
});
afterAll(() => env.close());

// The campaign message is short (two lines of text), so with an image its caption always fits
// 1,024 characters; the whole text (3,500 at most, sent on « Lire le message entier ») fits 4,096.
it('accepts a long text with an image: the caption is the short message, the whole text one press away', async () => {
  const accepted = await post('/api/v1/campaigns', campaign(3500));
  expect(accepted.status).toBe(201);
  const { telegram } = await get(`/api/v1/campaigns/${accepted.json.id}/preview`);
  expect(telegram.limit).toBe(1024);
  expect(telegram.length).toBeLessThanOrEqual(1024);
  expect(parseHtml(telegram.html).text).toMatch(/^T\n\nx+ …\n\nLire la suite$/);
});

it('previews the Telegram HTML as sent: link quoted safely and percent-encoded, length as Telegram counts it', async () => {
  const link = 'https://dialoguecitoyen.metropole.nantes.fr/avis?q="vélo"&page=2';
  const created = await post('/api/v1/campaigns', {
    ...campaign(100),
    message: { title: 'Plan vélo', text: 'Donnez votre avis <ici> & là.', link },
  });
  expect(created.status).toBe(201);
  const { telegram } = await get(`/api/v1/campaigns/${created.json.id}/preview`);
  const parsed = parseHtml(telegram.html);
  expect(parsed.text).toBe('Plan vélo\n\nDonnez votre avis <ici> & là.\n\nEn savoir plus');
  expect(parsed.entities).toContainEqual(
    expect.objectContaining({
      type: 'text_link',
      url: 'https://dialoguecitoyen.metropole.nantes.fr/avis?q=%22v%C3%A9lo%22&page=2',
    }),
  );
  expect(telegram).toMatchObject({ length: parsed.text.length, limit: 4096 });
});

it('shows what a paid broadcast costs before it is scheduled: 0.1 Telegram Star per recipient, counted now', async () => {
  const plain = await post('/api/v1/campaigns', campaign(100));
  expect((await get(`/api/v1/campaigns/${plain.json.id}/preview`)).telegram).not.toHaveProperty('paidBroadcastStars');
  for (const chatId of [71, 72, 73])
    await env.deps.store.subscribers.put({
      id: `paid-${chatId}`,
      chatId,
      language: 'fr',
      frequency: 'instant',
      status: 'active',
      follows: { demarches: [], themes: [], territories: [] },
      createdAt: '2026-11-01T08:00:00.000Z',
      updatedAt: '2026-11-01T08:00:00.000Z',
    });
  const paid = await post('/api/v1/campaigns', campaign(100, { paidBroadcast: true }));
  expect(paid.status).toBe(201);
  const { telegram } = await get(`/api/v1/campaigns/${paid.json.id}/preview`);
  expect(telegram.recipients).toBeGreaterThanOrEqual(3);
  expect(telegram.paidBroadcastStars).toBeCloseTo(telegram.recipients * 0.1, 5);
});
