// The local runtime wires campaign tests to the Telegram it runs (here the embedded simulator),
// over HTTP only: an agent gets a code, sends /lier to the bot from their chat, then a test of a
// campaign arrives there, marked [TEST].
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';

const ADMIN = 'pv_local-admin-token-0123456789';
let runtime: LocalRuntime;
let dataDir: string;

const http = async (method: string, path: string, token: string | null, body?: unknown) => {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-test-send-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'SILENT' });
  runtime = await startLocalRuntime(config, { inMemory: true, demoData: false });
});
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('campaign tests in the local runtime', () => {
  it('reach the agent’s chat through the simulator once it is linked', async () => {
    const editor = (await http('POST', '/api/v1/agents', ADMIN, { name: 'Camille', role: 'editor' })).json.token;
    const { command } = (await http('POST', '/api/v1/agents/me/telegram-link', editor)).json;
    const said = await http('POST', '/simulator/chats/8001/messages', null, { text: command });
    expect(said.status).toBe(200);
    const chat = async () =>
      (await http('GET', '/simulator/chats/8001/messages', null)).json.filter(
        (m: { from: string }) => m.from === 'bot',
      );
    expect((await chat()).at(-1).text).toContain('Ce chat est lié à votre compte d’agent : Camille');

    const campaign = await http('POST', '/api/v1/campaigns', editor, {
      message: { title: 'Atelier vélo', text: 'Venez nombreux.', link: 'https://example.org/velo' },
      channels: ['telegram'],
      sendAt: '2099-01-01T09:00:00Z',
    });
    const sent = await http('POST', `/api/v1/campaigns/${campaign.json.id}/test`, editor);
    expect(sent.status).toBe(200);
    expect((await chat()).at(-1).text).toMatch(/^\[TEST\] Atelier vélo/);
  });
});
