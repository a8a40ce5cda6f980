// The console's home: what leaves next (Paris time), what is leaving with its progress, what left
// last with its counts, and the audience by status with its weekly growth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '#core/campaigns/campaign';
import { countJoined } from '#core/subscribers/growth';
import { hashToken } from '#core/agents/tokens';
import { createHttpApp } from '#handlers/http/app';
import { consoleClient } from '../../../support/console-client';
import { startHttpDeps } from '../../../support/http-deps';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-home-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let html: string;

const campaign = (id: string, status: Campaign['status'], extra: Partial<Campaign> = {}): Campaign => ({
  id,
  status,
  message: { title: `Campagne ${id}`, text: 'Texte', link: 'https://example.org/' },
  channels: ['telegram', 'feeds'],
  audience: { kind: 'everyone' },
  sendAt: '2026-11-26T08:00:00.000Z',
  createdBy: 'admin',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  version: 1,
  ...extra,
});

beforeAll(async () => {
  env = await startHttpDeps('2026-11-25T10:00:00.000Z');
  const { campaigns } = env.deps.store;
  await campaigns.create(campaign('prochaine', 'scheduled', { sendAt: '2026-11-26T08:00:00.000Z' }));
  await campaigns.create(campaign('envoi', 'sending', { recipientCount: 40 }));
  await campaigns.create(
    campaign('envoyee', 'sent', {
      sentAt: '2026-11-24T08:05:00.000Z',
      counts: { telegram: { sent: 120, failed: 2, blocked: 3, uncertain: 0 }, feeds: { published: 1, failed: 0 } },
    }),
  );
  for (let i = 0; i < 3; i++) await countJoined(env.deps);
  const browser = consoleClient(createHttpApp(env.deps, { bootstrapTokenHash: hashToken(ADMIN_TOKEN) }));
  await browser.signIn(ADMIN_TOKEN);
  html = await (await browser.get('/console')).text();
});
afterAll(() => env.close());

describe('home', () => {
  it('lists what leaves next in Paris time', () => {
    expect(html).toContain('Campagne prochaine');
    expect(html).toContain('26 nov. 2026, 09:00'); // 08:00 UTC is 09:00 in Paris in November
  });
  it('shows the campaign being sent with its progress and a link to watch it', () => {
    expect(html).toContain('0 sur 40 traités, 0 msg/s');
    expect(html).toContain('href="/console/campagnes/envoi/envoi"');
  });
  it('shows the latest sent with their counts per channel', () => {
    expect(html).toContain('Telegram : 120 envoyés, 2 en échec, 3 non joints · Flux : publié');
  });
  it('shows subscribers joining this week', () => {
    expect(html).toMatch(/Semaine du<\/th>/);
    expect(html).toMatch(
      /23 novembre 2026<\/th><td class="num">3<\/td><td class="num">0<\/td><td class="num">\+3<\/td>/,
    );
  });
});
