// The announcements' admin routes: a démarche in review gets drafts, listed with their démarche and
// step, approved in one call; templates are read with their placeholders and refused (400) when
// they name an unknown one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { timeline } from '../../core/announcements/support';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-announcement-tests';
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

beforeAll(async () => {
  env = await startHttpDeps('2026-03-02T08:00:00.000Z');
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
});
afterAll(() => env.close());

describe('admin API: announcements', () => {
  it('lists the drafts of a démarche in review, soonest first, and approves one', async () => {
    const { announcementPolicy: _auto, ...inReview } = timeline();
    expect((await call('POST', '/api/v1/demarches', inReview)).status).toBe(201);
    const listed = await call('GET', '/api/v1/announcements');
    expect(listed.status).toBe(200);
    const { items } = await listed.json();
    expect(items.map((a: any) => [a.step.id, a.rule, a.campaign.status])).toEqual([
      ['consult', 'step_opens', 'draft'],
      ['quest', 'step_opens', 'draft'],
      ['atelier', 'step_opens', 'draft'],
      ['consult', 'closing_soon', 'draft'],
      ['synth', 'step_published', 'draft'],
    ]);
    expect(items[0].demarche).toEqual({ slug: 'budget-2027', title: 'Budget participatif 2027' });

    // The consultation opened an hour ago, within its grace: approved, it leaves a minute from now.
    env.clock.set('2026-03-03T09:00:00.000Z');
    const approved = await call('POST', `/api/v1/announcements/drafts/${items[0].campaign.id}/approve`);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'scheduled', sendAt: '2026-03-03T09:01:00.000Z' });
    // Past its grace (6 h), a draft is « périmée »: refused.
    env.clock.set('2026-03-04T15:00:00.000Z');
    const late = await call('POST', `/api/v1/announcements/drafts/${items[1].campaign.id}/approve`);
    expect(late.status).toBe(409);
  });

  it('reads the templates with their placeholders and refuses an unknown placeholder or an empty text', async () => {
    const listed = await (await call('GET', '/api/v1/announcements/templates')).json();
    expect(listed.items).toHaveLength(10);
    expect(Object.keys(listed.placeholders)).toEqual(['demarche', 'etape', 'date', 'heure', 'lien', 'jours']);
    const words = { fr: { title: 'Ouvert : {demarche}', text: '{etap}' }, en: { title: 'Open', text: '{etape}' } };
    const refused = await call('PUT', '/api/v1/announcements/templates/step_opens.event', words);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.violations).toEqual([
      expect.objectContaining({
        field: 'fr.text',
        message: expect.stringContaining('{etap} n’est pas un champ connu'),
      }),
    ]);
    const empty = await call('PUT', '/api/v1/announcements/templates/step_opens.event', {
      ...words,
      fr: { title: '', text: 'x' },
    });
    expect(empty.status).toBe(400);
    const saved = await call('PUT', '/api/v1/announcements/templates/step_opens.event', {
      ...words,
      fr: { ...words.fr, text: '{etape}' },
    });
    expect(saved.status).toBe(200);
    expect(await (await call('GET', '/api/v1/announcements/templates/step_opens.event')).json()).toMatchObject({
      custom: true,
      fr: { text: '{etape}' },
    });
  });
});
