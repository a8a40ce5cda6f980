// The admin routes of a campaign being sent: pause and resume (editor), cancel while sending, and
// the progress a console polls (viewer); refused moves answer 409 with their rule, roles 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { adminApi } from '#handlers/http/admin-api/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-sending-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, token: string, body?: unknown): Promise<JsonResponse> =>
  app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let editor = '';
let viewer = '';
const newAgent = async (name: string, role: string) =>
  (await (await call('POST', '/api/v1/agents', ADMIN, { name, role })).json()).token as string;

/** A campaign created and scheduled through the API, then taken by dispatch: `sending`. */
async function sendingCampaign(): Promise<string> {
  const sendAt = new Date(env.clock.now().getTime() + 60_000).toISOString();
  const created = await call('POST', '/api/v1/campaigns', editor, {
    message: { title: 'La carte est ouverte', text: 'Signalez les points noirs.', link: 'https://example.org' },
    channels: ['telegram', 'feeds'],
    sendAt,
  });
  const { id } = await created.json();
  expect((await call('POST', `/api/v1/campaigns/${id}/schedule`, editor)).status).toBe(200);
  env.clock.advance(61_000);
  await dispatchDueCampaigns({ ...env.deps, queue: { enqueue: async () => undefined } });
  return id;
}

beforeAll(async () => {
  env = await startHttpDeps();
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
  editor = await newAgent('Camille', 'editor');
  viewer = await newAgent('Dominique', 'viewer');
});
afterAll(() => env.close());

describe('admin API: pause, resume, cancel while sending, progress', () => {
  it('pauses and resumes a campaign being sent, with its new version in the ETag', async () => {
    const id = await sendingCampaign();
    const paused = await call('POST', `/api/v1/campaigns/${id}/pause`, editor);
    expect(paused.status).toBe(200);
    const body = await paused.json();
    expect(body).toMatchObject({ id, status: 'paused' });
    expect(paused.headers.get('ETag')).toBe(`"${body.version}"`);

    const resumed = await call('POST', `/api/v1/campaigns/${id}/resume`, editor);
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toMatchObject({ status: 'sending', round: 1, resumedAt: expect.any(String) });
  });

  it('refuses a move the lifecycle does not allow with 409 and its rule, and an unknown campaign with 404', async () => {
    const id = await sendingCampaign();
    const resume = await call('POST', `/api/v1/campaigns/${id}/resume`, editor);
    expect(resume.status).toBe(409);
    expect((await resume.json()).error.violations[0].rule).toBe('transition_sending_to_sending');
    expect((await call('POST', '/api/v1/campaigns/inconnue/pause', editor)).status).toBe(404);
    expect((await call('GET', '/api/v1/campaigns/inconnue/progress', viewer)).status).toBe(404);
  });

  it('lets a viewer read the progress but not pause, resume or cancel', async () => {
    const id = await sendingCampaign();
    for (const verb of ['pause', 'resume', 'cancel'])
      expect((await call('POST', `/api/v1/campaigns/${id}/${verb}`, viewer)).status).toBe(403);
    const progress = await call('GET', `/api/v1/campaigns/${id}/progress`, viewer);
    expect(progress.status).toBe(200);
    expect(await progress.json()).toEqual({
      campaignId: id,
      status: 'sending',
      recipients: 0,
      telegram: { sent: 0, failed: 0, blocked: 0, uncertain: 0, remaining: 0 },
      feeds: { published: 0, failed: 0, remaining: 1 },
      ratePerSecond: 0,
      failures: [],
      updatedAt: env.clock.now().toISOString(),
    });
  });

  it('cancels a campaign being sent, with its counts, for its own channels', async () => {
    const id = await sendingCampaign();
    const cancelled = await call('POST', `/api/v1/campaigns/${id}/cancel`, editor);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({
      status: 'cancelled',
      counts: { telegram: { sent: 0, failed: 0, blocked: 0, uncertain: 0 }, feeds: { published: 0, failed: 0 } },
    });
    expect((await (await call('GET', `/api/v1/campaigns/${id}/progress`, viewer)).json()).status).toBe('cancelled');
  });
});
