// The admin API Lambda's entry as Lambda runs it, its admin secret in the Secrets Manager stand-in:
// a failed read answers 503 and is not kept (the next request reads again), /health needs no secret,
// and a rotated bootstrap token replaces the old one once the max age has passed — no redeploy.
import { afterAll, beforeAll, expect, it } from 'vitest';
// Types only: the module itself is imported once the environment is set.
import type { handler as AdminApiHandler } from '#handlers/lambda/admin-api';
import { type LambdaWorld, answered, httpEvent, lambdaContext, startLambdaWorld } from './support';

const FIRST = 'first-admin-token-'.padEnd(40, 'f');
const ROTATED = 'rotated-admin-token-'.padEnd(40, 'r');

let w: LambdaWorld;
let handler: typeof AdminApiHandler;
beforeAll(async () => {
  w = await startLambdaWorld({ adminToken: FIRST });
  ({ handler } = await import('#handlers/lambda/admin-api'));
});
afterAll(() => w.close());

const get = async (path: string, token?: string) =>
  answered(
    await handler(
      httpEvent('GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
      lambdaContext(29_000),
    ),
  );

it('answers 503 while the admin secret cannot be read, serves /health meanwhile, and reads it again at the next request', async () => {
  // The SDK's own 3 attempts all fail.
  w.sm.failNext(3, { status: 500, type: 'InternalServiceError' });
  const refused = await get('/api/v1/me', FIRST);
  expect(refused.status).toBe(503);
  expect(refused.body?.error).toMatch(/secret d’administration illisible/);
  expect((await get('/health')).status).toBe(200);
  w.later(1000);
  expect(await get('/api/v1/me', FIRST)).toMatchObject({ status: 200, body: { role: 'admin' } });
});

it('follows a rotated bootstrap token once the max age has passed', async () => {
  w.sm.put('porte-voix/admin', { adminToken: ROTATED });
  expect((await get('/api/v1/me', FIRST)).status).toBe(200);
  w.later(301_000);
  expect((await get('/api/v1/me', FIRST)).status).toBe(401);
  expect((await get('/api/v1/me', ROTATED)).status).toBe(200);
  const printed = JSON.stringify(w.printed());
  for (const token of [FIRST, ROTATED]) expect(printed).not.toContain(token);
});

it('keeps the working token when the admin secret is rewritten with a bad shape, and says so by name', async () => {
  w.sm.put('porte-voix/admin', { adminToken: 'too-short' });
  w.later(301_000);
  expect((await get('/api/v1/me', ROTATED)).status).toBe(200);
  expect(w.printed().findLast((l) => l.message === 'secret read failed: retried at its next use')).toMatchObject({
    secret: 'ADMIN_SECRET_ARN',
    reason: 'secret ADMIN_SECRET_ARN: unexpected shape at adminToken (expected {adminToken})',
  });
  expect(JSON.stringify(w.printed())).not.toContain('too-short');
});
