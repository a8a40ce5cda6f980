// A scheduled campaign goes out: dispatch claims it once, the audience gets one Telegram message
// each (text + first question's buttons), X and the feeds get theirs, and finalize records the
// counts. Dispatch run twice, jobs delivered twice or by two workers at once: still once each.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startInterval } from '#adapters/scheduler/interval';
import { decodeCallback, renderQuestion } from '#adapters/telegram/question-message';
import { dispatchDueCampaigns, enqueueCampaign } from '#core/delivery/dispatch';
import { finalizeCampaigns } from '#core/delivery/finalize';
import { processSendJob } from '#core/delivery/send-job';
import {
  type DeliveryHarness,
  DEMARCHE,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from './support';
import { VirtualTimers } from '../../support/virtual-timers';

let h: DeliveryHarness;
beforeAll(async () => {
  h = await startDeliveryHarness();
});
afterAll(() => h.close());

const ledger = async (campaignId: string) =>
  (await h.store.deliveries.listByCampaign(campaignId, { limit: 100 })).items;

describe('dispatch and delivery', () => {
  it('sends a due campaign once to each active subscriber of its audience, with the first question, on X and in the feeds', async () => {
    const fans = await h.addSubscribers(6, (i) => ({ language: i % 2 ? 'en' : 'fr' }));
    const others = await h.addSubscribers(2, following('autre-demarche'));
    const away = await h.addSubscribers(2, (i) => ({ status: i ? 'left' : 'blocked' }));
    const campaign = await h.scheduleDue({
      channels: ['telegram', 'x', 'feeds'],
      audience: followersOf(DEMARCHE),
      questionnaireId: 'q1',
      demarcheSlug: DEMARCHE,
    });

    const report = await dispatchDueCampaigns(h.dispatchDeps);
    expect(report).toEqual({
      dispatched: [{ campaignId: campaign.id, recipients: 6, jobs: 3 }],
      taken: [],
      expired: [],
      errors: [],
    });
    await h.queue.idle();
    const finalized = await finalizeCampaigns(h.dispatchDeps);
    expect(finalized.finished).toEqual([
      {
        campaignId: campaign.id,
        status: 'sent',
        counts: {
          telegram: { sent: 6, failed: 0, blocked: 0, uncertain: 0 },
          x: { posted: 0, queued: 1, failed: 0 },
          feeds: { published: 1, failed: 0 },
        },
        gaveUp: false,
      },
    ]);
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({
      status: 'sent',
      recipientCount: 6,
      counts: {
        telegram: { sent: 6, failed: 0, blocked: 0, uncertain: 0 },
        x: { posted: 0, queued: 1, failed: 0 },
        feeds: { published: 1, failed: 0 },
      },
      sentAt: expect.any(String),
    });

    for (const fan of fans) {
      const messages = h.botMessages(fan.chatId);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      // The announcement stays short: the questionnaire opens on its own message from « Répondre ».
      const question = renderQuestion(h.questionnaire, 0, { language: fan.language });
      expect(message!.text).toContain('Le plan vélo avance');
      expect(message!.text).toContain(fan.language === 'en' ? 'Learn more' : 'En savoir plus');
      expect(message!.source).not.toContain(question.text);
      expect(message!.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
        fan.language === 'en' ? 'Answer (2 questions, 1 min)' : 'Répondre (2 questions, 1 min)',
      ]);
      expect(decodeCallback(message!.reply_markup!.inline_keyboard[0]![0]!.callback_data!)).toEqual({
        kind: 'open',
        questionnaireId: 'q1',
      });
    }
    for (const s of [...others, ...away]) expect(h.botMessages(s.chatId)).toHaveLength(0);

    const lines = await ledger(campaign.id);
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => l.status === 'sent')).toBe(true);
    const line = lines.find((l) => l.recipient === fans[0]!.id);
    expect(line?.externalId).toBe(String(h.botMessages(fans[0]!.chatId)[0]!.message_id));
    expect((await h.store.xOutbox.list()).items).toMatchObject([{ campaignId: campaign.id, status: 'queued' }]);
    expect(await h.store.feedItems.get(campaign.id)).toMatchObject({
      campaignId: campaign.id,
      title: 'Le plan vélo avance',
      demarcheSlug: DEMARCHE,
    });

    // Nothing is due any more: a second tick sends nothing.
    expect((await dispatchDueCampaigns(h.dispatchDeps)).dispatched).toEqual([]);
    await h.queue.idle();
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });

  it('lets one of two racing dispatchers claim a campaign, and resends nothing when its jobs come back', async () => {
    const fans = await h.addSubscribers(30, following('course-b'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-b') });
    const [a, b] = await Promise.all([dispatchDueCampaigns(h.dispatchDeps), dispatchDueCampaigns(h.dispatchDeps)]);
    expect([...a.dispatched, ...b.dispatched]).toEqual([{ campaignId: campaign.id, recipients: 30, jobs: 2 }]);
    await h.queue.idle();

    // The at-least-once queue hands the same jobs out again, twice over, to concurrent workers.
    const again = capturingQueue();
    const current = (await h.store.campaigns.get(campaign.id))!;
    await enqueueCampaign({ ...h.dispatchDeps, queue: again }, current);
    const reports = await Promise.all([...again.jobs, ...again.jobs].map((job) => processSendJob(h.sendDeps, job)));
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(0);
    expect(reports.reduce((n, r) => n + r.alreadyDone, 0)).toBe(60);

    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toMatchObject([
      { campaignId: campaign.id, counts: { telegram: { sent: 30 } } },
    ]);
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
    expect(h.sim.stats().repeatedContents).toBe(0);
  });

  it('sends once when two workers process the same job at the same moment', async () => {
    const fans = await h.addSubscribers(12, following('course-c'));
    const campaign = await h.scheduleDue({ audience: followersOf('course-c') });
    const captured = capturingQueue();
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: captured });
    expect(captured.jobs).toHaveLength(1);

    const [first, second] = await Promise.all([
      processSendJob(h.sendDeps, captured.jobs[0]!),
      processSendJob(h.sendDeps, captured.jobs[0]!),
    ]);
    expect(first.sent + second.sent).toBe(12);
    expect(first.heldElsewhere + second.heldElsewhere + first.alreadyDone + second.alreadyDone).toBe(12);
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toMatchObject([
      { campaignId: campaign.id, status: 'sent', counts: { telegram: { sent: 12 } } },
    ]);
  });

  it('closes a campaign whose audience is empty as sent, with zero counts', async () => {
    const campaign = await h.scheduleDue({ audience: followersOf('personne') });
    expect((await dispatchDueCampaigns(h.dispatchDeps)).dispatched).toEqual([
      { campaignId: campaign.id, recipients: 0, jobs: 0 },
    ]);
    expect((await finalizeCampaigns(h.dispatchDeps)).finished).toEqual([
      {
        campaignId: campaign.id,
        status: 'sent',
        counts: { telegram: { sent: 0, failed: 0, blocked: 0, uncertain: 0 } },
        gaveUp: false,
      },
    ]);
  });

  it('sends a campaign with an image as a photo with its caption', async () => {
    const [fan] = await h.addSubscribers(1, following('course-photo'));
    await h.scheduleDue({
      audience: followersOf('course-photo'),
      message: {
        title: 'Atelier',
        text: 'Samedi à 10 h.',
        link: 'https://example.org/atelier',
        imageUrl: 'https://example.org/atelier.jpg',
      },
    });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    expect(h.botMessages(fan!.chatId)).toMatchObject([
      { photo: 'https://example.org/atelier.jpg', caption: expect.stringContaining('Samedi à 10 h.') },
    ]);
    await finalizeCampaigns(h.dispatchDeps);
  });

  it('sends within a couple of ticks of its time when the local ticker runs dispatch, and the ticker stops cleanly', async () => {
    const fans = await h.addSubscribers(3, following('course-ticker'));
    const errors: unknown[] = [];
    // The ticker's own virtual time: it ticks when the test says so, and only then.
    const ticks = new VirtualTimers();
    const ticker = startInterval(
      async () => {
        await dispatchDueCampaigns(h.dispatchDeps);
        await finalizeCampaigns(h.dispatchDeps, {});
      },
      { everyMs: 100, onError: (e) => errors.push(e), timers: ticks },
    );
    const campaign = await h.scheduleDue({ audience: followersOf('course-ticker') });
    const status = async () => (await h.store.campaigns.get(campaign.id))?.status;
    expect(await status()).toBe('scheduled'); // nothing but the ticker dispatches here
    const started = ticks.now();
    // One period: the run starts; it is over once the ticker has armed its next wake-up.
    const tick = async () => {
      await ticks.advance(100);
      await vi.waitFor(() => expect(ticks.sleeping).toBe(1), { timeout: 20_000 });
      await h.queue.idle();
    };
    await tick(); // dispatches (and may already finalize)
    if ((await status()) !== 'sent') await tick(); // finalizes what the first run sent
    expect(ticks.now() - started).toBeLessThanOrEqual(200);
    await ticker.stop();
    expect(ticks.sleeping).toBe(0); // stopped: no wake-up left armed
    expect(errors).toEqual([]);
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 3 } },
    });
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
  });
});
