// The admin API of feed sources: create (a private address refused on `url`, in words), list, get,
// check now (its status answered), delete, each with the role it needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { type FeedServer, fixture, onlyPort, serve, startFeedServer } from '../../support/feed-server';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;
let server: FeedServer;

type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, body?: unknown, token = ADMIN): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startFeedServer({ '/rss.xml': serve(fixture('platform-rss.xml')) });
  env = await startHttpDeps();
  app = adminApi(
    { ...env.deps, feedReader: createFeedReader({ policy: onlyPort(server.port) }) },
    { bootstrapTokenHash: hashToken(ADMIN) },
  );
});
afterAll(async () => {
  await env.close();
  await server.close();
});

describe('/api/v1/feed-sources', () => {
  it('refuses a private address or another scheme at creation, on the url field, in words', async () => {
    const metadata = await call('POST', '/api/v1/feed-sources', { url: 'http://169.254.169.254/latest', label: 'x' });
    expect(metadata.status).toBe(400);
    expect((await metadata.json()).error.violations).toEqual([
      {
        field: 'url',
        rule: 'public_feed_url',
        message: 'l’adresse 169.254.169.254 est privée ou réservée : seules les adresses publiques sont acceptées',
      },
    ]);
    const ftp = await call('POST', '/api/v1/feed-sources', { url: 'ftp://example.org/feed', label: 'x' });
    expect(ftp.status).toBe(400);
    expect((await ftp.json()).error.violations[0].field).toBe('url');
  });

  it('creates, lists, checks now and deletes a source', async () => {
    const created = await call('POST', '/api/v1/feed-sources', { url: server.url('/rss.xml'), label: 'Actualités' });
    expect(created.status).toBe(201);
    const source = await created.json();
    expect(source).toMatchObject({ label: 'Actualités', status: { entriesSeen: 0, entriesImported: 0 } });
    expect((await (await call('GET', '/api/v1/feed-sources')).json()).items.map((s: any) => s.id)).toEqual([source.id]);
    const checked = await call('POST', `/api/v1/feed-sources/${source.id}/check`);
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({
      imported: 3,
      source: { id: source.id, status: { lastSuccessAt: '2026-11-25T10:00:00.000Z', entriesImported: 3 } },
    });
    expect((await call('DELETE', `/api/v1/feed-sources/${source.id}`)).status).toBe(204);
    expect((await call('GET', `/api/v1/feed-sources/${source.id}`)).status).toBe(404);
  });

  it('lets a viewer read but not add', async () => {
    const viewer = (await (await call('POST', '/api/v1/agents', { name: 'Lecteur', role: 'viewer' })).json()).token;
    expect((await call('GET', '/api/v1/feed-sources', undefined, viewer)).status).toBe(200);
    expect(
      (await call('POST', '/api/v1/feed-sources', { url: server.url('/rss.xml'), label: 'x' }, viewer)).status,
    ).toBe(403);
  });
});
