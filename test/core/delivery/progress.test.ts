// Watching a campaign leave, read from a known ledger: per channel counts and what is left, the
// pace over the last 10 s and the end it leads to, and the Telegram failures grouped by reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import type { Campaign } from '#core/campaigns/campaign';
import type { CoreContext } from '#core/context';
import type { Delivery } from '#core/delivery/delivery';
import { failureReason } from '#core/delivery/failure-reasons';
import { CampaignProgress, getCampaignProgress } from '#core/delivery/progress';
import { DELIVERY_RETENTION_DAYS } from '#core/delivery/retention';
import { campaign as campaignFixture } from '../../adapters/dynamodb/fixtures';
import { startTestStore } from '../../support/dynalite';

const NOW = '2026-03-02T08:00:00.000Z';
const secondsAgo = (s: number) => new Date(Date.parse(NOW) - s * 1000).toISOString();
let ctx: CoreContext;
let close: () => Promise<void>;
beforeAll(async () => {
  const test = await startTestStore();
  ctx = { store: test.store, clock: fixedClock(NOW), ids: randomIds };
  close = test.close;
});
afterAll(() => close());

const line = (campaignId: string, over: Partial<Delivery>): Delivery => ({
  campaignId,
  channel: 'telegram',
  recipient: 'r',
  status: 'sent',
  attempts: 1,
  createdAt: secondsAgo(60),
  updatedAt: secondsAgo(60),
  ...over,
});

async function campaignWith(over: Partial<Campaign>, lines: Partial<Delivery>[] = []) {
  const campaign = campaignFixture({ id: randomIds.next(), ...over });
  await ctx.store.campaigns.create(campaign);
  for (const [i, l] of lines.entries())
    await ctx.store.deliveries.claim(line(campaign.id, { recipient: `s-${i}`, ...l }));
  return campaign;
}

describe('campaign progress', () => {
  it('counts each channel from the ledger, with the pace over 10 s, the estimated end and the failures by reason', async () => {
    const campaign = await campaignWith(
      { status: 'sending', channels: ['telegram', 'x', 'feeds'], recipientCount: 14 },
      [
        { updatedAt: secondsAgo(30) },
        { updatedAt: secondsAgo(12) },
        { updatedAt: secondsAgo(9) },
        { updatedAt: secondsAgo(1), uncertain: true },
        { status: 'blocked', error: '403 Forbidden: bot was blocked by the user', updatedAt: secondsAgo(5) },
        { status: 'blocked', error: '403 Forbidden: bot was blocked by the user', updatedAt: secondsAgo(40) },
        { status: 'blocked', error: 'abonné·e au statut « left » au moment de l’envoi', updatedAt: secondsAgo(4) },
        { status: 'failed', error: '400 Bad Request: chat not found', updatedAt: secondsAgo(3) },
        { status: 'failed', error: '500 Internal Server Error (après 3 essais)', updatedAt: secondsAgo(2) },
        { status: 'failed', error: '400 Bad Request: wrong file identifier 8123', updatedAt: secondsAgo(50) },
        { status: 'failed', error: '400 Bad Request: wrong file identifier 99', updatedAt: secondsAgo(50) },
        { channel: 'x', recipient: 'x', externalId: 'outbox' },
      ],
    );
    const progress = await getCampaignProgress(ctx, campaign.id);
    expect(CampaignProgress.parse(progress)).toEqual(progress);
    expect(progress).toEqual({
      campaignId: campaign.id,
      status: 'sending',
      recipients: 14,
      telegram: { sent: 4, failed: 4, blocked: 3, uncertain: 1, remaining: 3 },
      x: { posted: 0, queued: 1, failed: 0, remaining: 0 },
      feeds: { published: 0, failed: 0, remaining: 1 },
      // 6 Telegram lines written in the last 10 s (the X line does not count): 0.6/s, 3 left → 5 s.
      ratePerSecond: 0.6,
      estimatedEnd: '2026-03-02T08:00:05.000Z',
      failures: [
        { reason: 'Bad Request: wrong file identifier …', count: 2 },
        { reason: 'Le bot a été bloqué par l’abonné·e', count: 2 },
        { reason: 'Abonné·e parti·e avant l’envoi', count: 1 },
        { reason: 'Conversation introuvable', count: 1 },
        { reason: 'Telegram indisponible (erreur serveur)', count: 1 },
      ],
      updatedAt: NOW,
    });
  });

  it('gives no estimated end while paused, and shows only the campaign’s own channels', async () => {
    const campaign = await campaignWith({ status: 'paused', channels: ['telegram'], recipientCount: 3 }, [
      { updatedAt: secondsAgo(2) },
    ]);
    const progress = await getCampaignProgress(ctx, campaign.id);
    expect(progress).toMatchObject({ ratePerSecond: 0.1, telegram: { sent: 1, remaining: 2 }, failures: [] });
    expect(progress).not.toHaveProperty('estimatedEnd');
    expect(progress).not.toHaveProperty('x');
    expect(progress).not.toHaveProperty('feeds');
  });

  it('answers zeros before sending, with the Telegram recipients (and so what is left) not counted yet', async () => {
    const campaign = await campaignWith({ status: 'scheduled', channels: ['telegram', 'feeds'] });
    expect(await getCampaignProgress(ctx, campaign.id)).toEqual({
      campaignId: campaign.id,
      status: 'scheduled',
      telegram: { sent: 0, failed: 0, blocked: 0, uncertain: 0 },
      feeds: { published: 0, failed: 0, remaining: 1 },
      ratePerSecond: 0,
      failures: [],
      updatedAt: NOW,
    });
  });

  it('once its lines may have expired, shows a finished campaign’s stored counts, not the few lines left', async () => {
    const daysAgo = (d: number) => new Date(Date.parse(NOW) - d * 24 * 60 * 60 * 1000).toISOString();
    const counts = {
      telegram: { sent: 120, failed: 3, blocked: 2, uncertain: 1 },
      feeds: { published: 1, failed: 0 },
    };
    const stored = { status: 'sent' as const, channels: ['telegram' as const, 'feeds' as const], recipientCount: 125 };
    // AWS is deleting the lines: one is left, which a tally would take for the whole campaign.
    const old = await campaignWith({ ...stored, counts, sendAt: daysAgo(DELIVERY_RETENTION_DAYS) }, [{}]);
    expect(await getCampaignProgress(ctx, old.id)).toEqual({
      campaignId: old.id,
      status: 'sent',
      recipients: 125,
      telegram: { ...counts.telegram, remaining: 0 },
      feeds: { published: 1, failed: 0, remaining: 0 },
      ratePerSecond: 0,
      failures: [],
      updatedAt: NOW,
    });
    // A day younger, every line is still there: the ledger is read.
    const recent = await campaignWith({ ...stored, counts, sendAt: daysAgo(DELIVERY_RETENTION_DAYS - 1) }, [{}]);
    expect(await getCampaignProgress(ctx, recent.id)).toMatchObject({ telegram: { sent: 1, remaining: 124 } });
  });

  it('answers NotFound for a campaign that does not exist', async () => {
    await expect(getCampaignProgress(ctx, 'nope')).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('failure reasons', () => {
  it('groups the known causes under French labels and strips numbers from the others', () => {
    expect(failureReason('403 Forbidden: bot was blocked by the user')).toBe('Le bot a été bloqué par l’abonné·e');
    expect(failureReason('403 Forbidden: user is deactivated')).toBe('Compte Telegram supprimé');
    expect(failureReason('pas de réponse de Telegram dans le délai (après 3 essais)')).toBe(
      'Pas de réponse de Telegram dans le délai',
    );
    expect(failureReason('réseau : ECONNREFUSED (après 3 essais)')).toBe('Telegram injoignable (réseau)');
    expect(failureReason('400 Bad Request: message to edit not found in chat 12345')).toBe(
      'Bad Request: message to edit not found in chat …',
    );
    expect(failureReason(undefined)).toBe('Raison inconnue');
  });
});
