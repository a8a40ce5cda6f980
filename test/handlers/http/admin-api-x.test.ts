// The admin API's X routes on the real store: the outbox (list, one post, marked posted with its URL:
// good, bad URL, twice, unknown), the campaign's X count and journal following, the month's budget,
// and the preview with the weighted count, the poll and the budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import type { XPost } from '#core/store';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const queued: XPost = {
  id: 'camp1-0123456789ab',
  campaignId: 'camp1',
  text: 'Parc des Chantiers\n\nQue faire des grues ?\n\nhttps://nantes.fr/parc',
  status: 'queued',
  poll: { options: ['Les garder', 'Les démonter'], durationMinutes: 1440 },
  costUsd: 0.2,
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
};

beforeAll(async () => {
  env = await startHttpDeps('2026-11-25T10:00:00.000Z');
  env.deps.xMonthlyBudgetUsd = 20;
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
  await env.deps.store.xOutbox.put(queued);
  // The campaign finished with its post in the outbox (no X credentials): queued 1.
  await env.deps.store.campaigns.create({
    message: { title: 'Parc des Chantiers', text: 'Votez.', link: 'https://nantes.fr/parc' },
    channels: ['x'],
    audience: { kind: 'everyone' },
    sendAt: '2026-11-25T08:00:00.000Z',
    id: 'camp1',
    status: 'sent',
    createdBy: 'admin',
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedAt: '2026-11-25T09:00:00.000Z',
    version: 3,
    counts: { x: { posted: 0, queued: 1, failed: 0 } },
  });
  await env.deps.store.deliveries.claim({
    campaignId: 'camp1',
    channel: 'x',
    recipient: 'x',
    status: 'sent',
    attempts: 1,
    externalId: 'outbox',
    createdAt: '2026-11-25T09:00:00.000Z',
    updatedAt: '2026-11-25T09:00:00.000Z',
  });
});
afterAll(() => env.close());

describe('the X outbox', () => {
  it('lists the posts and reads one, with its text, poll and cost', async () => {
    const list = await call('GET', '/api/v1/x/outbox');
    expect(list.status).toBe(200);
    expect((await list.json()).items).toEqual([queued]);
    const one = await call('GET', `/api/v1/x/outbox/${queued.id}`);
    expect(await one.json()).toEqual(queued);
    expect((await call('GET', '/api/v1/x/outbox/inconnu')).status).toBe(404);
  });

  it('refuses a URL that is not an X post’s, and changes nothing', async () => {
    for (const url of ['https://x.com/nantes', 'http://x.com/nantes/status/123', 'https://evil.com/a/status/1']) {
      const res = await call('POST', `/api/v1/x/outbox/${queued.id}/posted`, { url });
      expect(res.status).toBe(400);
      expect((await res.json()).error.violations[0]).toMatchObject({ field: 'url', rule: 'x_post_url' });
    }
    expect((await env.deps.store.xOutbox.get(queued.id))?.status).toBe('queued');
  });

  it('404 for an unknown post', async () => {
    const res = await call('POST', '/api/v1/x/outbox/inconnu/posted', { url: 'https://x.com/nantes/status/1' });
    expect(res.status).toBe(404);
  });

  it('marks it posted with its URL: the line, the campaign’s X count and the journal say so; twice is a 409', async () => {
    const url = 'https://twitter.com/NantesMetropole/status/1861234567890123456?s=20';
    const res = await call('POST', `/api/v1/x/outbox/${queued.id}/posted`, { url });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ...queued,
      status: 'posted',
      postId: '1861234567890123456',
      postUrl: 'https://x.com/NantesMetropole/status/1861234567890123456',
      postedBy: { agentId: 'admin', name: expect.any(String) },
      updatedAt: '2026-11-25T10:00:00.000Z',
    });
    const campaign = await env.deps.store.campaigns.get('camp1');
    expect(campaign?.counts?.x).toEqual({ posted: 1, queued: 0, failed: 0 });
    expect(await env.deps.store.deliveries.get('camp1', 'x', 'x')).toMatchObject({
      status: 'sent',
      externalId: '1861234567890123456',
    });
    const { items } = await env.deps.store.audit.list({ entity: { type: 'campaign', id: 'camp1' } });
    expect(items[0]).toMatchObject({ action: 'campaign.x_posted', actor: { agentId: 'admin' } });

    const again = await call('POST', `/api/v1/x/outbox/${queued.id}/posted`, { url });
    expect(again.status).toBe(409);
    expect((await again.json()).error.violations[0].rule).toBe('x_post_not_posted');
  });
});

describe('the X budget and the preview', () => {
  it('answers the month’s figures: a post by hand is not billed', async () => {
    const res = await call('GET', '/api/v1/x/budget?month=2026-11');
    expect(await res.json()).toEqual({
      month: '2026-11',
      budgetUsd: 20,
      spentUsd: 0,
      posted: 0,
      scheduledUsd: 0,
      scheduled: 0,
      remainingUsd: 20,
    });
    expect((await call('GET', '/api/v1/x/budget')).status).toBe(200);
    expect((await call('GET', '/api/v1/x/budget?month=2026-13')).status).toBe(400);
  });

  it('previews the X post with its weighted count, its cost and the month’s budget', async () => {
    const created = await call('POST', '/api/v1/campaigns', {
      message: { title: 'Parc 🏗️', text: 'Répondez ici !', link: 'https://nantes.fr/parc' },
      channels: ['telegram', 'x'],
      sendAt: '2026-11-26T09:00:00.000Z',
    });
    const { id } = await created.json();
    await call('POST', `/api/v1/campaigns/${id}/schedule`);
    const preview = await (await call('GET', `/api/v1/campaigns/${id}/preview`)).json();
    expect(preview.x).toEqual({
      text: 'Parc 🏗️\n\nhttps://nantes.fr/parc',
      weightedLength: 5 + 2 + 2 + 23, // « Parc », the emoji 2, two line breaks, the link 23
      limit: 280,
      costUsd: 0.2,
      budget: expect.objectContaining({ month: '2026-11', budgetUsd: 20, scheduledUsd: 0 }),
    });
    expect((await (await call('GET', '/api/v1/x/budget')).json()).scheduledUsd).toBe(0.2);
  });
});
