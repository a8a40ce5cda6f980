// The citizen's rights in the chat: see everything kept about them, and erase it (responses stay
// under the pseudonym only, as the consent text says).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionnaireButton } from '#adapters/telegram/question-message';
import { type BotHarness, questionnaireOf, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.questionnaires.create(
    questionnaireOf('qPriv', [{ kind: 'yes_no', id: 'ok', prompt: 'Le parc vous plaît ?' }]),
  );
});
afterAll(() => h.close());

describe('privacy', () => {
  it('/mesdonnees shows the item and the answers; /supprimer erases the item after confirmation', async () => {
    const menu = await h.subscribe(4001);
    await h.press(4001, menu.message_id, '🏷️ Thèmes');
    await h.press(4001, menu.message_id, 'Loire');
    h.tick();
    const sent = await h.bot.telegram.sendMessage(4001, 'Questionnaire', {
      reply_markup: { inline_keyboard: [[openQuestionnaireButton('qPriv', 'fr')]] },
    });
    await h.press(4001, sent.message_id, '📝 Répondre au questionnaire');
    await h.press(4001, h.lastBot(4001).message_id, 'Oui');

    await h.say(4001, '/mesdonnees');
    const data = h.lastBot(4001).text!;
    expect(data).toContain('Ce que nous gardons sur vous');
    expect(data).toContain(`Pseudonyme : ${h.idOf(4001)}`);
    expect(data).toContain('Identifiant de conversation Telegram : 4001');
    expect(data).toContain('Statut : abonné(e)');
    expect(data).toContain('thèmes : Loire');
    expect(data).toContain('« Le parc des Chantiers »');
    expect(data).toContain('Le parc vous plaît ? → Oui');

    await h.say(4001, '/supprimer');
    const confirm = h.lastBot(4001);
    expect(confirm.text).toContain(
      'Vos réponses aux questionnaires restent dans les résultats, sous pseudonyme seulement',
    );
    await h.press(4001, confirm.message_id, 'Annuler');
    expect(await h.deps.store.subscribers.get(h.idOf(4001))).toBeDefined();

    await h.say(4001, '/delete');
    await h.press(4001, h.lastBot(4001).message_id, '🗑️ Oui, tout effacer');
    expect(h.lastBot(4001).text).toContain('C’est effacé');
    expect(await h.deps.store.subscribers.get(h.idOf(4001))).toBeUndefined();
    const kept = await h.deps.store.responses.get('qPriv', h.idOf(4001));
    expect(kept).toMatchObject({ subscriberId: h.idOf(4001), answers: { ok: true } });
    expect(JSON.stringify(kept)).not.toContain('4001');

    await h.say(4001, '/mydata');
    expect(h.lastBot(4001).text).toBe('Nous ne gardons rien sur vous : vous n’êtes pas abonné(e).');
  });
});
