// A restarted local runtime takes over what its killed predecessor held, at once: the job leases
// and the claimed X / feeds lines taken before `leasesDeadBefore` (its own start), instead of
// waiting out their 5 minutes; what it held itself since it started is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { finalizeCampaigns } from '#core/delivery/finalize';
import { claimLine } from '#core/delivery/ledger-line';
import type { TelegramSender } from '#core/delivery/ports';
import { processSendJob } from '#core/delivery/send-job';
import { type DeliveryHarness, capturingQueue, followersOf, following, startDeliveryHarness } from './support';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

/** The real sender until the process is killed on the n-th send, after that send reached Telegram. */
function killedOnSend(n: number): TelegramSender {
  let calls = 0;
  return {
    async send(chatId, message, options) {
      const result = await h.sender.send(chatId, message, options);
      if (++calls === n) throw new Error('process killed');
      return result;
    },
  };
}

describe('a process that starts after a kill', () => {
  it('takes over a job lease its dead predecessor held, at once, and counts the blind resends', async () => {
    const fans = await h.addSubscribers(10, following('course-dead-lease'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-dead-lease') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const [job] = captured.jobs;
    await expect(
      processSendJob({ ...h.sendDeps, telegram: killedOnSend(4) }, job!, { concurrency: 2 }),
    ).rejects.toThrow('process killed');
    const written = (await h.store.deliveries.listByCampaign(campaign.id)).items.length;

    // The restart, one second later: the dead lease has 5 minutes left, and is taken over all the same.
    h.clock.advance(1000);
    const restartedAt = h.clock.now();
    const takeover = await processSendJob(h.sendDeps, job!, { concurrency: 2, leasesDeadBefore: restartedAt });
    expect(takeover).toMatchObject({ sent: 10 - written, alreadyDone: written, heldElsewhere: 0, deferred: 0 });
    // The window of a job run with 2 sends at once: 3 recipients the dead one may have had in flight.
    expect(takeover.uncertain).toBeGreaterThanOrEqual(1);
    expect(takeover.uncertain).toBeLessThanOrEqual(3);
    expect(await h.store.deliveries.listLeases(campaign.id)).toEqual([]);

    const finished = (await finalizeCampaigns(h.dispatchDeps)).finished.find((f) => f.campaignId === campaign.id);
    expect(finished).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 10, uncertain: takeover.uncertain } },
    });
    const copies = fans.map((f) => h.botMessages(f.chatId).length);
    // The send that reached Telegram as the process died is the one duplicate, and it is counted.
    expect(copies.filter((n) => n === 2)).toHaveLength(1);
    expect(copies.filter((n) => n === 1)).toHaveLength(9);
  });

  it('leaves alone a lease taken since it started: a live job of its own', async () => {
    await h.addSubscribers(4, following('course-live-lease'));
    await h.scheduleDue({ audience: followersOf('course-live-lease') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const [job] = captured.jobs;
    const startedAt = h.clock.now();
    h.clock.advance(1000);
    await expect(
      processSendJob({ ...h.sendDeps, telegram: killedOnSend(2) }, job!, {
        concurrency: 1,
        leasesDeadBefore: startedAt,
      }),
    ).rejects.toThrow('process killed');
    const again = await processSendJob(h.sendDeps, job!, { concurrency: 1, leasesDeadBefore: startedAt });
    expect(again).toMatchObject({ sent: 0, uncertain: 0, heldElsewhere: 3 });
  });

  it('takes back an X or feeds line its dead predecessor claimed, as a possible duplicate; not one claimed since', async () => {
    const campaign = await h.scheduleDue({ channels: ['feeds'] });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const line = { campaignId: campaign.id, channel: 'feeds' as const, recipient: 'feeds' };
    expect(await claimLine(h.sendDeps, line, 5 * 60_000)).toMatchObject({ kind: 'mine' });

    const restartedAt = new Date(h.clock.now().getTime() + 1);
    h.clock.advance(1000);
    expect(await claimLine(h.sendDeps, line, 5 * 60_000)).toEqual({ kind: 'held' });
    expect(await claimLine(h.sendDeps, line, 5 * 60_000, restartedAt)).toMatchObject({
      kind: 'mine',
      line: { uncertain: true },
    });
    // Claimed again by the new process (updatedAt now after its start): held while it posts.
    expect(await claimLine(h.sendDeps, line, 5 * 60_000, restartedAt)).toEqual({ kind: 'held' });

    const [job] = captured.jobs;
    const report = await processSendJob(h.sendDeps, job!, {
      leasesDeadBefore: new Date(h.clock.now().getTime() + 1),
    });
    expect(report).toMatchObject({ sent: 1, heldElsewhere: 0 });
  });
});
