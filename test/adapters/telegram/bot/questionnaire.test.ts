// Answering a questionnaire in Telegram, every kind of question, through the simulator and the
// real store: what the citizen sees, what is stored, and what is refused (storing nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCampaignMessage } from '#adapters/telegram/campaign-message';
import { openQuestionnaireButton, renderQuestion } from '#adapters/telegram/question-message';
import { type BotHarness, NOW, lastToast, questionnaireOf, startBotHarness } from './harness';

const main = questionnaireOf('qMain', [
  {
    kind: 'single_choice',
    id: 'freq',
    prompt: 'Vous allez au parc…',
    options: [
      { id: 'souvent', label: 'Souvent' },
      { id: 'jamais', label: 'Jamais' },
    ],
  },
  {
    kind: 'multiple_choice',
    id: 'envies',
    prompt: 'Qu’aimeriez-vous y trouver ?',
    min: 1,
    max: 2,
    options: [
      { id: 'a', label: 'Des arbres' },
      { id: 'b', label: 'Des bancs' },
      { id: 'c', label: 'Des jeux' },
    ],
  },
  {
    kind: 'scale',
    id: 'note',
    prompt: 'Le parc vous plaît-il ?',
    min: 1,
    max: 5,
    minLabel: 'Pas du tout',
    maxLabel: 'Tout à fait',
  },
  { kind: 'yes_no', id: 'revenir', prompt: 'Y retournerez-vous ?' },
]);
const written = questionnaireOf('qText', [
  { kind: 'short_text', id: 'idee', prompt: 'Une idée pour le parc ?', maxLength: 20 },
  { kind: 'yes_no', id: 'contact', prompt: 'Voulez-vous être tenu(e) au courant ?' },
]);
const closed = questionnaireOf('qClosed', [{ kind: 'yes_no', id: 'q', prompt: 'Trop tard ?' }], {
  opensAt: '2026-10-01T00:00:00Z',
  closesAt: '2026-11-20T17:00:00Z',
});
const upcoming = questionnaireOf('qSoon', [{ kind: 'yes_no', id: 'q', prompt: 'Trop tôt ?' }], {
  opensAt: '2026-12-01T08:00:00Z',
  closesAt: '2026-12-20T17:00:00Z',
});

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  for (const q of [main, written, closed, upcoming]) await h.deps.store.questionnaires.create(q);
});
afterAll(() => h.close());

const message = (chatId: number, id: number) => h.sim.messages(chatId).find((m) => m.message_id === id)!;
const buttons = (chatId: number, id: number) =>
  message(chatId, id)
    .reply_markup?.inline_keyboard.flat()
    .map((b) => b.text) ?? [];
const response = (questionnaireId: string, chatId: number) =>
  h.deps.store.responses.get(questionnaireId, h.idOf(chatId));

/** What the delivery path does: a campaign message with a « Répondre » button, then the citizen taps it. */
async function openQuestionnaire(chatId: number, questionnaireId: string) {
  h.tick();
  const sent = await h.bot.telegram.sendMessage(chatId, 'Nouveau questionnaire', {
    reply_markup: { inline_keyboard: [[openQuestionnaireButton(questionnaireId, 'fr')]] },
  });
  await h.press(chatId, sent.message_id, '📝 Répondre au questionnaire');
  return h.lastBot(chatId);
}

describe('answering with buttons', () => {
  it('walks through single, multiple, scale and yes/no questions, then says what happens next', async () => {
    await h.subscribe(3001);
    const q1 = await openQuestionnaire(3001, 'qMain');
    expect(q1.text).toContain('Question 1 sur 4');
    expect(q1.text).toContain('Deux minutes pour nous dire');
    await h.press(3001, q1.message_id, 'Souvent');
    expect(lastToast(message(3001, q1.message_id))?.text).toBe('Réponse enregistrée ✅');
    expect(message(3001, q1.message_id).text).toContain('✅ Votre réponse : Souvent');
    expect(buttons(3001, q1.message_id)).toEqual(['✅ Souvent', 'Jamais']);

    const q2 = h.lastBot(3001);
    expect(q2.text).toContain('Question 2 sur 4');
    expect(q2.text).toContain('Cochez de 1 à 2 réponses');
    await h.press(3001, q2.message_id, 'Valider (0)');
    expect(lastToast(message(3001, q2.message_id))?.text).toBe('Cochez de 1 à 2 réponses, puis « Valider ».');
    await h.press(3001, q2.message_id, '☐ Des arbres');
    await h.press(3001, q2.message_id, '☐ Des bancs');
    expect(buttons(3001, q2.message_id)).toEqual(['☑ Des arbres', '☑ Des bancs', '☐ Des jeux', 'Valider (2)']);
    await h.press(3001, q2.message_id, '☐ Des jeux');
    expect(lastToast(message(3001, q2.message_id))?.text).toBe('2 réponses au plus : décochez-en une d’abord.');
    await h.forge(3001, q2.message_id, 'v:qMain:envies:7');
    expect(lastToast(message(3001, q2.message_id))?.text).toContain('Cochez de 1 à 2');
    expect((await response('qMain', 3001))?.answers.envies).toBeUndefined();
    await h.press(3001, q2.message_id, 'Valider (2)');
    expect(message(3001, q2.message_id).text).toContain('✅ Votre réponse : Des arbres, Des bancs');

    const q3 = h.lastBot(3001);
    expect(q3.text).toContain('Question 3 sur 4');
    expect(q3.text).toContain('De 1 (Pas du tout) à 5 (Tout à fait)');
    expect(buttons(3001, q3.message_id)).toEqual(['1', '2', '3', '4', '5']);
    await h.press(3001, q3.message_id, '4');

    const q4 = h.lastBot(3001);
    expect(q4.text).toContain('Question 4 sur 4');
    expect(buttons(3001, q4.message_id)).toEqual(['Oui', 'Non']);
    await h.press(3001, q4.message_id, 'Oui');
    const thanks = h.lastBot(3001);
    expect(thanks.text).toContain('Merci ! Vos réponses au questionnaire « Le parc des Chantiers » sont enregistrées.');
    expect(thanks.text).toContain('Et après ?');
    expect(thanks.text).toContain('Une synthèse sera publiée en janvier');
    expect(await response('qMain', 3001)).toMatchObject({
      complete: true,
      version: 4,
      answers: { freq: ['souvent'], envies: ['a', 'b'], note: 4, revenir: true },
    });
  });

  it('keeps a campaign’s text when its first question is answered on the campaign message itself', async () => {
    await h.subscribe(3006);
    h.tick();
    // As the delivery path sent it before #11 (messages still in chats): the campaign, then
    // question 1 and its buttons, in one message. Campaigns now carry a « Répondre » button instead.
    const first = renderQuestion(main, 0, { language: 'fr' });
    const composed = {
      html: `${renderCampaignMessage({ message: { title: 'Le parc change', text: 'Donnez votre avis.', link: 'https://example.org/parc' } }, 'fr').html}\n\n${first.text}`,
      replyMarkup: first.reply_markup,
    };
    const sent = await h.bot.telegram.sendMessage(3006, composed.html, {
      parse_mode: 'HTML',
      reply_markup: composed.replyMarkup as never,
    });
    const before = message(3006, sent.message_id).text;
    await h.press(3006, sent.message_id, 'Jamais');
    expect(message(3006, sent.message_id).text).toBe(before);
    expect(buttons(3006, sent.message_id)).toEqual(['Souvent', '✅ Jamais']);
    expect(h.lastBot(3006).text).toContain('Question 2 sur 4');
    expect((await response('qMain', 3006))?.answers).toEqual({ freq: ['jamais'] });
  });

  it('changes an answer while open without resending anything, and ignores a repeated press', async () => {
    const q1 = h.botMessages(3001).find((m) => m.text?.includes('Question 1 sur 4'))!;
    const sentBefore = h.botMessages(3001).length;
    await h.press(3001, q1.message_id, 'Jamais');
    expect(lastToast(message(3001, q1.message_id))?.text).toBe('Réponse modifiée ✅');
    expect(message(3001, q1.message_id).text).toContain('✅ Votre réponse : Jamais');
    expect(h.botMessages(3001)).toHaveLength(sentBefore);
    await h.press(3001, q1.message_id, '✅ Jamais');
    expect(lastToast(message(3001, q1.message_id))?.text).toBe('Cette réponse était déjà enregistrée.');
    expect(await response('qMain', 3001)).toMatchObject({ version: 5, answers: { freq: ['jamais'] } });
  });

  it('refuses late presses (closed since, or not yet open) and stores nothing', async () => {
    await h.subscribe(3003);
    for (const [q, expected] of [
      [closed, 'Ce questionnaire est clos depuis le 20 novembre 2026 à 18:00 : rien n’a été enregistré.'],
      [upcoming, 'Ce questionnaire ouvre le 1er décembre 2026 à 09:00'],
    ] as const) {
      h.tick();
      const rendered = renderQuestion(q, 0, { language: 'fr' });
      const sent = await h.bot.telegram.sendMessage(3003, rendered.text, {
        parse_mode: 'HTML',
        reply_markup: rendered.reply_markup,
      });
      await h.press(3003, sent.message_id, 'Oui');
      expect(lastToast(message(3003, sent.message_id))?.text).toContain(expected);
      expect(await response(q.id, 3003)).toBeUndefined();
    }
    // The main questionnaire closes while a question is on screen.
    const q1 = await openQuestionnaire(3003, 'qMain');
    h.clock.set(main.closesAt);
    try {
      await h.press(3003, q1.message_id, 'Souvent');
      expect(lastToast(message(3003, q1.message_id))?.text).toContain('clos depuis le 1er décembre 2026 à 18:00');
      expect(await response('qMain', 3003)).toBeUndefined();
    } finally {
      h.clock.set(NOW);
    }
  });

  it('refuses forged and stale presses, and presses from non-subscribers, storing nothing', async () => {
    await h.subscribe(3004);
    const q1 = await openQuestionnaire(3004, 'qMain');
    const before = await h.itemCount();
    const forged = [
      'a:nope:freq:0', // unknown questionnaire
      'a:qMain:nope:0', // unknown question
      'a:qMain:freq:7', // option out of range
      'v:qMain:envies:8', // a mask naming a fourth option that does not exist
      't:qMain:freq:1', // a toggle on a single-choice question
      'a:qMain:note:9', // a grade outside the scale
      'w:qMain:freq', // a written answer to a choice question
      'v:qMain:envies:zzzz', // malformed mask
      'garbage',
    ];
    for (const data of forged) {
      await h.forge(3004, q1.message_id, data);
      const toast = lastToast(message(3004, q1.message_id));
      expect(toast?.text, data).toMatch(/rien n’a été enregistré|ne convient pas/);
    }
    // Each press leaves only its processed-update marker behind.
    expect(await h.itemCount()).toBe(before + forged.length);
    expect(await response('qMain', 3004)).toBeUndefined();

    await h.say(3005, 'bonjour');
    await h.forge(3005, h.lastBot(3005).message_id, 'a:qMain:freq:0');
    expect(lastToast(h.lastBot(3005))?.text).toBe(
      'Vous n’avez pas d’abonnement actif : envoyez /start pour commencer.',
    );
    expect(await response('qMain', 3005)).toBeUndefined();
  });
});

describe('written answers', () => {
  it('takes the next message as the answer, refuses one too long, and lets it be changed', async () => {
    await h.subscribe(3002);
    const q1 = await openQuestionnaire(3002, 'qText');
    expect(q1.text).toContain('Question 1 sur 2');
    expect(q1.text).toContain('Répondez par un message (20 caractères au plus).');
    expect((await h.deps.store.subscribers.get(h.idOf(3002)))?.awaitingText).toEqual({
      questionnaireId: 'qText',
      questionId: 'idee',
    });

    await h.say(3002, 'Beaucoup plus de grands arbres');
    expect(h.lastBot(3002).text).toBe(
      'Votre réponse compte 30 caractères, pour 20 au plus. Raccourcissez-la et renvoyez-la : rien n’a été enregistré.',
    );
    expect(await response('qText', 3002)).toBeUndefined();

    await h.say(3002, 'Plus d’ombre <svp>');
    const next = h.lastBot(3002);
    expect(next.text).toContain(
      '✅ Votre réponse à « Une idée pour le parc ? » est enregistrée : « Plus d’ombre <svp> »',
    );
    expect(next.text).toContain('Question 2 sur 2');
    expect((await h.deps.store.subscribers.get(h.idOf(3002)))?.awaitingText).toBeUndefined();

    await h.say(3002, 'merci');
    expect(h.lastBot(3002).text).toContain('personne ne lit ici les messages écrits');

    await h.press(3002, q1.message_id, '✏️ Répondre par message');
    expect(h.lastBot(3002).text).toContain('Écrivez maintenant votre réponse');
    await h.say(3002, 'Des bancs');
    const confirmed = h.lastBot(3002);
    expect(confirmed.text).toContain('✅ Votre réponse : « Des bancs »');
    expect(confirmed.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['✏️ Changer ma réponse']);
    expect((await response('qText', 3002))?.answers).toEqual({ idee: 'Des bancs' });
  });
});
