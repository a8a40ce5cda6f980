// The console's « Telegram non configuré » banner: on every full page while the bot token is missing,
// « Telegram indisponible » when the secret cannot be read (or the reader throws), nothing once
// configured or where the process has no status reader (the local runtime); live fragments never read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import type { ChannelStatus } from '#core/channels/status';
import { createHttpApp } from '#handlers/http/app';
import { type ConsoleClient, consoleClient } from '../../../support/console-client';
import { startHttpDeps } from '../../../support/http-deps';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-banner-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let browser: ConsoleClient;
let current: ChannelStatus | Error;
let reads = 0;

const html = async (path: string) => {
  const res = await browser.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const banner = (page: string) => /<div class="notice warning channel-banner"[^>]*>([\s\S]*?)<\/div>/.exec(page)?.[1];

beforeAll(async () => {
  env = await startHttpDeps();
  env.deps.channelStatus = async () => {
    reads++;
    if (current instanceof Error) throw current;
    return current;
  };
  await env.deps.store.campaigns.create({
    id: 'enattente',
    status: 'sending',
    message: { title: 'Campagne en attente', text: 'Texte', link: 'https://example.org/' },
    channels: ['telegram', 'feeds'],
    audience: { kind: 'everyone' },
    sendAt: '2026-11-25T09:00:00.000Z',
    createdBy: 'admin',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    version: 1,
  });
  browser = consoleClient(createHttpApp(env.deps, { bootstrapTokenHash: hashToken(ADMIN_TOKEN) }));
  current = { telegram: { state: 'configured' } };
  await browser.signIn(ADMIN_TOKEN);
});
afterAll(() => env.close());

describe('the « Telegram non configuré » banner', () => {
  it('is on the home page and on the pages where agents schedule, while the bot token is missing', async () => {
    current = { telegram: { state: 'unconfigured', reason: 'botToken is empty' } };
    for (const path of ['/console', '/console/campagnes', '/console/campagnes/nouvelle']) {
      const text = banner(await html(path));
      expect(text, path).toContain('Telegram non configuré');
      expect(text, path).toContain('leurs envois Telegram attendent');
    }
  });

  it('says « indisponible » when the secret cannot be read, and a throwing reader does not take the page down', async () => {
    current = { telegram: { state: 'unavailable', reason: 'AccessDeniedException' } };
    expect(banner(await html('/console'))).toContain('Telegram indisponible');
    current = new Error('boom');
    expect(banner(await html('/console'))).toContain('Telegram indisponible');
  });

  it('is gone once Telegram is configured', async () => {
    current = { telegram: { state: 'configured' } };
    const page = await html('/console');
    expect(page).toContain('Tableau de bord');
    expect(banner(page)).toBeUndefined();
  });

  it('is not read by the live fragments that poll every 2 seconds', async () => {
    current = { telegram: { state: 'unconfigured', reason: 'botToken is empty' } };
    const before = reads;
    const fragment = await html('/console/campagnes/enattente/envoi/fragment');
    expect(reads).toBe(before);
    expect(banner(fragment)).toBeUndefined();
    expect(banner(await html('/console/campagnes/enattente/envoi'))).toContain('Telegram non configuré');
    expect(reads).toBe(before + 1);
  });

  it('never shows where the process has no status reader (the local runtime always has a bot)', async () => {
    const reader = env.deps.channelStatus;
    delete env.deps.channelStatus;
    try {
      expect(banner(await html('/console'))).toBeUndefined();
    } finally {
      env.deps.channelStatus = reader;
    }
  });
});
