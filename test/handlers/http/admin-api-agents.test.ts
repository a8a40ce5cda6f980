// The admin API for the console's agent features: linking one's Telegram chat, sending a campaign
// test, the audit trail's filters and the subscribers' growth, each with the role it needs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramSender } from '#adapters/telegram/sender';
import { linkTelegramChat } from '#core/agents/telegram-link';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { createTelegramSimulator } from '#local/telegram-simulator/index';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;
let noTelegram: ReturnType<typeof adminApi>;
const sim = createTelegramSimulator();
let sender: ReturnType<typeof createTelegramSender>;

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, token: string, body?: unknown, on = app): Promise<JsonResponse> =>
  on.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const tokens: Record<'editor' | 'viewer', string> = { editor: '', viewer: '' };
const ids: Record<'editor' | 'viewer', string> = { editor: '', viewer: '' };
let campaignId = '';

beforeAll(async () => {
  env = await startHttpDeps();
  sender = createTelegramSender({ token: sim.token, apiRoot: await sim.start(), maxAttempts: 1 });
  app = adminApi({ ...env.deps, telegram: sender }, { bootstrapTokenHash: hashToken(ADMIN) });
  noTelegram = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
  for (const role of ['editor', 'viewer'] as const) {
    const body = await (await call('POST', '/api/v1/agents', ADMIN, { name: `Agent ${role}`, role })).json();
    tokens[role] = body.token;
    ids[role] = body.agent.id;
  }
  const campaign = await call('POST', '/api/v1/campaigns', tokens.editor, {
    message: { title: 'La carte est ouverte', text: 'Signalez les points noirs.', link: 'https://example.org' },
    channels: ['telegram'],
    sendAt: '2026-11-26T09:00:00+01:00',
  });
  campaignId = (await campaign.json()).id;
});
afterAll(async () => {
  sender.close();
  await sim.stop();
  await env.close();
});

describe('POST /api/v1/agents/me/telegram-link', () => {
  it('gives any agent, a viewer included, a one-time code and the command to send', async () => {
    const res = await call('POST', '/api/v1/agents/me/telegram-link', tokens.viewer);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      code: expect.stringMatching(/^[A-Z2-9]{8}$/),
      expiresAt: '2026-11-25T10:10:00.000Z',
      command: `/lier ${body.code}`,
    });
  });

  it('refuses the bootstrap admin, in French', async () => {
    const res = await call('POST', '/api/v1/agents/me/telegram-link', ADMIN);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      message: expect.stringContaining('n’est pas un agent enregistré'),
      violations: [{ rule: 'registered_agent' }],
    });
  });
});

describe('POST /api/v1/campaigns/{id}/test', () => {
  it('is refused to a viewer, and to an editor without a linked chat (saying how to link)', async () => {
    expect((await call('POST', `/api/v1/campaigns/${campaignId}/test`, tokens.viewer)).status).toBe(403);
    const res = await call('POST', `/api/v1/campaigns/${campaignId}/test`, tokens.editor);
    expect(res.status).toBe(409);
    expect((await res.json()).error.violations).toEqual([
      expect.objectContaining({ rule: 'telegram_not_linked', message: expect.stringContaining('/lier') }),
    ]);
  });

  it('sends to the editor’s linked chat; /me and the agents list show the link, never the chat id', async () => {
    const { code } = await (await call('POST', '/api/v1/agents/me/telegram-link', tokens.editor)).json();
    // As in Telegram, the agent wrote to the bot first (with the code: the bot's own path is tested in bot/agent-link).
    await sim.citizenSays(6001, `/lier ${code}`);
    await linkTelegramChat(env.deps, code, 6001);
    const res = await call('POST', `/api/v1/campaigns/${campaignId}/test`, tokens.editor);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ campaignId, sentAt: '2026-11-25T10:00:00.000Z', withQuestion: false });
    expect(sim.lastBotMessage(6001)?.text).toMatch(/^\[TEST\] La carte est ouverte/);

    expect(await (await call('GET', '/api/v1/me', tokens.editor)).json()).toMatchObject({ telegramLinked: true });
    expect(await (await call('GET', '/api/v1/me', tokens.viewer)).json()).toMatchObject({ telegramLinked: false });
    expect(await (await call('GET', '/api/v1/me', ADMIN)).json()).toMatchObject({ telegramLinked: false });
    const list = await (await call('GET', '/api/v1/agents', ADMIN)).text();
    expect(list).toContain('"telegramLinked":true');
    expect(list).toContain(`"lastActiveAt":"2026-11-25T10:00:00.000Z"`);
    expect(list).not.toContain('6001');
    expect(list).not.toContain('telegramChatId');
  });

  it('says « Telegram non configuré » where the service has no bot token, and 404 for an unknown campaign', async () => {
    const res = await call('POST', `/api/v1/campaigns/${campaignId}/test`, tokens.editor, undefined, noTelegram);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain('Telegram non configuré');
    expect((await call('POST', '/api/v1/campaigns/nope/test', tokens.editor)).status).toBe(404);
  });
});

describe('GET /api/v1/audit filters', () => {
  const actions = async (query: string) =>
    ((await (await call('GET', `/api/v1/audit?${query}`, tokens.viewer)).json()).items as { action: string }[]).map(
      (e) => e.action,
    );

  it('filters by agent, entity type, entity and action prefix, for a viewer', async () => {
    expect(await actions(`agentId=${ids.editor}`)).toEqual(
      expect.arrayContaining(['campaign.create', 'campaign.test', 'agent.telegram_link']),
    );
    expect(new Set(await actions('agentId=admin'))).toEqual(new Set(['agent.create']));
    expect(new Set(await actions('entityType=campaign'))).toEqual(new Set(['campaign.create', 'campaign.test']));
    expect(await actions(`entityType=campaign&entityId=${campaignId}&action=campaign.t`)).toEqual(['campaign.test']);
    expect(new Set(await actions('action=agent.'))).toEqual(new Set(['agent.create', 'agent.telegram_link']));
  });

  it('refuses a malformed action filter', async () => {
    const res = await call('GET', '/api/v1/audit?action=DROP%20TABLE', tokens.viewer);
    expect(res.status).toBe(400);
  });
});

describe('GET /api/v1/subscribers/stats', () => {
  it('adds the weekly growth, for a viewer', async () => {
    await env.deps.store.subscribers.addGrowth('2026-11-24', { joined: 3, left: 1 });
    const res = await call('GET', '/api/v1/subscribers/stats?weeks=2', tokens.viewer);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      pending: 0,
      active: 0,
      blocked: 0,
      left: 0,
      growth: {
        weeks: [
          { weekStart: '2026-11-16', joined: 0, left: 0 },
          { weekStart: '2026-11-23', joined: 3, left: 1 },
        ],
      },
    });
    expect((await (await call('GET', '/api/v1/subscribers/stats', tokens.viewer)).json()).growth.weeks).toHaveLength(8);
    expect((await call('GET', '/api/v1/subscribers/stats?weeks=60', tokens.viewer)).status).toBe(400);
  });
});
