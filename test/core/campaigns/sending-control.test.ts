// An agent pauses, resumes or cancels a campaign while it is being sent: the jobs start no new send
// once they have read it (at most a second of the clock later), finish and record what was in
// flight, release their leases and end without a retry; a resume sends the rest, each once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '#core/campaigns/campaign';
import { cancelCampaign, pauseCampaign, resumeCampaign } from '#core/campaigns/sending-control';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { finalizeCampaigns } from '#core/delivery/finalize';
import { SendJobIncomplete, type SendJob, type TelegramSender } from '#core/delivery/ports';
import { getCampaignProgress } from '#core/delivery/progress';
import { processSendJob } from '#core/delivery/send-job';
import type { Store } from '#core/store';
import { DomainError } from '#core/shared/errors';
import {
  type DeliveryHarness,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from '../delivery/support';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

const ACTOR = { agentId: 'ag1', name: 'Camille' };

/** The real sender, counting the sends that start; `onSend(n)` runs as the n-th one starts, before it leaves. */
function countingSender(onSend: (n: number) => Promise<void> | void = () => undefined) {
  let started = 0;
  const sender: TelegramSender & { readonly started: number } = {
    get started() {
      return started;
    },
    async send(chatId, message, options) {
      await onSend(++started);
      return h.sender.send(chatId, message, options);
    },
  };
  return sender;
}

/** The real store, noting each campaign read, so a test can tell when the jobs saw a pause. */
function notingStore(onRead: (campaign: Campaign | undefined) => void): Store {
  return {
    ...h.store,
    campaigns: {
      ...h.store.campaigns,
      get: async (id) => {
        const campaign = await h.store.campaigns.get(id);
        onRead(campaign);
        return campaign;
      },
    },
  };
}

/** A campaign to `slug`'s followers, dispatched: its jobs captured, to hand to workers by hand. */
async function dispatched(slug: string, fans: number, input: Parameters<DeliveryHarness['scheduleDue']>[0] = {}) {
  const subscribers = await h.addSubscribers(fans, following(slug));
  const campaign = await h.scheduleDue({ audience: followersOf(slug), ...input });
  const captured = capturingQueue();
  await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
  return { subscribers, campaign, jobs: captured.jobs };
}

const lines = async (campaignId: string) => (await h.store.deliveries.listByCampaign(campaignId)).items;
const telegramJob = (jobs: SendJob[]) => jobs.find((j) => j.channel === 'telegram')!;

describe('pause and resume while sending', () => {
  it('stops new sends once the job reads the pause, records what was in flight, and the resume sends the rest once each', async () => {
    const { subscribers, campaign, jobs } = await dispatched('pause-a', 25);
    expect(jobs).toMatchObject([{ channel: 'telegram', round: 0 }]);
    let seenAt: number | undefined;
    let pausing: Promise<void> | undefined;
    const sender = countingSender(async (n) => {
      // The pause is written while the 8th send starts; the sends the other workers start meanwhile
      // wait for it, as they would on a store faster than Telegram (the verdict never rests on which is faster here).
      if (n === 8) pausing = pauseCampaign(h.ctx, ACTOR, campaign.id).then(() => h.clock.advance(1000)); // the job's next look is due
      await pausing;
    });
    const store = notingStore((c) => {
      if (c?.status === 'paused') seenAt ??= sender.started;
    });

    const report = await processSendJob({ ...h.sendDeps, store, telegram: sender }, jobs[0]!, { concurrency: 5 });
    expect(seenAt).toBeDefined();
    expect(sender.started).toBe(seenAt); // no send started once the job had read the pause
    expect(sender.started).toBeLessThanOrEqual(8 + 4); // the pause's own send, and at most the 4 others in flight
    const written = await lines(campaign.id);
    expect(written).toHaveLength(sender.started);
    expect(report).toMatchObject({ sent: sender.started, stopped: 25 - sender.started, deferred: 0 });
    expect(await h.store.deliveries.listLeases(campaign.id)).toEqual([]);
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({ status: 'paused' });

    // Paused, the campaign is left alone: no finish, no resume; a redelivered job sends nothing.
    const idle = await finalizeCampaigns(h.dispatchDeps);
    expect([...idle.finished, ...idle.resumed].map((f) => f.campaignId)).not.toContain(campaign.id);
    expect(idle.waiting).not.toContain(campaign.id);
    expect(await processSendJob({ ...h.sendDeps, telegram: sender }, jobs[0]!)).toMatchObject({ dropped: true });
    expect(sender.started).toBe(written.length);

    const resumed = await resumeCampaign(h.ctx, ACTOR, campaign.id);
    expect(resumed).toMatchObject({ status: 'sending', round: 1, resumedAt: h.clock.now().toISOString() });
    expect((await finalizeCampaigns(h.dispatchDeps)).resumed).toEqual([
      { campaignId: campaign.id, recipients: 25 - written.length, jobs: 1 },
    ]);
    await h.queue.idle();
    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toMatchObject([
      { campaignId: campaign.id, status: 'sent', counts: { telegram: { sent: 25, failed: 0, uncertain: 0 } } },
    ]);
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({ recipientCount: 25, enqueuedRound: 1 });
    for (const s of subscribers) expect(h.botMessages(s.chatId)).toHaveLength(1);
    expect(h.queue.deadLetters).toEqual([]);
  });

  it('stops a job of an earlier round, even while the campaign is sending again, and drops its redelivery', async () => {
    const { subscribers, campaign, jobs } = await dispatched('round-a', 20);
    const sender = countingSender(async (n) => {
      if (n !== 3) return;
      await pauseCampaign(h.ctx, ACTOR, campaign.id);
      await resumeCampaign(h.ctx, ACTOR, campaign.id); // within the job's second: it never sees `paused`
      h.clock.advance(1000);
    });
    const report = await processSendJob({ ...h.sendDeps, telegram: sender }, jobs[0]!, { concurrency: 1 });
    expect(report).toMatchObject({ sent: 3, stopped: 17, deferred: 0 });
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({ status: 'sending', round: 1 });

    // The round-0 job handed out again does nothing at all.
    const again = countingSender();
    expect(await processSendJob({ ...h.sendDeps, telegram: again }, jobs[0]!)).toMatchObject({
      dropped: true,
      sent: 0,
      alreadyDone: 0,
    });
    expect(again.started).toBe(0);

    expect((await finalizeCampaigns(h.dispatchDeps)).resumed).toEqual([
      { campaignId: campaign.id, recipients: 17, jobs: 1 },
    ]);
    await h.queue.idle();
    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toMatchObject([
      { campaignId: campaign.id, status: 'sent', counts: { telegram: { sent: 20, uncertain: 0 } } },
    ]);
    for (const s of subscribers) expect(h.botMessages(s.chatId)).toHaveLength(1);
  });

  it('hands a newer round’s job back to the queue while the earlier round’s job still holds the lease', async () => {
    const { subscribers, campaign, jobs } = await dispatched('round-b', 10);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atSecondSend = new Promise<void>((resolve) => (reached = resolve));
    const sender = countingSender(async (n) => {
      if (n !== 2) return;
      reached();
      await held;
    });
    const old = processSendJob({ ...h.sendDeps, telegram: sender }, jobs[0]!, { concurrency: 1 });
    await atSecondSend;
    await pauseCampaign(h.ctx, ACTOR, campaign.id);
    await resumeCampaign(h.ctx, ACTOR, campaign.id);
    h.clock.advance(1000);

    // The resume re-enqueues the held job as itself; its copy of round 1 waits rather than leave it stranded.
    const captured = capturingQueue();
    await finalizeCampaigns({ ...h.dispatchDeps, queue: captured });
    const next = telegramJob(captured.jobs);
    expect(next).toMatchObject({ round: 1 });
    await expect(processSendJob(h.sendDeps, next)).rejects.toBeInstanceOf(SendJobIncomplete);

    release();
    expect(await old).toMatchObject({ sent: 2, stopped: 8 });
    expect(await processSendJob(h.sendDeps, next)).toMatchObject({ sent: 8, alreadyDone: 2 });
    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toMatchObject([
      { campaignId: campaign.id, status: 'sent', counts: { telegram: { sent: 10 } } },
    ]);
    for (const s of subscribers) expect(h.botMessages(s.chatId)).toHaveLength(1);
  });
});

describe('give up after 24 h', () => {
  it('counts the day from the last resume, not from the send time', async () => {
    const { subscribers, campaign } = await dispatched('late-a', 2);
    await pauseCampaign(h.ctx, ACTOR, campaign.id);
    const hour = 60 * 60_000;
    h.clock.advance(23 * hour);
    await resumeCampaign(h.ctx, ACTOR, campaign.id);
    h.clock.advance(2 * hour); // 25 h after its send time, 2 h after its resume
    const report = await finalizeCampaigns(h.dispatchDeps);
    expect(report.finished.map((f) => f.campaignId)).not.toContain(campaign.id);
    expect(report.resumed).toContainEqual({ campaignId: campaign.id, recipients: 2, jobs: 1 });
    await h.queue.idle();
    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toMatchObject([
      { campaignId: campaign.id, status: 'sent', gaveUp: false, counts: { telegram: { sent: 2 } } },
    ]);
    for (const s of subscribers) expect(h.botMessages(s.chatId)).toHaveLength(1);
  });
});

describe('cancel while sending', () => {
  it('stops the sends, keeps the counts from the ledger, and posts nothing more on X or in the feeds', async () => {
    const { subscribers, campaign, jobs } = await dispatched('cancel-a', 25, { channels: ['telegram', 'x', 'feeds'] });
    let cancelled: Campaign | undefined;
    const sender = countingSender(async (n) => {
      if (n !== 6) return;
      cancelled = await cancelCampaign(h.ctx, ACTOR, campaign.id);
      h.clock.advance(1000);
    });
    const report = await processSendJob({ ...h.sendDeps, telegram: sender }, telegramJob(jobs), { concurrency: 1 });
    expect(report).toMatchObject({ sent: 6, stopped: 19, deferred: 0 });
    // Counted when cancelled: the five lines written then, for the campaign's own channels.
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      counts: {
        telegram: { sent: 5, failed: 0, blocked: 0, uncertain: 0 },
        x: { posted: 0, queued: 0, failed: 0 },
        feeds: { published: 0, failed: 0 },
      },
    });
    // The send in flight then is in the ledger, which progress reads.
    expect(await getCampaignProgress(h.ctx, campaign.id)).toMatchObject({
      status: 'cancelled',
      recipients: 25,
      telegram: { sent: 6, remaining: 19 },
      x: { posted: 0, queued: 0, remaining: 1 },
      feeds: { published: 0, remaining: 1 },
    });

    for (const job of jobs.filter((j) => j.channel !== 'telegram'))
      expect(await processSendJob(h.sendDeps, job)).toMatchObject({ dropped: true, sent: 0 });
    expect((await h.store.xOutbox.list()).items.filter((p) => p.campaignId === campaign.id)).toEqual([]);
    expect(await h.store.feedItems.get(campaign.id)).toBeUndefined();
    expect(await h.store.deliveries.listLeases(campaign.id)).toEqual([]);
    const after = await finalizeCampaigns(h.dispatchDeps);
    expect([...after.finished, ...after.resumed].map((f) => f.campaignId)).not.toContain(campaign.id);
    expect(subscribers.filter((s) => h.botMessages(s.chatId).length === 1)).toHaveLength(6);
    expect(sender.started).toBe(6);
  });

  it('refuses to pause what is not being sent, to resume what is not paused, and to cancel what is over, naming the rule', async () => {
    const { campaign } = await dispatched('moves-a', 1);
    const ruleOf = async (attempt: Promise<unknown>) => {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).violations[0]?.rule;
    };
    expect(await ruleOf(resumeCampaign(h.ctx, ACTOR, campaign.id))).toBe('transition_sending_to_sending');
    await pauseCampaign(h.ctx, ACTOR, campaign.id);
    expect(await ruleOf(pauseCampaign(h.ctx, ACTOR, campaign.id))).toBe('transition_paused_to_paused');
    await cancelCampaign(h.ctx, ACTOR, campaign.id);
    expect(await ruleOf(resumeCampaign(h.ctx, ACTOR, campaign.id))).toBe('transition_cancelled_to_sending');
    expect(await ruleOf(cancelCampaign(h.ctx, ACTOR, campaign.id))).toBe('transition_cancelled_to_cancelled');
    const audit = (await h.store.audit.list({ entity: { type: 'campaign', id: campaign.id } })).items;
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['campaign.pause', 'campaign.cancel']));
  });
});
