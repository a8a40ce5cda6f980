// Digests and quiet hours on the send path, through the Telegram simulator: a message for a daily
// subscriber is held (its line `held`, the campaign finishes), then leaves with the others in one
// digest at their hour, through the delivery tick's `digests` step; quiet hours hold it until their
// end; urgent campaigns bypass both; a long digest splits between items; overlapping ticks and a
// claimer that dies mid-send never send a digest twice unknowingly.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { visibleLength } from '#adapters/telegram/messages/format';
import type { CampaignInput } from '#core/campaigns/campaign';
import { finalizeCampaigns } from '#core/delivery/finalize';
import type { SendJob, TelegramSender } from '#core/delivery/ports';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { processSendJob } from '#core/delivery/send-job';
import {
  type DeliveryHarness,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from '../delivery/support';

let h: DeliveryHarness;
beforeEach(async () => {
  h = await startDeliveryHarness();
});
afterEach(() => h.close());

// The harness's clock starts on Monday 2 March 2026, 09:00 in Paris (08:00 UTC, winter time).
const AT_18_PARIS = '2026-03-02T17:00:00.000Z';

function digestsTick(telegram: TelegramSender = h.sender, claimMs?: number) {
  return createDispatchHandler(
    {
      ...h.dispatchDeps,
      telegramFormat: h.ctx.telegramFormat,
      publicUrl: 'https://participer.example',
      logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' }),
      digests: { telegram, format: telegramDigestFormat },
    },
    { steps: ['digests'], digests: { claimMs } },
  );
}

async function send(slug: string, input: Partial<CampaignInput> = {}) {
  const campaign = await h.scheduleDue({ audience: followersOf(slug), ...input });
  await dispatchDueCampaigns(h.dispatchDeps);
  await h.queue.idle();
  return campaign;
}

const message = (title: string) => ({
  title,
  text: `Les nouvelles de « ${title} ».`,
  link: 'https://dialoguecitoyen.metropole.nantes.fr/plan-velo',
});

describe('a daily digest', () => {
  it('holds each message, lets the campaign finish, then sends every item in one message at the chosen hour, once', async () => {
    const [daily] = await h.addSubscribers(1, { ...following('d1'), frequency: 'daily', digestHour: 18 });
    const [instant] = await h.addSubscribers(1, following('d1'));
    const first = await send('d1', { message: message('Le plan vélo avance') });
    expect(h.botMessages(daily!.chatId)).toEqual([]);
    expect(h.botMessages(instant!.chatId)).toHaveLength(1);
    expect(await h.store.deliveries.get(first.id, 'telegram', daily!.id)).toMatchObject({ status: 'held' });
    const finished = await finalizeCampaigns(h.dispatchDeps);
    expect(finished.finished).toHaveLength(1);
    expect((await h.store.campaigns.get(first.id))?.counts?.telegram).toEqual({
      sent: 1,
      failed: 0,
      blocked: 0,
      uncertain: 0,
      held: 1,
    });

    const second = await send('d1', { message: message('Atelier du 12 mars') });
    await send('d1', { message: message('Travaux : rue fermée ce soir'), urgent: true });
    expect(h.botMessages(daily!.chatId).map((m) => m.text)).toEqual([expect.stringContaining('rue fermée ce soir')]);

    await digestsTick()(); // before 18:00: nothing is due
    expect(h.botMessages(daily!.chatId)).toHaveLength(1);
    h.clock.advance(Date.parse(AT_18_PARIS) - h.clock.now().getTime());
    await Promise.all([digestsTick()(), digestsTick()()]); // overlapping ticks
    await digestsTick()();

    const messages = h.botMessages(daily!.chatId);
    expect(messages).toHaveLength(2);
    const digest = messages[1]!;
    const text = digest.text ?? '';
    expect(text).toMatch(/^🗞️ Votre résumé : 2 nouvelles/);
    expect(text.indexOf('Le plan vélo avance')).toBeLessThan(text.indexOf('Atelier du 12 mars'));
    expect(text).not.toContain('rue fermée');
    for (const campaign of [first, second])
      expect(await h.store.deliveries.get(campaign.id, 'telegram', daily!.id)).toMatchObject({
        status: 'sent',
        externalId: String(digest.message_id),
      });
    expect(await h.store.digests.listDue(h.clock.now().toISOString(), 10)).toEqual([]);
  });

  it('splits a long digest between items, each message under 4,096 characters', async () => {
    const [daily] = await h.addSubscribers(1, { ...following('d2'), frequency: 'daily', digestHour: 18 });
    const titles = ['Un', 'Deux', 'Trois', 'Quatre', 'Cinq'].map((n) => `Nouvelle ${n}`);
    for (const title of titles)
      await send('d2', { message: { ...message(title), text: `${title} : ${'x'.repeat(1800)}` } });
    h.clock.advance(Date.parse(AT_18_PARIS) - h.clock.now().getTime());
    await digestsTick()();

    const texts = h.botMessages(daily!.chatId).map((m) => m.text ?? '');
    expect(texts.length).toBe(3);
    for (const text of texts) expect(visibleLength(text)).toBeLessThanOrEqual(4096);
    // Every item whole, in exactly one message, in order.
    const found = titles.map((t) => texts.findIndex((text) => text.includes(`${t} : ${'x'.repeat(1800)}`)));
    expect(found.every((i) => i >= 0)).toBe(true);
    expect([...found].sort()).toEqual(found);
    expect(texts.slice(1).every((text) => text.startsWith('🗞️ Votre résumé (suite)'))).toBe(true);
  });
});

describe('digests in the local runtime and on AWS', () => {
  it('leave as one job on the send queue, sent by the consumer that sends the campaigns (one Telegram budget)', async () => {
    const [daily] = await h.addSubscribers(1, { ...following('dq'), frequency: 'daily', digestHour: 18 });
    const held = await send('dq', { message: message('Le marché de Talensac rouvre') });
    // The tick as the runtimes wire it: no sender of its own, only the queue (recorded on the way).
    const enqueued: SendJob[] = [];
    const tick = createDispatchHandler(
      {
        ...h.dispatchDeps,
        queue: {
          enqueue: async (jobs) => {
            enqueued.push(...jobs);
            await h.dispatchDeps.queue.enqueue(jobs);
          },
        },
        telegramFormat: h.ctx.telegramFormat,
        publicUrl: 'https://participer.example',
        logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' }),
      },
      { steps: ['digests'] },
    );
    await tick(); // before 18:00: nothing due, nothing enqueued
    expect(enqueued).toEqual([]);
    h.clock.advance(Date.parse(AT_18_PARIS) - h.clock.now().getTime());
    await tick();
    await tick(); // a second tick within the minute adds no copy
    expect(enqueued).toEqual([{ channel: 'digests', dueBy: AT_18_PARIS }]);
    await h.queue.idle();

    const digest = h.botMessages(daily!.chatId);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain('Le marché de Talensac rouvre');
    expect(await h.store.deliveries.get(held.id, 'telegram', daily!.id)).toMatchObject({
      status: 'sent',
      externalId: String(digest[0]!.message_id),
    });
  });
});

describe('quiet hours', () => {
  it('hold a message until the window ends, then send it as it would have left', async () => {
    // 09:00 in Paris, quiet until 10:00.
    const [quiet] = await h.addSubscribers(1, { ...following('q1'), quietHours: { start: '08:00', end: '10:00' } });
    const campaign = await send('q1', { message: message('Le plan vélo avance'), questionnaireId: 'q1' });
    expect(h.botMessages(quiet!.chatId)).toEqual([]);
    h.clock.advance(Date.parse('2026-03-02T08:59:59.000Z') - h.clock.now().getTime());
    await digestsTick()();
    expect(h.botMessages(quiet!.chatId)).toEqual([]);
    h.clock.advance(1000);
    await digestsTick()();
    const [sent] = h.botMessages(quiet!.chatId);
    // One item: the campaign itself, with its questionnaire's first question and buttons.
    expect(sent?.text).toMatch(/^Le plan vélo avance\n\n/);
    expect(sent?.reply_markup?.inline_keyboard.length).toBeGreaterThan(0);
    expect(await h.store.deliveries.get(campaign.id, 'telegram', quiet!.id)).toMatchObject({
      status: 'sent',
      externalId: String(sent!.message_id),
    });
  });
});

describe('a digest whose sender dies mid-send', () => {
  it('is taken over once its claim runs out, and the resend is counted uncertain', async () => {
    const [daily] = await h.addSubscribers(1, { ...following('k1'), frequency: 'daily', digestHour: 18 });
    const campaign = await send('k1', { message: message('Le plan vélo avance') });
    h.clock.advance(Date.parse(AT_18_PARIS) - h.clock.now().getTime());
    const dying: TelegramSender = {
      async send(chatId, m, options) {
        await h.sender.send(chatId, m, options);
        throw new Error('killed after the message left');
      },
    };
    await expect(digestsTick(dying, 60_000)()).rejects.toThrow(/digest:/);
    await digestsTick(h.sender, 60_000)(); // the claim still runs: nothing sent
    expect(h.botMessages(daily!.chatId)).toHaveLength(1);
    h.clock.advance(60_000);
    await digestsTick(h.sender, 60_000)();
    expect(h.botMessages(daily!.chatId)).toHaveLength(2);
    expect(await h.store.deliveries.get(campaign.id, 'telegram', daily!.id)).toMatchObject({
      status: 'sent',
      uncertain: true,
    });
  });
});

describe('a send job that dies between joining the digest and writing its line', () => {
  it('leaves the item to the digest, which writes the line; the job run again sends nothing more', async () => {
    const [daily] = await h.addSubscribers(1, { ...following('j1'), frequency: 'daily', digestHour: 18 });
    const queue = capturingQueue();
    const campaign = await h.scheduleDue({ audience: followersOf('j1'), message: message('Le plan vélo avance') });
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue });
    // The job joined the digest, then died before its line was written.
    expect(await h.store.digests.add(daily!.id, AT_18_PARIS, campaign.id, h.clock.now().toISOString())).toBe(true);
    expect(await h.store.deliveries.get(campaign.id, 'telegram', daily!.id)).toBeUndefined();

    h.clock.advance(Date.parse(AT_18_PARIS) - h.clock.now().getTime());
    await digestsTick()();
    const [digest] = h.botMessages(daily!.chatId);
    expect(await h.store.deliveries.get(campaign.id, 'telegram', daily!.id)).toMatchObject({
      status: 'sent',
      externalId: String(digest!.message_id),
    });
    const rerun = await processSendJob(h.sendDeps, queue.jobs[0]!);
    expect(rerun).toMatchObject({ sent: 0, held: 0, alreadyDone: 1 });
    expect(h.botMessages(daily!.chatId)).toHaveLength(1);
  });
});
