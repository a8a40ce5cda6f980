// A citizen's written answer holding an invisible character (NUL, U+FFFE…): the bot says so in
// their language and keeps waiting; nothing is stored. Through the simulator and the real store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionnaireButton } from '#adapters/telegram/question-message';
import { type BotHarness, questionnaireOf, startBotHarness } from './harness';

const written = questionnaireOf('qInvisible', [
  { kind: 'short_text', id: 'idee', prompt: 'Une idée pour le parc ?', maxLength: 100 },
]);

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.questionnaires.create(written);
});
afterAll(() => h.close());

async function openWritten(chatId: number, language: 'fr' | 'en') {
  h.tick();
  const sent = await h.bot.telegram.sendMessage(chatId, 'Nouveau questionnaire', {
    reply_markup: { inline_keyboard: [[openQuestionnaireButton(written.id, language)]] },
  });
  const label = openQuestionnaireButton(written.id, language).text;
  await h.press(chatId, sent.message_id, label);
}

describe('written answers with invisible characters', () => {
  it('are refused with a plain French reply; the citizen sends again and it is recorded', async () => {
    await h.subscribe(4001);
    await openWritten(4001, 'fr');
    await h.say(4001, 'Des\u0000 arbres');
    expect(h.lastBot(4001).text).toBe(
      'Votre réponse contient un caractère invisible (position 4) : retapez-la et renvoyez-la, rien n’a été enregistré.',
    );
    expect(await h.deps.store.responses.get(written.id, h.idOf(4001))).toBeUndefined();
    expect((await h.deps.store.subscribers.get(h.idOf(4001)))?.awaitingText).toEqual({
      questionnaireId: written.id,
      questionId: 'idee',
    });
    await h.say(4001, 'Des arbres\net des bancs');
    expect((await h.deps.store.responses.get(written.id, h.idOf(4001)))?.answers).toEqual({
      idee: 'Des arbres\net des bancs',
    });
  });

  it('are refused in English for an English-speaking citizen', async () => {
    await h.subscribe(4002, 'en');
    await openWritten(4002, 'en');
    await h.say(4002, 'Trees\uFFFE', 'en');
    expect(h.lastBot(4002).text).toBe(
      'Your answer holds an invisible character (position 6): type it again and send it, nothing was saved.',
    );
  });
});
