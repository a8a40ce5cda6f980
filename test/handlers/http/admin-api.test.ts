import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN,
  headers: Record<string, string> = {},
): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

const demarche = {
  slug: 'plan-velo-reze',
  title: 'Plan vélo de Rezé',
  summary: 'Rezé prépare son plan vélo.',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/project/plan-velo-reze',
  themes: ['mobilites'],
  territories: ['reze'],
  steps: [
    { id: 'atelier', kind: 'workshop', title: 'Atelier', start: '2026-12-05T17:00:00+01:00' },
    { id: 'info', kind: 'information', title: 'Réunion', start: '2026-11-20T18:00:00+01:00' },
  ],
};
const questionnaire = {
  title: 'Le vélo à Rezé',
  demarcheSlug: 'plan-velo-reze',
  opensAt: '2026-11-20T00:00:00Z',
  closesAt: '2026-12-20T00:00:00Z',
  nextSteps: 'Présenté à l’atelier.',
  questions: [{ kind: 'yes_no', id: 'velo', prompt: 'À vélo chaque semaine ?' }],
};
const campaign = {
  message: {
    title: 'La carte est ouverte',
    text: 'Signalez les points noirs.',
    link: 'https://dialoguecitoyen.metropole.nantes.fr',
  },
  channels: ['telegram', 'feeds'],
  sendAt: '2026-11-26T09:00:00+01:00',
};

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
});
afterAll(() => env.close());

describe('admin API: the agent journey', () => {
  let editorToken = '';
  let viewerToken = '';
  let questionnaireId = '';
  let campaignId = '';

  it('lets the bootstrap admin create agents whose tokens work and are shown once', async () => {
    const res = await call('POST', '/api/v1/agents', { name: 'Camille', role: 'editor' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.token).toMatch(/^pv_/);
    expect(body.agent).not.toHaveProperty('tokenHash');
    editorToken = body.token;
    viewerToken = (await (await call('POST', '/api/v1/agents', { name: 'Dominique', role: 'viewer' })).json()).token;
    const me = await (await call('GET', '/api/v1/me', undefined, editorToken)).json();
    expect(me).toMatchObject({ name: 'Camille', role: 'editor' });
    const list = await (await call('GET', '/api/v1/agents')).json();
    expect(JSON.stringify(list)).not.toContain(editorToken);
  });

  it('creates a démarche with its timeline sorted and dates in UTC', async () => {
    const res = await call('POST', '/api/v1/demarches', demarche, editorToken);
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const body = await res.json();
    expect(body.steps.map((s: { id: string }) => s.id)).toEqual(['info', 'atelier']);
    expect(body.steps[1].start).toBe('2026-12-05T16:00:00.000Z');
    const read = await call('GET', '/api/v1/demarches/plan-velo-reze', undefined, viewerToken);
    expect((await read.json()).title).toBe('Plan vélo de Rezé');
  });

  it('creates a questionnaire and a campaign, then schedules the campaign', async () => {
    const q = await call('POST', '/api/v1/questionnaires', questionnaire, editorToken);
    expect(q.status).toBe(201);
    questionnaireId = (await q.json()).id;
    const c = await call(
      'POST',
      '/api/v1/campaigns',
      { ...campaign, questionnaireId, demarcheSlug: 'plan-velo-reze' },
      editorToken,
    );
    expect(c.status).toBe(201);
    const created = await c.json();
    expect(created.status).toBe('draft');
    campaignId = created.id;
    const s = await call('POST', `/api/v1/campaigns/${campaignId}/schedule`, undefined, editorToken);
    expect(s.status).toBe(200);
    expect((await s.json()).status).toBe('scheduled');
    const due = await env.deps.store.campaigns.listDue('2026-11-26T09:00:00.000Z');
    expect(due.map((d) => d.id)).toContain(campaignId);
  });

  it('updates with optimistic locking: a stale If-Match is refused', async () => {
    env.clock.advance(60_000); // the audit trail orders by time: the update comes after the creation
    const ok = await call('PATCH', '/api/v1/demarches/plan-velo-reze', { title: 'Plan vélo 2027' }, editorToken, {
      'If-Match': '"1"',
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).version).toBe(2);
    const stale = await call('PATCH', '/api/v1/demarches/plan-velo-reze', { title: 'Autre' }, editorToken, {
      'If-Match': '"1"',
    });
    expect(stale.status).toBe(409);
    expect((await (await call('GET', '/api/v1/demarches/plan-velo-reze')).json()).title).toBe('Plan vélo 2027');
  });

  it('records who changed what, and when, in the audit trail', async () => {
    const res = await call('GET', '/api/v1/audit?entityType=demarche&entityId=plan-velo-reze', undefined, viewerToken);
    const { items } = await res.json();
    expect(items.map((e: { action: string }) => e.action)).toEqual(['demarche.update', 'demarche.create']);
    expect(items[0]).toMatchObject({
      actor: { name: 'Camille' },
      changes: { title: { before: 'Plan vélo de Rezé', after: 'Plan vélo 2027' } },
    });
    const all = await (await call('GET', '/api/v1/audit?limit=100')).json();
    expect(all.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['agent.create', 'questionnaire.create', 'campaign.create', 'campaign.schedule']),
    );
  });

  it('cancels a scheduled campaign, which leaves the due index, and refuses to edit it afterwards', async () => {
    expect((await call('POST', `/api/v1/campaigns/${campaignId}/cancel`, undefined, editorToken)).status).toBe(200);
    expect(await env.deps.store.campaigns.listDue('2030-01-01T00:00:00Z')).toEqual([]);
    const edit = await call('PATCH', `/api/v1/campaigns/${campaignId}`, { channels: ['feeds'] }, editorToken);
    expect(edit.status).toBe(409);
    expect((await edit.json()).error.violations[0].rule).toBe('editable_only_draft_or_scheduled');
  });

  it('reads a questionnaire’s results', async () => {
    const res = await call('GET', `/api/v1/questionnaires/${questionnaireId}/results`, undefined, viewerToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      respondents: 0,
      phase: 'open',
      questions: [{ questionId: 'velo', yes: 0, no: 0 }],
    });
  });

  it('forbids a viewer to write, with 403 naming the role', async () => {
    const res = await call('POST', '/api/v1/demarches', { ...demarche, slug: 'autre' }, viewerToken);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/editor/);
    expect(await env.deps.store.demarches.get('autre')).toBeUndefined();
    expect((await call('POST', '/api/v1/agents', { name: 'X', role: 'admin' }, editorToken)).status).toBe(403);
  });
});

describe('admin API: bad input gets a clear answer and writes nothing', () => {
  it('401 without a token or with a wrong one', async () => {
    const none = await call('GET', '/api/v1/demarches', undefined, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await call('GET', '/api/v1/demarches', undefined, 'pv_wrong')).status).toBe(401);
    expect((await call('POST', '/api/v1/demarches', { ...demarche, slug: 'intrus' }, 'pv_wrong')).status).toBe(401);
    expect(await env.deps.store.demarches.get('intrus')).toBeUndefined();
  });

  it('400 naming the field and the rule for an invalid body', async () => {
    const res = await call('POST', '/api/v1/demarches', { ...demarche, slug: 'mauvais-lien', link: 'pas une url' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.violations).toEqual([expect.objectContaining({ field: 'link', rule: 'invalid_format' })]);
    expect(await env.deps.store.demarches.get('mauvais-lien')).toBeUndefined();
  });

  it('400 for a body that is not JSON', async () => {
    const res = await call('POST', '/api/v1/demarches', '{"slug": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error.violations[0].rule).toBe('json_body');
  });

  it('refuses a questionnaire with an empty option list, with the rule', async () => {
    const res = await call('POST', '/api/v1/questionnaires', {
      ...questionnaire,
      questions: [{ kind: 'single_choice', id: 'q', prompt: 'Choix ?', options: [] }],
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.violations[0]).toMatchObject({ field: 'questions.0.options', rule: 'too_small' });
    expect((await env.deps.store.questionnaires.list()).items.every((q) => q.questions[0]?.id !== 'q')).toBe(true);
  });

  it('refuses to schedule a campaign whose time has passed since it was written, with the rule', async () => {
    const soon = new Date(env.clock.now().getTime() + 5 * 60_000).toISOString();
    const draft = await (await call('POST', '/api/v1/campaigns', { ...campaign, sendAt: soon })).json();
    expect(draft.status).toBe('draft');
    env.clock.advance(10 * 60_000);
    const res = await call('POST', `/api/v1/campaigns/${draft.id}/schedule`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.violations[0]).toMatchObject({ field: 'sendAt', rule: 'send_at_in_future' });
    expect((await env.deps.store.campaigns.get(draft.id))?.status).toBe('draft');
  });

  it('refuses a text for X over 280 weighted characters, with its count', async () => {
    const long = { ...campaign, channels: ['x'], xText: 'é'.repeat(300) };
    const res = await call('POST', '/api/v1/campaigns', long);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.violations[0]).toMatchObject({ field: 'xText', rule: 'x_post_max_280' });
    expect(error.message).toMatch(/\d{3} caractères pondérés sur 280/);
    const fits = await call('POST', '/api/v1/campaigns', {
      ...long,
      xText: 'Plan vélo : la carte est ouverte https://dialoguecitoyen.metropole.nantes.fr',
    });
    expect(fits.status).toBe(201);
  });

  it('404 for an unknown resource, and for a campaign naming an unknown démarche', async () => {
    expect((await call('GET', '/api/v1/demarches/inconnue')).status).toBe(404);
    expect((await call('GET', '/api/v1/campaigns/nope')).status).toBe(404);
    const res = await call('POST', '/api/v1/campaigns', { ...campaign, demarcheSlug: 'inconnue' });
    expect(res.status).toBe(404);
    expect((await call('GET', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('409 when creating a démarche whose slug exists', async () => {
    const res = await call('POST', '/api/v1/demarches', { ...demarche, slug: 'plan-velo-reze' });
    expect(res.status).toBe(409);
  });
});
