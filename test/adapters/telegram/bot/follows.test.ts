// Following démarches, themes and places from the menu: each press toggles one (✅) in place;
// a forged press changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Demarche } from '#core/demarches/demarche';
import { type BotHarness, lastToast, openDemarche, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.demarches.create(openDemarche('parc-des-chantiers', 'Parc des Chantiers'));
  await h.deps.store.demarches.create(
    openDemarche('pont-anne-de-bretagne-et-ses-abords-une-tres-longue-adresse-de-demarche', 'Pont Anne-de-Bretagne'),
  );
  // Over: every step past. Not offered.
  await h.deps.store.demarches.create(
    Demarche.parse({
      ...openDemarche('ancienne-demarche', 'Ancienne démarche'),
      steps: [
        { id: 'old', kind: 'decision', title: 'Décision', start: '2020-01-01T08:00:00Z', end: '2020-02-01T08:00:00Z' },
      ],
    }),
  );
});
afterAll(() => h.close());

const labels = (h: BotHarness, chatId: number, messageId: number) =>
  h.sim
    .messages(chatId)
    .find((m) => m.message_id === messageId)
    ?.reply_markup?.inline_keyboard.flat()
    .map((b) => b.text) ?? [];

describe('follows', () => {
  it('toggles démarches, themes and places in one edited message', async () => {
    const menu = await h.subscribe(2001);
    await h.press(2001, menu.message_id, '📋 Démarches');
    expect(labels(h, 2001, menu.message_id)).toEqual(['Parc des Chantiers', 'Pont Anne-de-Bretagne', '↩️ Retour']);

    await h.press(2001, menu.message_id, 'Pont Anne-de-Bretagne');
    expect(labels(h, 2001, menu.message_id)).toContain('✅ Pont Anne-de-Bretagne');
    expect(lastToast(h.sim.messages(2001).find((m) => m.message_id === menu.message_id))?.text).toBe(
      'Suivi : Pont Anne-de-Bretagne',
    );

    await h.press(2001, menu.message_id, '↩️ Retour');
    await h.press(2001, menu.message_id, '🏷️ Thèmes');
    await h.press(2001, menu.message_id, 'Mobilités');
    await h.press(2001, menu.message_id, '↩️ Retour');
    await h.press(2001, menu.message_id, '🏘️ Communes');
    await h.press(2001, menu.message_id, 'Rezé');
    await h.press(2001, menu.message_id, '↩️ Retour');
    await h.press(2001, menu.message_id, '📍 Quartiers de Nantes');
    await h.press(2001, menu.message_id, 'Île de Nantes');
    await h.press(2001, menu.message_id, '✅ Île de Nantes');
    expect(labels(h, 2001, menu.message_id)).toContain('Île de Nantes');

    const s = await h.deps.store.subscribers.get(h.idOf(2001));
    expect(s?.follows).toEqual({
      demarches: ['pont-anne-de-bretagne-et-ses-abords-une-tres-longue-adresse-de-demarche'],
      themes: ['mobilites'],
      territories: ['reze'],
    });
    await h.press(2001, menu.message_id, '↩️ Retour');
    await h.press(2001, menu.message_id, '✔️ Terminé');
    expect(h.sim.messages(2001).find((m) => m.message_id === menu.message_id)?.text).toContain(
      '1 démarche, 1 thème, 1 lieu',
    );
  });

  it('reopens with /suivre (and /follow), and refuses forged presses without writing', async () => {
    await h.subscribe(2002);
    await h.say(2002, '/follow');
    const menu = h.lastBot(2002);
    expect(menu.text).toContain('Ce que vous suivez');
    const before = await h.deps.store.subscribers.get(h.idOf(2002));
    for (const data of ['ft:t:astrologie', 'ft:d:AAAAAAAAAA:0', 'ft:c:paris', 'f:zz', 'ft:q:reze:3']) {
      await h.forge(2002, menu.message_id, data);
      expect(lastToast(h.sim.messages(2002).find((m) => m.message_id === menu.message_id))?.text, data).toContain(
        'rien n’a été enregistré',
      );
    }
    expect(await h.deps.store.subscribers.get(h.idOf(2002))).toEqual(before);
  });

  it('tells someone who is not subscribed how to start', async () => {
    await h.say(2003, '/suivre');
    expect(h.lastBot(2003).text).toContain('Envoyez /start');
  });
});
