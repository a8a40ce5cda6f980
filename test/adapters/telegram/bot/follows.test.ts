// Following démarches, themes and places from the menu: every démarche is offered (in progress,
// then upcoming, then ended, the phase in words), each press toggles one (✅) in place and the text
// says what is followed; `/suivis` shows everything followed, each removable, and proposes (never
// forces) to stop following an ended démarche. Stale or forged presses change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demarcheHash } from '#adapters/telegram/bot/follow-menu';
import { Demarche } from '#core/demarches/demarche';
import type { MessageView } from '#local/telegram-simulator/types';
import { type BotHarness, lastToast, openDemarche, startBotHarness } from './harness';

let h: BotHarness;
const PONT = 'pont-anne-de-bretagne-et-ses-abords-une-tres-longue-adresse-de-demarche';
const stepped = (slug: string, title: string, start: string, end: string) =>
  Demarche.parse({
    ...openDemarche(slug, title),
    steps: [{ id: 's1', kind: 'consultation', title: 'Consultation', start, end }],
  });

beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.demarches.create(openDemarche('parc-des-chantiers', 'Parc des Chantiers'));
  await h.deps.store.demarches.create(openDemarche(PONT, 'Pont Anne-de-Bretagne'));
  // Ended: every step past; still followable, offered last.
  await h.deps.store.demarches.create(
    stepped('grand-debat', 'Grand débat', '2025-01-01T08:00:00Z', '2025-06-01T08:00:00Z'),
  );
  // Upcoming: nothing started yet.
  await h.deps.store.demarches.create(
    stepped('budget-2027', 'Budget participatif 2027', '2027-01-10T08:00:00Z', '2027-03-01T08:00:00Z'),
  );
  // In progress, enough of them for a second page (8 a page).
  for (let i = 1; i <= 6; i++) await h.deps.store.demarches.create(openDemarche(`zone-${i}`, `Zone ${i}`));
});
afterAll(() => h.close());

const message = (chatId: number, messageId: number) => h.sim.messages(chatId).find((m) => m.message_id === messageId)!;
const labels = (chatId: number, messageId: number) =>
  message(chatId, messageId)
    .reply_markup?.inline_keyboard.flat()
    .map((b) => b.text) ?? [];
const toastOn = (chatId: number, messageId: number) => lastToast(message(chatId, messageId))?.text;

/** Telegram's limits with room: callback_data ≤ 48 bytes, ≤ 100 buttons, text ≤ 4,096. */
function expectWithinLimits(m: MessageView) {
  const buttons = m.reply_markup?.inline_keyboard.flat() ?? [];
  expect(buttons.length).toBeLessThanOrEqual(100);
  for (const b of buttons) expect(Buffer.byteLength(b.callback_data ?? ''), b.callback_data).toBeLessThanOrEqual(48);
  expect((m.text ?? '').length).toBeLessThanOrEqual(4096);
}

describe('the follow menu', () => {
  it('lists démarches in progress, then upcoming, then ended, the phase in words, over pages', async () => {
    const menu = await h.subscribe(2001);
    await h.press(2001, menu.message_id, '📋 Démarches');
    expect(labels(2001, menu.message_id)).toEqual([
      'Parc des Chantiers · en cours',
      'Pont Anne-de-Bretagne · en cours',
      ...[1, 2, 3, 4, 5, 6].map((i) => `Zone ${i} · en cours`),
      'Suivantes ▶️',
      '↩️ Retour',
    ]);
    expect(message(2001, menu.message_id).text).toContain('Démarches (page 1 sur 2)');
    expect(message(2001, menu.message_id).text).toContain('Vous ne suivez encore aucune démarche.');
    expectWithinLimits(message(2001, menu.message_id));
    await h.press(2001, menu.message_id, 'Suivantes ▶️');
    expect(labels(2001, menu.message_id)).toEqual([
      'Budget participatif 2027 · à venir',
      'Grand débat · terminée',
      '◀️ Précédentes',
      '↩️ Retour',
    ]);
    expectWithinLimits(message(2001, menu.message_id));
  });

  it('toggles démarches (an ended one too), themes and places, and says in the text what is followed', async () => {
    const menu = await h.subscribe(2002);
    await h.press(2002, menu.message_id, '📋 Démarches');
    await h.press(2002, menu.message_id, 'Pont Anne-de-Bretagne · en cours');
    expect(labels(2002, menu.message_id)).toContain('✅ Pont Anne-de-Bretagne · en cours');
    expect(toastOn(2002, menu.message_id)).toBe('Suivi : Pont Anne-de-Bretagne');
    expect(message(2002, menu.message_id).text).toContain('Vous suivez : Pont Anne-de-Bretagne.');
    await h.press(2002, menu.message_id, 'Suivantes ▶️');
    await h.press(2002, menu.message_id, 'Grand débat · terminée');
    expect(labels(2002, menu.message_id)).toContain('✅ Grand débat · terminée');

    await h.press(2002, menu.message_id, '↩️ Retour');
    // The menu says an ended démarche is followed, and where to decide about it.
    expect(message(2002, menu.message_id).text).toContain('2 démarches, 0 thème, 0 lieu');
    expect(message(2002, menu.message_id).text).toContain('1 démarche que vous suivez est terminée : /suivis');
    await h.press(2002, menu.message_id, '🏷️ Thèmes');
    await h.press(2002, menu.message_id, 'Mobilités');
    expect(message(2002, menu.message_id).text).toContain('Vous suivez : Mobilités.');
    await h.press(2002, menu.message_id, '↩️ Retour');
    await h.press(2002, menu.message_id, '🏘️ Communes');
    await h.press(2002, menu.message_id, 'Rezé');
    expect(message(2002, menu.message_id).text).toContain('Vous suivez : Rezé.');
    expectWithinLimits(message(2002, menu.message_id));
    await h.press(2002, menu.message_id, '↩️ Retour');
    await h.press(2002, menu.message_id, '📍 Quartiers de Nantes');
    await h.press(2002, menu.message_id, 'Île de Nantes');
    await h.press(2002, menu.message_id, '✅ Île de Nantes');
    expect(labels(2002, menu.message_id)).toContain('Île de Nantes');
    expect(message(2002, menu.message_id).text).toContain('Vous n’en suivez aucun pour le moment.');

    expect((await h.deps.store.subscribers.get(h.idOf(2002)))?.follows).toEqual({
      demarches: [PONT, 'grand-debat'],
      themes: ['mobilites'],
      territories: ['reze'],
    });
    await h.press(2002, menu.message_id, '↩️ Retour');
    await h.press(2002, menu.message_id, '✔️ Terminé');
    expect(message(2002, menu.message_id).text).toContain('2 démarches, 1 thème, 1 lieu');
  });

  it('reopens with /suivre (and /follow), and refuses forged or stale presses without writing', async () => {
    await h.subscribe(2003);
    await h.say(2003, '/follow');
    const menu = h.lastBot(2003);
    expect(menu.text).toContain('Ce que vous suivez');
    const before = await h.deps.store.subscribers.get(h.idOf(2003));
    for (const data of ['ft:t:astrologie', 'ft:c:paris', 'f:zz', 'ft:q:reze:3', 'fu:x:reze:0']) {
      await h.forge(2003, menu.message_id, data);
      expect(toastOn(2003, menu.message_id), data).toContain('rien n’a été enregistré');
    }
    // A démarche deleted since its button was drawn.
    await h.forge(2003, menu.message_id, `ft:d:${demarcheHash('supprimee')}:0`);
    expect(toastOn(2003, menu.message_id)).toBe('Cette démarche n’existe plus : rien n’a été enregistré.');
    // A page past the last (the list shrank): said, and the last page shown.
    await h.forge(2003, menu.message_id, 'f:d:7');
    expect(toastOn(2003, menu.message_id)).toBe(
      'Cette page n’existe plus : voici la dernière. Rien n’a été enregistré.',
    );
    expect(message(2003, menu.message_id).text).toContain('page 2 sur 2');
    // Removing what is not followed.
    await h.forge(2003, menu.message_id, 'fu:t:mobilites:0');
    expect(toastOn(2003, menu.message_id)).toBe('Vous ne suivez déjà plus cela : rien n’a changé.');
    expect(await h.deps.store.subscribers.get(h.idOf(2003))).toEqual(before);
  });

  it('tells someone who is not subscribed how to start', async () => {
    await h.say(2004, '/suivre');
    expect(h.lastBot(2004).text).toContain('Envoyez /start');
    await h.say(2004, '/suivis');
    expect(h.lastBot(2004).text).toContain('Envoyez /start');
  });
});

describe('/suivis', () => {
  it('shows everything followed, the ended démarche first with a proposal; nothing leaves without a press', async () => {
    await h.subscribe(2101);
    const s = (await h.deps.store.subscribers.get(h.idOf(2101)))!;
    await h.deps.store.subscribers.put({
      ...s,
      // 'retiree': a démarche removed from the platform since it was followed.
      follows: {
        demarches: ['parc-des-chantiers', 'grand-debat', 'retiree'],
        themes: ['loire'],
        territories: ['reze', 'nantes-nord'],
      },
    });
    await h.say(2101, '/suivis');
    const view = h.lastBot(2101);
    expect(view.text).toBe(
      [
        'Vos suivis',
        '3 démarches, 1 thème, 2 lieux.',
        '',
        'Une démarche que vous suivez est terminée : voulez-vous arrêter de la suivre ? Sinon, gardez-la : vous serez prévenu si l’équipe annonce une nouvelle étape.',
        '',
        'Démarches',
        '• Grand débat — terminée',
        '• Parc des Chantiers — en cours',
        '• « retiree » — démarche retirée de la plateforme',
        '',
        'Thèmes',
        '• Loire',
        '',
        'Lieux',
        '• Rezé (commune)',
        '• Nantes Nord (quartier de Nantes)',
        '',
        'Touchez un bouton « Retirer » pour ne plus suivre un élément.',
      ].join('\n'),
    );
    expect(labels(2101, view.message_id)).toEqual([
      'Arrêter (terminée) : Grand débat',
      'Retirer : Parc des Chantiers',
      'Retirer : retiree',
      'Retirer : Loire',
      'Retirer : Rezé',
      'Retirer : Nantes Nord',
      '➕ Suivre autre chose',
      '✔️ Terminé',
    ]);
    expectWithinLimits(view);
    // Still followed until the subscriber decides.
    expect((await h.deps.store.subscribers.get(h.idOf(2101)))?.follows.demarches).toContain('grand-debat');

    await h.press(2101, view.message_id, 'Arrêter (terminée) : Grand débat');
    expect(toastOn(2101, view.message_id)).toBe('Plus suivi : Grand débat');
    expect(message(2101, view.message_id).text).not.toContain('terminée');
    await h.press(2101, view.message_id, 'Retirer : retiree');
    await h.press(2101, view.message_id, 'Retirer : Nantes Nord');
    expect((await h.deps.store.subscribers.get(h.idOf(2101)))?.follows).toEqual({
      demarches: ['parc-des-chantiers'],
      themes: ['loire'],
      territories: ['reze'],
    });
    // A second press on a removal already done: said, nothing written.
    const before = await h.deps.store.subscribers.get(h.idOf(2101));
    await h.forge(2101, view.message_id, 'fu:p:nantes-nord:0');
    expect(toastOn(2101, view.message_id)).toBe('Vous ne suivez déjà plus cela : rien n’a changé.');
    expect(await h.deps.store.subscribers.get(h.idOf(2101))).toEqual(before);

    // « Suivre autre chose » opens the menu in the same message; « Mes suivis » comes back.
    await h.press(2101, view.message_id, '➕ Suivre autre chose');
    expect(message(2101, view.message_id).text).toContain('Ce que vous suivez');
    await h.press(2101, view.message_id, '📌 Mes suivis');
    expect(message(2101, view.message_id).text).toContain('Vos suivis');
  });

  it('pages a long list, and says when nothing is followed', async () => {
    await h.subscribe(2102);
    await h.say(2102, '/suivis');
    expect(h.lastBot(2102).text).toContain('Vous ne suivez encore rien.');
    const s = (await h.deps.store.subscribers.get(h.idOf(2102)))!;
    const territories = ['reze', 'nantes', 'orvault', 'vertou', 'bouaye', 'indre', 'sautron', 'brains', 'nantes-sud'];
    await h.deps.store.subscribers.put({ ...s, follows: { demarches: [], themes: [], territories } });
    await h.say(2102, '/suivis');
    const view = h.lastBot(2102);
    expect(view.text).toContain('Page 1 sur 2.');
    expect(labels(2102, view.message_id)).toContain('Suivantes ▶️');
    await h.press(2102, view.message_id, 'Suivantes ▶️');
    expect(message(2102, view.message_id).text).toContain('• Nantes Sud (quartier de Nantes)');
    expect(labels(2102, view.message_id)).toEqual([
      'Retirer : Nantes Sud',
      '◀️ Précédentes',
      '➕ Suivre autre chose',
      '✔️ Terminé',
    ]);
    await h.press(2102, view.message_id, 'Retirer : Nantes Sud');
    // The list shrank to one page: the last page is shown.
    expect(message(2102, view.message_id).text).not.toContain('Page 2');
    await h.forge(2102, view.message_id, 'f:s:5');
    expect(toastOn(2102, view.message_id)).toContain('Cette page n’existe plus');
  });

  it('speaks English: /following and /follow, phases and places in English', async () => {
    const menu = await h.subscribe(2201, 'en');
    await h.press(2201, menu.message_id, '📋 Processes');
    expect(message(2201, menu.message_id).text).toContain('In progress first, then upcoming, then ended.');
    await h.press(2201, menu.message_id, 'Next ▶️');
    await h.press(2201, menu.message_id, 'Grand débat · ended');
    expect(toastOn(2201, menu.message_id)).toBe('Following: Grand débat');
    expect(labels(2201, menu.message_id)).toContain('Budget participatif 2027 · upcoming');
    await h.say(2201, '/following');
    const view = h.lastBot(2201);
    expect(view.text).toContain('What you follow');
    expect(view.text).toContain('1 process, 0 themes, 0 places.');
    expect(view.text).toContain('• Grand débat — ended');
    expect(view.text).toContain('A process you follow has ended: do you want to stop following it?');
    expect(labels(2201, view.message_id)).toEqual(['Stop (ended): Grand débat', '➕ Follow something else', '✔️ Done']);
    await h.press(2201, view.message_id, 'Stop (ended): Grand débat');
    expect(toastOn(2201, view.message_id)).toBe('No longer following: Grand débat');
    expect(message(2201, view.message_id).text).toContain('You do not follow anything yet.');
  });
});
