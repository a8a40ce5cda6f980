// Bad input at the HTTP boundary: refused with 400, the field, the rule and a French sentence;
// nothing stored, so what was there stays readable (a date beyond 9999 once broke a démarche's list).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-bad-input';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

interface ErrorBody {
  error: { code: string; message: string; violations: { field: string; rule: string; message: string }[] };
}
const call = async (method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const demarche = {
  slug: 'bords-de-loire',
  title: 'Bords de Loire',
  summary: 'Réaménager les quais.',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/bords-de-loire',
  territories: ['nantes'],
  steps: [{ id: 'atelier', kind: 'workshop', title: 'Atelier', start: '2026-12-05T18:00' }],
};

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
});
afterAll(() => env.close());

describe('bad input over HTTP', () => {
  it('says in French which field is missing', async () => {
    const res = await call('POST', '/api/v1/demarches', { ...demarche, title: undefined });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.violations).toEqual([{ field: 'title', rule: 'invalid_type', message: 'title : champ obligatoire' }]);
    expect(error.message).toMatch(/est invalide : title : champ obligatoire$/);
  });

  it('refuses a step dated beyond 9999, and the démarche and its list stay readable', async () => {
    expect((await call('POST', '/api/v1/demarches', demarche)).status).toBe(201);
    const steps = [{ ...demarche.steps[0], start: '9999-12-31T23:00:00-23:00' }];
    const res = await call('PATCH', `/api/v1/demarches/${demarche.slug}`, { steps });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.violations).toEqual([expect.objectContaining({ field: 'steps.0.start', rule: 'instant_year_range' })]);
    expect((await call('GET', `/api/v1/demarches/${demarche.slug}`)).status).toBe(200);
    expect((await call('GET', '/api/v1/demarches')).status).toBe(200);
  });

  it('refuses an invisible character in an agent’s name', async () => {
    const res = await call('POST', '/api/v1/agents', { name: 'Camille\u0000', role: 'editor' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.violations).toEqual([
      {
        field: 'name',
        rule: 'no_control_characters',
        message: 'name : caractère invisible interdit (U+0000) en position 8 : retirez-le',
      },
    ]);
  });
});
