// Bad input and faults through the Lambdas' own handlers, as the local runtime drives them (the
// dispatch handler's tick, the in-process queue's SQS batches into the send handler): a malformed
// message goes to the dead letters with its reason and holds nothing up; a campaign paused or
// cancelled mid-send stops its sends within a second of the clock with exact counts; a citizen who
// blocks the bot mid-campaign is marked and not written to again; finalize reads no ledger while
// the job counters say the campaign is not done.
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelCampaign, pauseCampaign } from '#core/campaigns/sending-control';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { finalizeCampaigns } from '#core/delivery/finalize';
import type { Store } from '#core/store';
import {
  type DeliveryHarness,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from '../../core/delivery/support';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

const ACTOR = { agentId: 'ag1', name: 'Camille' };
const lines = async (campaignId: string) => (await h.store.deliveries.listByCampaign(campaignId)).items;

describe('bad input and faults, through the handlers', () => {
  it('dead-letters a malformed message with its reason, and the jobs in its batch go out', async () => {
    const fans = await h.addSubscribers(3, following('faults-malformed'));
    const campaign = await h.scheduleDue({ audience: followersOf('faults-malformed') });
    h.queue.sendRaw('{"channel":"pigeon","campaignId":"c1"}');
    h.queue.sendRaw('pas du JSON');
    await h.tick(); // dispatch: the campaign's job lands in the same batch as the two bad messages
    await h.queue.idle();
    expect(h.queue.deadLetters).toMatchObject([
      { body: '{"channel":"pigeon","campaignId":"c1"}', receives: 1, reason: expect.stringContaining('channel') },
      { body: 'pas du JSON', receives: 1, reason: 'pas une tâche d’envoi : corps JSON illisible' },
    ]);
    await h.tick();
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 3, failed: 0, blocked: 0, uncertain: 0 } },
    });
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });

  it.each([
    ['paused', pauseCampaign],
    ['cancelled', cancelCampaign],
  ] as const)(
    'stops new sends within a second of the clock once %s mid-send, its counts exact',
    async (status, stop) => {
      const slug = `faults-${status}`;
      const fans = await h.addSubscribers(60, following(slug));
      const campaign = await h.scheduleDue({ audience: followersOf(slug) });
      let moved: Promise<void> | undefined;
      let startedAfter = 0;
      // The agent's move is written as the 20th send starts; sends the other workers start meanwhile
      // wait for it (a store faster than Telegram), then the clock moves one second: each job's next look.
      h.beforeSend(async (n) => {
        if (n === 20) moved = stop(h.ctx, ACTOR, campaign.id).then(() => h.clock.advance(1000));
        else if (moved) startedAfter++;
        await moved;
      });
      try {
        await h.tick();
        await h.queue.idle();
      } finally {
        h.beforeSend(undefined);
      }
      // Only sends already under way may leave after the move: at most 5 per job of 25, 3 jobs.
      expect(startedAfter).toBeLessThanOrEqual(3 * 5);
      const reached = fans.filter((f) => h.botMessages(f.chatId).length > 0).length;
      expect(fans.every((f) => h.botMessages(f.chatId).length <= 1)).toBe(true);
      expect(reached).toBeLessThan(60);
      const written = await lines(campaign.id);
      expect(written).toHaveLength(reached);
      expect(await h.store.deliveries.listLeases(campaign.id)).toEqual([]);
      expect(h.queue.deadLetters.filter((d) => d.body.includes(campaign.id))).toEqual([]);
      await h.tick();
      const after = await h.store.campaigns.get(campaign.id);
      expect(after?.status).toBe(status);
      // Cancelled: the counts count every line, those of the sends in flight at the cancel included.
      if (status === 'cancelled')
        expect(after?.counts).toEqual({ telegram: { sent: reached, failed: 0, blocked: 0, uncertain: 0 } });
    },
  );

  it('marks a citizen who blocks the bot mid-campaign, sends to them once, and never again', async () => {
    const fans = await h.addSubscribers(30, following('faults-blocks'));
    const quitter = [...fans].sort((a, b) => a.id.localeCompare(b.id))[27]!;
    const campaign = await h.scheduleDue({ audience: followersOf('faults-blocks') });
    const refusedBefore = h.sim.stats().errorsByCode['403'] ?? 0;
    h.beforeSend(async (n) => {
      if (n === 1) await h.sim.citizenBlocks(quitter.chatId); // once the campaign has begun
    });
    try {
      await h.tick();
      await h.queue.idle();
    } finally {
      h.beforeSend(undefined);
    }
    await h.tick();
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 29, blocked: 1, failed: 0, uncertain: 0 } },
    });
    expect(await h.store.subscribers.get(quitter.id)).toMatchObject({ status: 'blocked' });
    expect((h.sim.stats().errorsByCode['403'] ?? 0) - refusedBefore).toBe(1);

    const next = await h.scheduleDue({ audience: followersOf('faults-blocks') });
    await h.tick();
    await h.queue.idle();
    await h.tick();
    expect(await h.store.campaigns.get(next.id)).toMatchObject({ status: 'sent', recipientCount: 29 });
    expect((h.sim.stats().errorsByCode['403'] ?? 0) - refusedBefore).toBe(1);
    expect(h.botMessages(quitter.chatId)).toHaveLength(0);
  });

  it('reads no ledger while the job counters say the campaign is not done, and tallies it once when they do', async () => {
    await h.addSubscribers(30, following('faults-counters'));
    const campaign = await h.scheduleDue({ audience: followersOf('faults-counters') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const [first, second] = captured.jobs.map((job, i) => ({
      messageId: `m-${i}`,
      body: JSON.stringify(job),
    })) as SQSRecord[];
    const ledgerReads: string[] = [];
    const watched: Store['deliveries'] = {
      ...h.store.deliveries,
      listByCampaign: (id, options) => {
        ledgerReads.push(id);
        return h.store.deliveries.listByCampaign(id, options);
      },
    };
    const finalize = () => finalizeCampaigns({ ...h.dispatchDeps, store: { ...h.store, deliveries: watched } });
    const lambda = { getRemainingTimeInMillis: () => 60_000 };

    expect(await h.sendBatch({ Records: [first!] }, lambda)).toEqual({ batchItemFailures: [] });
    expect(await h.store.deliveries.getCounters(campaign.id)).toMatchObject({ telegramLines: 25, sent: 25 });
    expect((await finalize()).waiting).toContain(campaign.id);
    expect((await finalize()).waiting).toContain(campaign.id);
    expect(ledgerReads).not.toContain(campaign.id);

    expect(await h.sendBatch({ Records: [second!] }, lambda)).toEqual({ batchItemFailures: [] });
    expect((await finalize()).finished).toMatchObject([
      { campaignId: campaign.id, counts: { telegram: { sent: 30 } } },
    ]);
    expect(ledgerReads.filter((id) => id === campaign.id)).toEqual([campaign.id]); // one page of 30 lines
  });
});
