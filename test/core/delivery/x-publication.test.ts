// The X publication through the real dispatch and send path (X without credentials: the outbox): the
// post decided at write leaves as it is, poll and cost on its outbox line; an agent marks it posted
// by hand and the finished campaign's X count says posted, as a recount of its ledger does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markXPostPosted } from '#core/campaigns/x-outbox';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { finalizeCampaigns } from '#core/delivery/finalize';
import { tallyLedger } from '#core/delivery/ledger';
import { type DeliveryHarness, DEMARCHE, startDeliveryHarness } from './support';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

describe('an X publication with a poll, posted by hand', () => {
  it('queues the decided post with its poll and cost, then counts it posted once marked', async () => {
    const campaign = await h.scheduleDue({
      message: { title: 'Plan vélo', text: 'Répondez ici, en deux touches.', link: 'https://nantes.fr/velo' },
      channels: ['x'],
      questionnaireId: 'q1',
      demarcheSlug: DEMARCHE,
      xPoll: { questionId: 'freq', durationMinutes: 60 },
    });
    expect(campaign.xPublication?.poll?.options).toHaveLength(2);

    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    await finalizeCampaigns(h.dispatchDeps);
    const { items } = await h.store.xOutbox.list({ limit: 100 });
    const line = items.find((p) => p.campaignId === campaign.id)!;
    expect(line).toMatchObject({
      status: 'queued',
      text: campaign.xPublication!.text,
      poll: campaign.xPublication!.poll,
      costUsd: 0.2,
    });
    expect(line.text).not.toMatch(/répondez ici/i);
    expect((await h.store.campaigns.get(campaign.id))?.counts?.x).toEqual({ posted: 0, queued: 1, failed: 0 });

    await markXPostPosted(
      h.ctx,
      { agentId: 'ag1', name: 'Camille' },
      line.id,
      'https://x.com/NantesMetropole/status/1861234567890123456',
    );
    expect((await h.store.campaigns.get(campaign.id))?.counts?.x).toEqual({ posted: 1, queued: 0, failed: 0 });
    const recount = await tallyLedger(h.store, campaign.id);
    expect(recount.counts.x).toEqual({ posted: 1, queued: 0, failed: 0 });
  });
});
