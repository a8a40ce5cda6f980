// GET /api/v1/status on the real store: configured when the process has no status reader (the local
// runtime), « Telegram non configuré » before the bot token, « indisponible » when the secret cannot
// be read (a reader that throws included), the X status when known; viewers may read it, the
// anonymous may not; the OpenAPI document describes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import type { ChannelStatus } from '#core/channels/status';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-status-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;

/** The status the secrets reader would give now; `undefined`: the process has no reader (local runtime). */
let current: ChannelStatus | Error | undefined;

const app = () => adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
const get = async (path: string, token: string | null = ADMIN) =>
  app().request(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
const status = async () => {
  const res = await get('/api/v1/status');
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};

beforeAll(async () => {
  env = await startHttpDeps();
});
afterAll(() => env.close());

const withReader = () => {
  env.deps.channelStatus = async () => {
    if (current instanceof Error) throw current;
    return current!;
  };
};

describe('GET /api/v1/status', () => {
  it('says Telegram is configured where the process has no status reader (the local runtime)', async () => {
    delete env.deps.channelStatus;
    expect(await status()).toEqual({
      telegram: { state: 'configured', label: 'Telegram configuré', message: expect.any(String) },
      ready: true,
    });
  });

  it('says « Telegram non configuré » before the bot token is written, and that campaigns wait, not fail', async () => {
    withReader();
    current = { telegram: { state: 'unconfigured', reason: 'botToken is empty in the Telegram secret' } };
    const body = await status();
    expect(body.ready).toBe(false);
    expect(body.telegram).toMatchObject({
      state: 'unconfigured',
      label: 'Telegram non configuré',
      reason: 'botToken is empty in the Telegram secret',
    });
    expect(body.telegram.message).toMatch(/campagnes sont acceptées.*attendent/);
  });

  it('follows the reader at each call: configured once the token is there', async () => {
    withReader();
    current = { telegram: { state: 'configured' }, x: { state: 'outbox', reason: 'no X keys' } };
    const body = await status();
    expect(body).toMatchObject({ ready: true, telegram: { state: 'configured' } });
    expect(body.x).toMatchObject({ state: 'outbox', label: 'X en boîte d’envoi', reason: 'no X keys' });
  });

  it('says « indisponible » when the secret cannot be read, and survives a reader that throws', async () => {
    withReader();
    current = { telegram: { state: 'unavailable', reason: 'AccessDeniedException reading the Telegram secret' } };
    expect((await status()).telegram).toMatchObject({ state: 'unavailable', label: 'Telegram indisponible' });
    current = Object.assign(new Error('secret value 123456:ABCdef leaked in a message'), { name: 'TypeError' });
    const body = await status();
    expect(body.telegram).toMatchObject({ state: 'unavailable', reason: 'status reader failed (TypeError)' });
    expect(JSON.stringify(body)).not.toContain('123456');
  });

  it('asks for a token like every /api/v1 route', async () => {
    expect((await get('/api/v1/status', null)).status).toBe(401);
    expect((await get('/api/v1/status', 'pv_unknown-token')).status).toBe(401);
  });

  it('is in the OpenAPI document, for viewers, with its schema', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as any;
    const operation = doc.paths['/api/v1/status'].get;
    expect(operation).toMatchObject({ operationId: 'getChannelStatus', tags: ['Service'] });
    expect(operation.description).toContain('Rôle requis : viewer.');
    expect(doc.components.schemas.ChannelStatus.properties.telegram).toBeDefined();
  });
});
