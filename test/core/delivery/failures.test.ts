// Delivery under failure: a worker killed mid-job, a dispatcher killed mid-enqueue, time running
// out, a 429 storm, blocked citizens, Telegram failing (5xx). Nothing is lost; no recipient whose
// outcome was known gets a duplicate; sends repeated after an unknown outcome are counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { DEFAULT_RESUME_AFTER_MS, finalizeCampaigns } from '#core/delivery/finalize';
import { SendJobIncomplete, type SendQueue, type TelegramSender } from '#core/delivery/ports';
import { processSendJob } from '#core/delivery/send-job';
import { type DeliveryHarness, capturingQueue, followersOf, following, startDeliveryHarness } from './support';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

const finishedOf = async (campaignId: string) =>
  (await finalizeCampaigns(h.dispatchDeps)).finished.find((f) => f.campaignId === campaignId);

/** The real sender, until the process "dies" on the n-th send: before the request leaves, or after it took effect. */
function dyingSender(n: number, when: 'before' | 'after'): TelegramSender {
  let calls = 0;
  return {
    async send(chatId, message, options) {
      if (++calls === n) {
        if (when === 'after') await h.sender.send(chatId, message, options);
        throw new Error('process killed');
      }
      return h.sender.send(chatId, message, options);
    },
  };
}

describe('delivery under failure', () => {
  it.each([
    ['between two sends', 'before', 1],
    ['with a send in flight (the physical floor: one duplicate, counted)', 'after', 2],
  ] as const)('resumes a job killed %s without resending what is known', async (_, when, messagesToVictim) => {
    const slug = `course-kill-${when}`;
    const fans = await h.addSubscribers(10, following(slug));
    const campaign = await h.scheduleDue({ audience: followersOf(slug) });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const [job] = captured.jobs;

    await expect(
      processSendJob({ ...h.sendDeps, telegram: dyingSender(4, when) }, job!, { concurrency: 1 }),
    ).rejects.toThrow('process killed');
    // The queue hands the job out again at once: the dead worker's lease still runs, so the job is left to it, nothing sent.
    const rerun = await processSendJob(h.sendDeps, job!, { concurrency: 1 });
    expect(rerun).toMatchObject({ sent: 0, alreadyDone: 3, heldElsewhere: 7, uncertain: 0 });
    expect((await finalizeCampaigns(h.dispatchDeps)).waiting).toContain(campaign.id);

    // Past the lease and the resume delay, finalize enqueues the job again; its takeover repeats the in-flight send and counts it.
    h.clock.advance(DEFAULT_RESUME_AFTER_MS + 1000);
    expect((await finalizeCampaigns(h.dispatchDeps)).resumed).toEqual([
      { campaignId: campaign.id, recipients: 7, jobs: 1 },
    ]);
    await h.queue.idle();
    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 10, failed: 0, blocked: 0, uncertain: 1 } },
    });
    const victim = fans[3]!;
    expect(h.botMessages(victim.chatId)).toHaveLength(messagesToVictim);
    for (const fan of fans.filter((f) => f !== victim)) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });

  it('takes over the expired lease of a worker killed mid-job: no duplicate of a known outcome, the blind resends counted', async () => {
    const fans = await h.addSubscribers(12, following('course-takeover'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-takeover') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const [job] = captured.jobs;
    // Sent in the job's fixed order (sorted recipients): with 3 sends in flight, the 5th reaches Telegram, then the process dies.
    const order = [...fans].sort((a, b) => a.id.localeCompare(b.id));
    await expect(
      processSendJob({ ...h.sendDeps, telegram: dyingSender(5, 'after') }, job!, { concurrency: 3 }),
    ).rejects.toThrow('process killed');
    const recorded = (await h.store.deliveries.listByCampaign(campaign.id)).items;
    expect(recorded.every((line) => line.status === 'sent')).toBe(true);
    const lease = (await h.store.deliveries.listLeases(campaign.id))[0];
    expect(lease).toMatchObject({ recipients: order.map((f) => f.id), window: 5 });

    // Another copy of the job, while the lease runs: nothing is sent.
    expect(await processSendJob(h.sendDeps, job!, { concurrency: 3 })).toMatchObject({
      sent: 0,
      uncertain: 0,
      alreadyDone: recorded.length,
    });
    // Once it expired, a redelivery takes it over: every recipient without a line is sent, those the dead worker may have had in flight count as uncertain.
    h.clock.advance(5 * 60_000 + 1000);
    const takeover = await processSendJob(h.sendDeps, job!, { concurrency: 3 });
    expect(takeover).toMatchObject({ sent: 12 - recorded.length, alreadyDone: recorded.length, deferred: 0 });
    expect(takeover.uncertain).toBeGreaterThanOrEqual(1);
    expect(takeover.uncertain).toBeLessThanOrEqual(5);
    expect(await h.store.deliveries.listLeases(campaign.id)).toEqual([]);

    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 12, failed: 0, uncertain: takeover.uncertain } },
    });
    const copies = order.map((f) => h.botMessages(f.chatId).length);
    // The one send that reached Telegram before the kill is the only duplicate, and it is among those counted.
    expect(copies.filter((n) => n === 2)).toHaveLength(1);
    expect(copies.filter((n) => n === 1)).toHaveLength(11);
    const twice = order[copies.indexOf(2)]!;
    expect(await h.store.deliveries.get(campaign.id, 'telegram', twice.id)).toMatchObject({
      status: 'sent',
      uncertain: true,
    });
    // Whoever had a line before the takeover got exactly one message.
    for (const line of recorded)
      expect(h.botMessages(fans.find((f) => f.id === line.recipient)!.chatId)).toHaveLength(1);
  });

  it('resumes a campaign whose dispatcher died mid-enqueue', async () => {
    const fans = await h.addSubscribers(25, following('course-dispatch'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-dispatch') });
    let batches = 0;
    const dying: SendQueue = {
      async enqueue(jobs) {
        if (++batches > 1) throw new Error('process killed');
        await h.queue.enqueue(jobs);
      },
    };
    const report = await dispatchDueCampaigns({ ...h.dispatchDeps, queue: dying }, { jobSize: 2 });
    expect(report.errors).toMatchObject([{ campaignId: campaign.id }]);
    await h.queue.idle();
    const stalled = await h.store.campaigns.get(campaign.id);
    expect(stalled?.status).toBe('sending');
    expect(stalled?.recipientCount).toBeUndefined();
    expect((await finalizeCampaigns(h.dispatchDeps)).waiting).toContain(campaign.id);

    h.clock.advance(DEFAULT_RESUME_AFTER_MS + 1000);
    expect((await finalizeCampaigns(h.dispatchDeps)).resumed).toEqual([
      { campaignId: campaign.id, recipients: 5, jobs: 1 },
    ]);
    await h.queue.idle();
    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 25, uncertain: 0 } },
    });
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({ recipientCount: 25 });
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });

  it('leaves unclaimed recipients to the retry when time runs out', async () => {
    const fans = await h.addSubscribers(3, following('course-deadline'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-deadline') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    await expect(processSendJob(h.sendDeps, captured.jobs[0]!, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      SendJobIncomplete,
    );
    expect((await h.store.deliveries.listByCampaign(campaign.id)).items).toEqual([]);
    expect(await processSendJob(h.sendDeps, captured.jobs[0]!)).toMatchObject({ sent: 3, alreadyDone: 0 });
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
    expect(await finishedOf(campaign.id)).toMatchObject({ counts: { telegram: { sent: 3 } } });
  });

  it('puts off the rest of a job after a 429 beyond its budget, and its retry sends each message once', async () => {
    const fans = await h.addSubscribers(10, following('course-429-budget'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-429-budget') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    const order = [...fans].sort((a, b) => a.id.localeCompare(b.id));
    h.sim.injectFaults({ chatId: order[4]!.chatId, method: 'sendMessage', status: 429, retryAfter: 5, count: 1 });
    const impatient = h.newSender({ maxRetryAfterMs: 1000 });
    try {
      await expect(
        processSendJob({ ...h.sendDeps, telegram: impatient }, captured.jobs[0]!, { concurrency: 2 }),
      ).rejects.toBeInstanceOf(SendJobIncomplete);
    } finally {
      impatient.close();
    }
    // Nothing new started after the deferral, the lease was released: the queue's retry takes the job at once.
    const lines = (await h.store.deliveries.listByCampaign(campaign.id)).items;
    expect(lines.length).toBeLessThan(10);
    expect(await h.store.deliveries.listLeases(campaign.id)).toEqual([]);
    expect(await processSendJob(h.sendDeps, captured.jobs[0]!, { concurrency: 2 })).toMatchObject({
      sent: 10 - lines.length,
      alreadyDone: lines.length,
      uncertain: 0,
    });
    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 10, failed: 0, uncertain: 0 } },
    });
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });

  it('waits out a 429 storm with retry_after and still sends each message once', async () => {
    const fans = await h.addSubscribers(8, following('course-429'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-429') });
    const before = h.sim.stats();
    h.sim.injectFaults({ method: 'sendMessage', status: 429, retryAfter: 1, count: 3 });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    const after = h.sim.stats();
    expect(after.rejected429ByScope.injected - before.rejected429ByScope.injected).toBe(3);
    // The sender's own pace provoked no 429 of Telegram's limits.
    expect(after.rejected429ByScope.global + after.rejected429ByScope.chat).toBe(
      before.rejected429ByScope.global + before.rejected429ByScope.chat,
    );
    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 8, failed: 0, uncertain: 0 } },
    });
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });

  it('records a citizen who blocked the bot (403) as blocked, and stops writing to them', async () => {
    const [stays, leaves, alsoStays] = await h.addSubscribers(3, following('course-403'));
    await h.sim.citizenBlocks(leaves!.chatId);
    const campaign = await h.scheduleDue({ audience: followersOf('course-403') });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 2, blocked: 1, failed: 0 } },
    });
    expect(await h.store.deliveries.get(campaign.id, 'telegram', leaves!.id)).toMatchObject({
      status: 'blocked',
      error: expect.stringContaining('403'),
    });
    expect(await h.store.subscribers.get(leaves!.id)).toMatchObject({ status: 'blocked' });
    expect(h.botMessages(stays!.chatId)).toHaveLength(1);
    expect(h.botMessages(alsoStays!.chatId)).toHaveLength(1);

    const next = await h.scheduleDue({ audience: followersOf('course-403') });
    expect((await dispatchDueCampaigns(h.dispatchDeps)).dispatched).toEqual([
      { campaignId: next.id, recipients: 2, jobs: 1 },
    ]);
    await h.queue.idle();
    await finalizeCampaigns(h.dispatchDeps);
  });

  it('retries 5xx, then fails the message; a campaign nobody received is failed', async () => {
    const [flaky, down, fine] = await h.addSubscribers(3, following('course-5xx'));
    await h.store.subscribers.put({
      ...down!,
      follows: { demarches: ['course-5xx', 'course-5xx-seul'], themes: [], territories: [] },
    });
    h.sim.injectFaults({ chatId: flaky!.chatId, status: 502, count: 2 });
    const outage = h.sim.injectFaults({ chatId: down!.chatId, status: 500, count: Infinity });
    const campaign = await h.scheduleDue({ audience: followersOf('course-5xx') });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    expect(await finishedOf(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 2, failed: 1, blocked: 0 } },
    });
    expect(await h.store.deliveries.get(campaign.id, 'telegram', flaky!.id)).toMatchObject({
      status: 'sent',
      attempts: 3,
    });
    expect(await h.store.deliveries.get(campaign.id, 'telegram', down!.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: expect.stringContaining('500'),
    });
    expect(h.botMessages(flaky!.chatId)).toHaveLength(1);
    expect(h.botMessages(fine!.chatId)).toHaveLength(1);

    const lonely = await h.scheduleDue({ audience: followersOf('course-5xx-seul') });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    expect(await finishedOf(lonely.id)).toMatchObject({
      status: 'failed',
      counts: { telegram: { sent: 0, failed: 1 } },
    });
    expect(await h.store.campaigns.get(lonely.id)).toMatchObject({ status: 'failed' });
    outage.cancel();
  });
});
