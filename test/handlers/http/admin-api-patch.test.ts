// PATCH as agents expect it (JSON Merge Patch, RFC 7396), and the input the API refuses before
// it reaches the store: unknown or immutable fields, a send time in the past, ids too long to be
// keys, bodies over 1 MB. Whatever is refused writes nothing and leaves no audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-patch-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

const demarche = {
  slug: 'ecole-des-bourderies',
  title: 'Nouvelle école des Bourderies',
  summary: 'Le quartier dessine sa future école.',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/project/ecole-des-bourderies',
  themes: ['education'],
  territories: ['nantes-sud'],
  steps: [{ id: 'atelier', kind: 'workshop', title: 'Atelier', start: '2026-12-05T17:00:00+01:00' }],
};
const campaign = {
  message: {
    title: 'Atelier le 5 décembre',
    text: 'Venez dessiner l’école.',
    link: 'https://dialoguecitoyen.metropole.nantes.fr',
    imageUrl: 'https://dialoguecitoyen.metropole.nantes.fr/ecole.png',
  },
  channels: ['telegram', 'feeds'],
  audience: { kind: 'followers', demarches: ['ecole-des-bourderies'] },
  sendAt: '2026-12-01T09:00',
  xText: 'Atelier le 5 décembre',
};
const questionnaire = {
  title: 'L’école de demain',
  intro: 'Trois questions.',
  opensAt: '2026-12-01T00:00:00Z',
  closesAt: '2026-12-20T00:00:00Z',
  nextSteps: 'Présenté à l’atelier.',
  questions: [{ kind: 'yes_no', id: 'cour', prompt: 'Une cour végétalisée ?' }],
};

const auditCount = async (type: 'demarche' | 'campaign' | 'questionnaire', id: string) =>
  (await env.deps.store.audit.list({ entity: { type, id }, limit: 100 })).items.length;

let campaignId = '';
let questionnaireId = '';

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
  expect((await call('POST', '/api/v1/demarches', demarche)).status).toBe(201);
  const created = await call('POST', '/api/v1/campaigns', campaign);
  expect(created.status).toBe(201);
  campaignId = (await created.json()).id;
  questionnaireId = (await (await call('POST', '/api/v1/questionnaires', questionnaire)).json()).id;
});
afterAll(() => env.close());

/** Sends a patch that must be refused, and checks that nothing was written. */
async function expectRefused(path: string, type: 'campaign' | 'demarche' | 'questionnaire', id: string, body: unknown) {
  const before = await (await call('GET', path)).json();
  const audits = await auditCount(type, id);
  const res = await call('PATCH', path, body);
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(await (await call('GET', path)).json()).toEqual(before);
  expect(await auditCount(type, id)).toBe(audits);
  return (await res.json()).error as { violations: { field: string; rule: string }[] };
}

describe('PATCH is a JSON Merge Patch', () => {
  it('changes a nested field alone, keeping its siblings', async () => {
    env.clock.advance(60_000);
    const res = await call('PATCH', `/api/v1/campaigns/${campaignId}`, { message: { title: 'Atelier le 6 décembre' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.message).toEqual({ ...campaign.message, title: 'Atelier le 6 décembre' });
    expect(body.version).toBe(2);
    expect(res.headers.get('etag')).toBe('"2"');
    const [entry] = (await env.deps.store.audit.list({ entity: { type: 'campaign', id: campaignId } })).items;
    expect(Object.keys(entry!.changes)).toEqual(['message']);
  });

  it('removes an optional field with null, and replaces arrays whole', async () => {
    const res = await call('PATCH', `/api/v1/campaigns/${campaignId}`, {
      message: { imageUrl: null },
      xText: null,
      channels: ['feeds'],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.message).not.toHaveProperty('imageUrl');
    expect(body).not.toHaveProperty('xText');
    expect(body.channels).toEqual(['feeds']);
    const q = await call('PATCH', `/api/v1/questionnaires/${questionnaireId}`, { intro: null });
    expect(q.status).toBe(200);
    expect(await q.json()).not.toHaveProperty('intro');
  });

  it('switches an audience’s kind, the other kind’s fields dropped', async () => {
    const res = await call('PATCH', `/api/v1/campaigns/${campaignId}`, { audience: { kind: 'everyone' } });
    expect(res.status).toBe(200);
    expect((await res.json()).audience).toEqual({ kind: 'everyone' });
  });

  it('writes nothing for a patch that changes nothing: same version, no audit entry, 200 with the resource', async () => {
    for (const [path, type, id, patch] of [
      [`/api/v1/campaigns/${campaignId}`, 'campaign', campaignId, { channels: ['feeds'] }],
      [`/api/v1/campaigns/${campaignId}`, 'campaign', campaignId, {}],
      [`/api/v1/demarches/${demarche.slug}`, 'demarche', demarche.slug, { title: demarche.title }],
      [`/api/v1/demarches/${demarche.slug}`, 'demarche', demarche.slug, { steps: demarche.steps }],
      [
        `/api/v1/questionnaires/${questionnaireId}`,
        'questionnaire',
        questionnaireId,
        { questions: questionnaire.questions },
      ],
    ] as const) {
      const before = await (await call('GET', path)).json();
      const audits = await auditCount(type, id);
      env.clock.advance(1000);
      const res = await call('PATCH', path, patch);
      expect(res.status, JSON.stringify(patch)).toBe(200);
      expect(await res.json()).toEqual(before);
      expect(res.headers.get('etag')).toBe(`"${before.version}"`);
      expect(await auditCount(type, id)).toBe(audits);
    }
  });
});

describe('PATCH refuses what it cannot apply, and writes nothing', () => {
  it('names an unknown field, at the top or nested, with the rule unknown_field', async () => {
    const path = `/api/v1/campaigns/${campaignId}`;
    const top = await expectRefused(path, 'campaign', campaignId, { sendat: '2026-12-02T09:00' });
    expect(top.violations).toEqual([expect.objectContaining({ field: 'sendat', rule: 'unknown_field' })]);
    const nested = await expectRefused(path, 'campaign', campaignId, { message: { titel: 'Atelier' } });
    expect(nested.violations).toEqual([expect.objectContaining({ field: 'message.titel', rule: 'unknown_field' })]);
    const steps = [{ ...demarche.steps[0], strat: '2026-12-05T18:00' }];
    const inArray = await expectRefused(`/api/v1/demarches/${demarche.slug}`, 'demarche', demarche.slug, { steps });
    expect(inArray.violations).toEqual([expect.objectContaining({ field: 'steps.0.strat', rule: 'unknown_field' })]);
  });

  it('refuses fields that are not the agent’s to change: id, status, version, createdBy, slug', async () => {
    const path = `/api/v1/campaigns/${campaignId}`;
    for (const field of ['id', 'status', 'version', 'createdBy', 'createdAt']) {
      const { violations } = await expectRefused(path, 'campaign', campaignId, { [field]: 'x' });
      expect(violations, field).toEqual([expect.objectContaining({ field, rule: 'unknown_field' })]);
    }
    const slug = await expectRefused(`/api/v1/demarches/${demarche.slug}`, 'demarche', demarche.slug, {
      slug: 'autre-ecole',
    });
    expect(slug.violations).toEqual([expect.objectContaining({ field: 'slug' })]);
  });

  it('refuses null on a required field, naming it', async () => {
    const { violations } = await expectRefused(`/api/v1/campaigns/${campaignId}`, 'campaign', campaignId, {
      message: { title: null },
    });
    expect(violations[0]).toMatchObject({ field: 'message.title' });
  });

  it('refuses a sendAt in the past on PATCH and on POST with send_at_in_future', async () => {
    const past = '2026-11-25T08:00:00Z';
    const patched = await expectRefused(`/api/v1/campaigns/${campaignId}`, 'campaign', campaignId, { sendAt: past });
    expect(patched.violations).toEqual([expect.objectContaining({ field: 'sendAt', rule: 'send_at_in_future' })]);
    const before = (await env.deps.store.campaigns.list({ limit: 100 })).items.length;
    const audits = (await env.deps.store.audit.list({ limit: 100 })).items.length;
    const posted = await call('POST', '/api/v1/campaigns', { ...campaign, sendAt: past });
    expect(posted.status).toBe(400);
    expect((await posted.json()).error.violations).toEqual([
      expect.objectContaining({ field: 'sendAt', rule: 'send_at_in_future' }),
    ]);
    expect((await env.deps.store.campaigns.list({ limit: 100 })).items).toHaveLength(before);
    expect((await env.deps.store.audit.list({ limit: 100 })).items).toHaveLength(audits);
  });

  it('answers 409 to a stale If-Match, and 400 to one that is not a version', async () => {
    const path = `/api/v1/demarches/${demarche.slug}`;
    const stale = await app.request(path, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', 'If-Match': '"99"' },
      body: JSON.stringify({ title: 'Autre' }),
    });
    expect(stale.status).toBe(409);
    const bad = await app.request(path, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json', 'If-Match': 'abc' },
      body: JSON.stringify({ title: 'Autre' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.violations[0]).toMatchObject({
      field: 'If-Match',
      rule: 'if_match_version',
    });
  });
});

describe('input too big to be ours', () => {
  it('answers 400 naming the parameter for a 2,000-character id, on every kind of route', async () => {
    const long = 'a'.repeat(2000);
    for (const [method, path, body] of [
      ['GET', `/api/v1/demarches/${long}`],
      ['PATCH', `/api/v1/demarches/${long}`, { title: 'x' }],
      ['GET', `/api/v1/campaigns/${long}`],
      ['PATCH', `/api/v1/campaigns/${long}`, { xText: 'x' }],
      ['POST', `/api/v1/campaigns/${long}/schedule`],
      ['GET', `/api/v1/campaigns/${long}/preview`],
      ['GET', `/api/v1/questionnaires/${long}/results`],
      ['GET', `/api/v1/questionnaires/${long}/responses.csv`],
      ['DELETE', `/api/v1/agents/${long}`],
      ['GET', `/api/v1/audit?entityType=campaign&entityId=${long}`],
    ] as const) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path.slice(0, 40)}`).toBe(400);
      const { error } = await res.json();
      expect(error.violations[0].rule, path.slice(0, 40)).toBe('too_big');
    }
  });

  it('answers 413 to a body over 1 MB, with a JSON error, and stores nothing', async () => {
    const before = (await env.deps.store.campaigns.list({ limit: 100 })).items.length;
    const big = { ...campaign, message: { ...campaign.message, text: 'x'.repeat(2 * 1024 * 1024) } };
    const res = await call('POST', '/api/v1/campaigns', big);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: 'PayloadTooLarge', violations: [{ rule: 'body_max_1mb' }] });
    expect((await env.deps.store.campaigns.list({ limit: 100 })).items).toHaveLength(before);
  });

  it('stops reading a body without Content-Length as soon as it passes 1 MB', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await app.request(`/api/v1/campaigns/${campaignId}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: endless,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it('answers 415 to a body that is not declared as JSON', async () => {
    const res = await app.request('/api/v1/demarches', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ ...demarche, slug: 'autre' }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).error.code).toBe('UnsupportedMediaType');
  });
});
