// PATCH of a questionnaire's results policy over the admin API: private → public is refused (409)
// until `confirmPublication=true`, whose refusal explains what would be published; confirmed, it
// sets publicFrom; a malformed confirmation is a 400; public → private needs nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-policy-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;
let id = '';

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
  const created = await call('POST', '/api/v1/questionnaires', {
    title: 'Le marché couvert',
    opensAt: '2026-11-20T08:00:00Z',
    closesAt: '2026-12-20T17:00:00Z',
    resultsPolicy: 'private',
    nextSteps: 'Une synthèse en janvier.',
    questions: [{ kind: 'yes_no', id: 'q1', prompt: 'Le dimanche aussi ?' }],
  });
  expect(created.status).toBe(201);
  id = (await created.json()).id;
  await env.deps.store.responses.save(
    {
      questionnaireId: id,
      subscriberId: 'p1',
      answers: { q1: true },
      complete: true,
      createdAt: '2026-11-21T10:00:00.000Z',
      updatedAt: '2026-11-21T10:00:00.000Z',
      version: 1,
    },
    undefined,
  );
});
afterAll(() => env.close());

describe('PATCH /api/v1/questionnaires/{id}: results policy', () => {
  it('answers 400 to a confirmation that is not true or false', async () => {
    const res = await call('PATCH', `/api/v1/questionnaires/${id}?confirmPublication=oui`, {
      resultsPolicy: 'public_live',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.violations[0].field).toBe('confirmPublication');
  });

  it('answers 409 without confirmation, explaining what would become visible and what stays private', async () => {
    for (const query of ['', '?confirmPublication=false']) {
      const res = await call('PATCH', `/api/v1/questionnaires/${id}${query}`, { resultsPolicy: 'public_live' });
      expect(res.status).toBe(409);
      const { error } = await res.json();
      expect(error.code).toBe('Conflict');
      expect(error.violations).toEqual([
        { field: 'resultsPolicy', rule: 'publication_needs_confirmation', message: error.message },
      ]);
      expect(error.message).toMatch(/Deviendront publics : le nombre de répondant·es/);
      expect(error.message).toContain(
        'Resteront privées : la réponse déjà reçue, donnée sous la promesse « résultats privés »',
      );
    }
    expect((await (await call('GET', `/api/v1/questionnaires/${id}`)).json()).resultsPolicy).toBe('private');
  });

  it('applies a confirmed publication and sets publicFrom to now; going private again needs nothing', async () => {
    const res = await call('PATCH', `/api/v1/questionnaires/${id}?confirmPublication=true`, {
      resultsPolicy: 'public_live',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      resultsPolicy: 'public_live',
      publicFrom: env.clock.now().toISOString(),
      version: 2,
    });
    const back = await call('PATCH', `/api/v1/questionnaires/${id}`, { resultsPolicy: 'private' });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ resultsPolicy: 'private', version: 3 });
  });
});
