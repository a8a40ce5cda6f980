// Issue #11, the citizen answering in Telegram through the simulator and the real store: ranking
// with buttons, skip logic in the flow (the counter, questions brought in or hidden by a changed
// answer), « Revoir mes réponses » (written answers changed like the others), and stale presses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionnaireButton } from '#adapters/telegram/question-message';
import type { Language } from '#core/subscribers/subscriber';
import { type BotHarness, lastToast, questionnaireOf, startBotHarness } from './harness';

const bike = questionnaireOf('qBike', [
  { kind: 'yes_no', id: 'velo', prompt: 'Avez-vous un vélo ?' },
  {
    kind: 'ranking',
    id: 'prio',
    prompt: 'Classez vos priorités',
    showIf: { questionId: 'velo', anyOf: ['yes'] },
    options: [
      { id: 'pistes', label: 'Pistes' },
      { id: 'parcs', label: 'Parcs à vélo' },
      { id: 'ateliers', label: 'Ateliers' },
    ],
  },
  { kind: 'short_text', id: 'mot', prompt: 'Un mot pour finir ?', maxLength: 50 },
]);

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.questionnaires.create(bike);
});
afterAll(() => h.close());

const message = (chatId: number, id: number) => h.sim.messages(chatId).find((m) => m.message_id === id)!;
const labels = (chatId: number, id: number) =>
  message(chatId, id)
    .reply_markup?.inline_keyboard.flat()
    .map((b) => b.text) ?? [];
const response = (chatId: number) => h.deps.store.responses.get('qBike', h.idOf(chatId));
const toastOn = (chatId: number, id: number) => lastToast(message(chatId, id))?.text;

/** A « Répondre » button as the campaign message carries it, then the citizen taps it. */
async function open(chatId: number, language: Language = 'fr') {
  h.tick();
  const button = openQuestionnaireButton('qBike', language);
  const sent = await h.bot.telegram.sendMessage(chatId, 'Nouveau questionnaire', {
    reply_markup: { inline_keyboard: [[button]] },
  });
  await h.press(chatId, sent.message_id, button.text);
  return h.lastBot(chatId);
}

describe('ranking with buttons', () => {
  it('places the options in the order tapped, starts again on request, and records the full order', async () => {
    await h.subscribe(4001);
    const q1 = await open(4001);
    expect(q1.text).toContain('Question 1 sur 2 à 3');
    await h.press(4001, q1.message_id, 'Oui');
    const q2 = h.lastBot(4001);
    expect(q2.text).toContain('Question 2 sur 3');
    expect(q2.text).toContain('Classez les 3 options');

    await h.press(4001, q2.message_id, 'Ateliers');
    expect(toastOn(4001, q2.message_id)).toBe('1 sur 3 classées');
    expect(labels(4001, q2.message_id)).toEqual([
      'Pistes',
      'Parcs à vélo',
      '1. Ateliers',
      '↩️ Recommencer le classement',
    ]);
    await h.press(4001, q2.message_id, '1. Ateliers');
    expect(toastOn(4001, q2.message_id)).toContain('déjà classée');
    await h.press(4001, q2.message_id, 'Pistes');
    await h.press(4001, q2.message_id, '↩️ Recommencer le classement');
    expect(labels(4001, q2.message_id)).toEqual(['Pistes', 'Parcs à vélo', 'Ateliers']);
    expect((await response(4001))?.answers.prio).toBeUndefined();

    for (const label of ['Parcs à vélo', 'Pistes', 'Ateliers']) await h.press(4001, q2.message_id, label);
    expect(toastOn(4001, q2.message_id)).toBe('Réponse enregistrée ✅');
    expect(message(4001, q2.message_id).text).toContain('✅ Votre réponse : 1. Parcs à vélo, 2. Pistes, 3. Ateliers');
    expect((await response(4001))?.answers.prio).toEqual(['parcs', 'pistes', 'ateliers']);
    expect(h.lastBot(4001).text).toContain('Question 3 sur 3');
  });

  it('refuses a forged or impossible order and stores nothing', async () => {
    const q2 = h.botMessages(4001).find((m) => m.text?.includes('Classez les 3 options'))!;
    const before = (await response(4001))?.version;
    for (const data of ['qr:qBike:prio:013', 'qr:qBike:prio:11', 'qr:qBike:velo:01', 'qr:qBike:nope:0']) {
      await h.forge(4001, q2.message_id, data);
      expect(toastOn(4001, q2.message_id), data).toMatch(/rien n’a été enregistré/);
    }
    expect((await response(4001))?.version).toBe(before);
  });

  it('says what went stale: a questionnaire gone, a question removed, an option it no longer has', async () => {
    const q1 = h.botMessages(4001).find((m) => m.text?.includes('Question 1 sur'))!;
    const before = await h.itemCount();
    const cases = [
      [
        'o:qGone',
        'Ce questionnaire n’existe plus : rien n’a été enregistré. /questionnaires montre ceux qui sont ouverts.',
      ],
      ['qv:qGone', 'Ce questionnaire n’existe plus'],
      ['a:qBike:removed:0', 'Cette question ne fait plus partie du questionnaire : rien n’a été enregistré.'],
      ['qs:qBike:removed', 'Cette question ne fait plus partie du questionnaire'],
      ['a:qBike:velo:2', 'Ce bouton ne correspond plus à la question : rien n’a été enregistré.'],
      ['qr:qBike:prio:013', 'Ce bouton ne correspond plus à la question'],
    ] as const;
    for (const [data, expected] of cases) {
      await h.forge(4001, q1.message_id, data);
      expect(toastOn(4001, q1.message_id), data).toContain(expected);
    }
    expect(await h.itemCount()).toBe(before + cases.length); // only each update's processed marker
  });

  it('ranks in English too', async () => {
    await h.subscribe(4002, 'en');
    const q1 = await open(4002, 'en');
    expect(q1.text).toContain('Question 1 of 2 to 3');
    await h.press(4002, q1.message_id, 'Yes');
    const q2 = h.lastBot(4002);
    expect(q2.text).toContain('Rank the 3 options');
    await h.press(4002, q2.message_id, 'Pistes');
    expect(toastOn(4002, q2.message_id)).toBe('1 of 3 ranked');
    expect(labels(4002, q2.message_id)).toContain('↩️ Start the ranking again');
    await h.press(4002, q2.message_id, 'Ateliers');
    await h.press(4002, q2.message_id, 'Parcs à vélo');
    expect(message(4002, q2.message_id).text).toContain('Your answer: 1. Pistes, 2. Ateliers, 3. Parcs à vélo');
  });
});

describe('skip logic in the flow', () => {
  it('skips a question its condition hides, counts only what is asked, and brings it in when the answer changes', async () => {
    await h.subscribe(4003);
    const q1 = await open(4003);
    await h.press(4003, q1.message_id, 'Non');
    const last = h.lastBot(4003);
    expect(last.text).toContain('Question 2 sur 2');
    expect(last.text).toContain('Un mot pour finir ?');
    await h.say(4003, 'Pas de vélo');
    expect(h.lastBot(4003).text).toContain('Merci !');
    expect(await response(4003)).toMatchObject({ complete: true, answers: { velo: false, mot: 'Pas de vélo' } });

    // Changing « Non » to « Oui » brings in the ranking: it is sent, and the response is incomplete again.
    await h.press(4003, q1.message_id, '✅ Non');
    await h.press(4003, q1.message_id, 'Oui');
    expect(toastOn(4003, q1.message_id)).toBe('Réponse modifiée ✅');
    const ranking = h.lastBot(4003);
    expect(ranking.text).toContain('Question 2 sur 3');
    expect(ranking.text).toContain('Classez vos priorités');
    expect((await response(4003))?.complete).toBe(false);
    for (const label of ['Pistes', 'Ateliers', 'Parcs à vélo']) await h.press(4003, ranking.message_id, label);
    expect(h.lastBot(4003).text).toContain('Merci !');
    expect((await response(4003))?.complete).toBe(true);

    // Back to « Non »: the ranking is hidden; a press on it is refused with a reason, nothing stored.
    await h.press(4003, q1.message_id, 'Non');
    const version = (await response(4003))?.version;
    await h.press(4003, ranking.message_id, '↩️ Recommencer le classement');
    for (const label of ['Ateliers', 'Pistes', 'Parcs à vélo']) await h.press(4003, ranking.message_id, label);
    expect(toastOn(4003, ranking.message_id)).toBe(
      'Vu vos réponses précédentes, cette question ne vous est plus posée : rien n’a été enregistré.',
    );
    expect(await response(4003)).toMatchObject({ version, complete: true, answers: { velo: false } });
  });
});

describe('« Revoir mes réponses »', () => {
  it('lists every answer and changes a written one from there', async () => {
    const thanks = h.botMessages(4003).findLast((m) => m.text?.includes('Merci !'))!;
    expect(thanks.text).toContain('touchez « Revoir mes réponses »');
    await h.press(4003, thanks.message_id, '📋 Revoir mes réponses');
    const review = h.lastBot(4003);
    expect(review.text).toContain('Vos réponses : Le parc des Chantiers');
    expect(review.text).toContain('1. Avez-vous un vélo ?\n   → Non');
    expect(review.text).toContain('2. Un mot pour finir ?\n   → « Pas de vélo »');
    expect(review.text).not.toContain('Classez vos priorités');
    expect(labels(4003, review.message_id)).toEqual(['✏️ Question 1', '✏️ Question 2']);

    await h.press(4003, review.message_id, '✏️ Question 2');
    const written = h.lastBot(4003);
    expect(written.text).toContain('Question 2 sur 2');
    expect(written.text).toContain('✅ Votre réponse : « Pas de vélo »');
    await h.press(4003, written.message_id, '✏️ Changer ma réponse');
    expect(h.lastBot(4003).text).toContain('Écrivez maintenant votre réponse à « Un mot pour finir ? »');
    await h.say(4003, 'Un vélo bientôt');
    expect(h.lastBot(4003).text).toContain('✅ Votre réponse : « Un vélo bientôt »');
    expect((await response(4003))?.answers.mot).toBe('Un vélo bientôt');
    expect((await h.deps.store.subscribers.get(h.idOf(4003)))?.awaitingText).toBeUndefined();
  });

  it('refuses to bring back a question hidden since, in English too', async () => {
    await h.subscribe(4004, 'en');
    const q1 = await open(4004, 'en');
    await h.press(4004, q1.message_id, 'No');
    await h.forge(4004, q1.message_id, 'qs:qBike:prio');
    expect(toastOn(4004, q1.message_id)).toBe(
      'Given your earlier answers, this question is no longer asked of you: nothing was saved.',
    );
    await h.forge(4004, q1.message_id, 'o:qGone');
    expect(toastOn(4004, q1.message_id)).toBe(
      'This questionnaire no longer exists: nothing was saved. /questionnaires shows the open ones.',
    );
    await h.forge(4004, q1.message_id, 'qv:qBike');
    const review = h.lastBot(4004);
    expect(review.text).toContain('Your answers: Le parc des Chantiers');
    expect(review.text).toContain('2. Un mot pour finir ?\n   → not answered yet');
    expect(labels(4004, review.message_id)).toContain('▶️ Continue the questionnaire');
  });

  it('ends a wait for a written answer when another question is sent, so a later message is not taken for it', async () => {
    await h.subscribe(4005);
    const q1 = await open(4005);
    await h.press(4005, q1.message_id, 'Non');
    const written = h.lastBot(4005);
    expect((await h.deps.store.subscribers.get(h.idOf(4005)))?.awaitingText?.questionId).toBe('mot');
    // The citizen goes back to question 1 from the review instead of writing.
    await h.forge(4005, written.message_id, 'qs:qBike:velo');
    expect((await h.deps.store.subscribers.get(h.idOf(4005)))?.awaitingText).toBeUndefined();
    await h.say(4005, 'bonjour');
    expect((await response(4005))?.answers.mot).toBeUndefined();
  });

  it('refuses a written answer to a question hidden since it was asked, and stops waiting', async () => {
    const textLast = questionnaireOf('qHide', [
      { kind: 'yes_no', id: 'velo', prompt: 'Avez-vous un vélo ?' },
      { kind: 'short_text', id: 'pourquoi', prompt: 'Pourquoi ?', showIf: { questionId: 'velo', anyOf: ['no'] } },
    ]);
    await h.deps.store.questionnaires.create(textLast);
    await h.subscribe(4006);
    h.tick();
    const button = openQuestionnaireButton('qHide', 'fr');
    const sent = await h.bot.telegram.sendMessage(4006, 'Q', { reply_markup: { inline_keyboard: [[button]] } });
    await h.press(4006, sent.message_id, button.text);
    const q1 = h.lastBot(4006);
    await h.press(4006, q1.message_id, 'Non');
    expect(h.lastBot(4006).text).toContain('Pourquoi ?');
    await h.press(4006, q1.message_id, 'Oui');
    await h.say(4006, 'Trop cher');
    expect(h.lastBot(4006).text).toBe(
      'Vu vos réponses précédentes, la question « Pourquoi ? » ne vous est plus posée : votre message n’a pas été enregistré.',
    );
    expect((await h.deps.store.responses.get('qHide', h.idOf(4006)))?.answers).toEqual({ velo: true });
    expect((await h.deps.store.subscribers.get(h.idOf(4006)))?.awaitingText).toBeUndefined();
  });
});
