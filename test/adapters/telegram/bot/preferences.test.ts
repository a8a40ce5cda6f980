// The citizen's choices of when messages arrive (/rythme, /preferences), through the simulator over
// HTTP: a daily or weekly digest at an hour they pick, quiet hours, back to instant; each choice one
// write, shown in place; a forged or stale button answered clearly, nothing stored. Then the choice
// at work: a campaign dispatched to a daily subscriber waits, and arrives in their digest.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import { Campaign } from '#core/campaigns/campaign';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { type BotHarness, NOW, lastToast, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

const buttons = (chatId: number, messageId: number) =>
  h.sim
    .messages(chatId)
    .find((m) => m.message_id === messageId)
    ?.reply_markup?.inline_keyboard.flat() ?? [];
const textOf = (chatId: number, messageId: number) =>
  h.sim.messages(chatId).find((m) => m.message_id === messageId)?.text;
const toastOn = (chatId: number, messageId: number) =>
  lastToast(h.sim.messages(chatId).find((m) => m.message_id === messageId))?.text;

describe('preferences', () => {
  it('picks a daily digest and its hour, quiet hours, then a weekly digest, each shown in place', async () => {
    await h.subscribe(3001);
    await h.say(3001, '/rythme');
    const menu = h.lastBot(3001);
    expect(menu.text).toContain('Rythme : au fil de l’eau');
    expect(menu.text).toContain('Heures calmes : aucune');
    for (const b of buttons(3001, menu.message_id))
      expect(Buffer.byteLength(b.callback_data ?? '')).toBeLessThanOrEqual(64);

    await h.press(3001, menu.message_id, '📰 Un résumé par jour');
    expect(textOf(3001, menu.message_id)).toContain('À quelle heure voulez-vous votre résumé quotidien');
    expect((await h.deps.store.subscribers.get(h.idOf(3001)))?.frequency).toBe('instant'); // nothing stored yet
    await h.press(3001, menu.message_id, '8 h');
    expect(toastOn(3001, menu.message_id)).toBe('C’est enregistré ✅');
    expect(textOf(3001, menu.message_id)).toContain('Rythme : un résumé par jour, à 8 h');
    expect(buttons(3001, menu.message_id).map((b) => b.text)).toContain('✅ 📰 Un résumé par jour');

    await h.press(3001, menu.message_id, '🌙 Heures calmes');
    await h.press(3001, menu.message_id, 'de 22:00 à 07:00');
    expect(textOf(3001, menu.message_id)).toContain('Heures calmes : de 22:00 à 07:00');

    await h.press(3001, menu.message_id, '🗞️ Un résumé par semaine');
    await h.press(3001, menu.message_id, 'vendredi');
    expect(textOf(3001, menu.message_id)).toContain('À quelle heure, le vendredi');
    await h.press(3001, menu.message_id, '19 h');
    expect(await h.deps.store.subscribers.get(h.idOf(3001))).toMatchObject({
      frequency: 'weekly',
      digestDay: 5,
      digestHour: 19,
      quietHours: { start: '22:00', end: '07:00' },
    });
    await h.press(3001, menu.message_id, '✔️ Terminé');
    expect(textOf(3001, menu.message_id)).toBe(
      'C’est enregistré. Rythme : un résumé par semaine, le vendredi à 19 h. Heures calmes : de 22:00 à 07:00. /rythme pour changer.',
    );
  });

  it('speaks English on /preferences, and goes back to instant', async () => {
    await h.subscribe(3002, 'en');
    await h.say(3002, '/preferences', 'en');
    const menu = h.lastBot(3002);
    expect(menu.text).toContain('Pace: as it happens');
    await h.press(3002, menu.message_id, '📰 One digest a day');
    await h.press(3002, menu.message_id, '07:00');
    await h.press(3002, menu.message_id, '⚡ As it happens');
    const s = await h.deps.store.subscribers.get(h.idOf(3002));
    expect(s?.frequency).toBe('instant');
    expect(s?.digestHour).toBeUndefined();
  });

  it('answers a forged or stale button clearly and stores nothing', async () => {
    await h.subscribe(3003);
    await h.say(3003, '/rythme');
    const menu = h.lastBot(3003);
    const before = await h.deps.store.subscribers.get(h.idOf(3003));
    for (const data of ['p:hd:3', 'p:hd:08', 'p:hw:8:9', 'p:hw:1:25', 'p:qs:0100-0200', 'p:wd:0', 'p:zz', 'p:hd:9:x']) {
      await h.forge(3003, menu.message_id, data);
      expect(toastOn(3003, menu.message_id), data).toContain('rien n’a été enregistré');
    }
    expect(await h.deps.store.subscribers.get(h.idOf(3003))).toEqual(before);
    // Someone who left presses an old menu's button: told how to come back, nothing stored.
    await h.say(3003, '/stop');
    const left = await h.deps.store.subscribers.get(h.idOf(3003));
    await h.press(3003, menu.message_id, 'p:d');
    await h.press(3003, menu.message_id, 'p:i');
    expect(toastOn(3003, menu.message_id)).toContain('/start');
    expect(await h.deps.store.subscribers.get(h.idOf(3003))).toEqual(left);
  });

  it('holds a campaign for a daily subscriber and delivers it in their digest at the hour they chose', async () => {
    await h.subscribe(3004);
    await h.say(3004, '/rythme');
    const menu = h.lastBot(3004);
    await h.press(3004, menu.message_id, '📰 Un résumé par jour');
    await h.press(3004, menu.message_id, '18 h');
    const before = h.botMessages(3004).length;

    const jobs = await h.dispatch(
      Campaign.parse({
        id: 'digest1',
        message: { title: 'Le parc des Chantiers', text: 'Venez en parler.', link: 'https://example.org/parc' },
        channels: ['telegram'],
        sendAt: NOW,
        status: 'scheduled',
        createdBy: 'agent',
        createdAt: NOW,
        updatedAt: NOW,
        version: 1,
      }),
    );
    await h.runJobs(jobs);
    expect(h.botMessages(3004)).toHaveLength(before);
    expect(await h.deps.store.deliveries.get('digest1', 'telegram', h.idOf(3004))).toMatchObject({ status: 'held' });

    // 18:00 in Paris on the same day (NOW is 11:00 there).
    h.clock.set('2026-11-25T17:00:00.000Z');
    h.tick();
    const sender = createTelegramSender({ token: h.sim.token, apiRoot: h.sim.url, backoffMs: 10, maxAttempts: 3 });
    try {
      await createDispatchHandler(
        {
          ...h.deps,
          queue: { enqueue: async () => undefined },
          logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' }),
          digests: { telegram: sender, format: telegramDigestFormat },
          publicUrl: 'http://localhost',
        },
        { steps: ['digests'] },
      )();
    } finally {
      sender.close();
    }
    const digest = h.lastBot(3004);
    expect(digest.text).toMatch(/^Le parc des Chantiers\n\nVenez en parler\./);
    expect(await h.deps.store.deliveries.get('digest1', 'telegram', h.idOf(3004))).toMatchObject({
      status: 'sent',
      externalId: String(digest.message_id),
    });

    // /mesdonnees shows the choices; /supprimer leaves no digest under the pseudonym.
    await h.say(3004, '/mesdonnees');
    expect(h.lastBot(3004).text).toContain('Rythme des messages : un résumé par jour, à 18 h');
    expect(h.lastBot(3004).text).toContain('Heures calmes : aucune');
    expect(await h.deps.store.digests.listBySubscriber(h.idOf(3004))).toHaveLength(1);
    await h.say(3004, '/supprimer');
    await h.press(3004, h.lastBot(3004).message_id, '🗑️ Oui, tout effacer');
    expect(await h.deps.store.digests.listBySubscriber(h.idOf(3004))).toEqual([]);
  });
});
