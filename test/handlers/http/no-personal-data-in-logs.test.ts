// GDPR, read from the logs: a citizen's whole journey through the webhook (start and consent, a
// campaign received, a questionnaire answered with a written answer, /mesdonnees, a Bot API failure
// and its apology, erasure) leaves log lines that name the update and the pseudonym, and never the
// chat id, the citizen's name or text, the bot token, the webhook secret or the pseudonyms' key.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { campaign } from '../../adapters/dynamodb/fixtures';
import {
  type BotHarness,
  KEY_SECRET,
  WEBHOOK_SECRET,
  questionnaireOf,
  startBotHarness,
} from '../../adapters/telegram/bot/harness';

const CHAT_ID = 864_209_753;
const WRITTEN_ANSWER = 'Plus de bancs près du Hangar à bananes, ma fille Léa y joue';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.questionnaires.create(
    questionnaireOf('qJourney', [
      {
        kind: 'single_choice',
        id: 'envie',
        prompt: 'Ce qui manque le plus ?',
        options: [
          { id: 'ombre', label: 'De l’ombre' },
          { id: 'bancs', label: 'Des bancs' },
        ],
      },
      { kind: 'short_text', id: 'mot', prompt: 'Un mot pour finir ?', maxLength: 100 },
    ]),
  );
});
afterAll(() => h.close());

it('logs a whole journey by update and pseudonym, never by chat id, name, text or secret', async () => {
  await h.subscribe(CHAT_ID);
  await h.runJobs(await h.dispatch(campaign({ id: 'cJourney', questionnaireId: 'qJourney' })));
  await h.press(CHAT_ID, h.lastBot(CHAT_ID).message_id, 'Répondre (2 questions, 1 min)');
  await h.press(CHAT_ID, h.lastBot(CHAT_ID).message_id, 'Des bancs');
  expect(h.lastBot(CHAT_ID).text).toContain('Un mot pour finir ?');
  await h.say(CHAT_ID, WRITTEN_ANSWER);
  expect((await h.deps.store.responses.get('qJourney', h.idOf(CHAT_ID)))?.answers.mot).toBe(WRITTEN_ANSWER);
  await h.say(CHAT_ID, '/mesdonnees');
  // Telegram fails once: the failure and the apology are logged (the harness refuses unexpected errors).
  h.sim.injectFaults({ method: 'sendMessage', chatId: CHAT_ID, status: 502, count: 1 });
  await h.say(CHAT_ID, 'Et pour le quai de la Fosse ?');
  await h.say(CHAT_ID, '/supprimer');
  await h.press(CHAT_ID, h.lastBot(CHAT_ID).message_id, '🗑️ Oui, tout effacer');
  expect(h.lastBot(CHAT_ID).text).toContain('C’est effacé');

  const all = h.logs.join('\n');
  // The journey is in the logs, by pseudonym and update: a test that would pass on empty logs proves nothing.
  expect(all).toContain(h.idOf(CHAT_ID));
  expect(all).toContain('"updateId"');
  expect(all).toContain('"update failed"');
  for (const [what, value] of [
    ['chat id', String(CHAT_ID)],
    ['first name', 'Anne'],
    ['written answer', WRITTEN_ANSWER],
    ['a word of the answer', 'Hangar'],
    ['message text', 'quai de la Fosse'],
    ['bot token', h.sim.token],
    ['bot token secret part', h.sim.token.split(':')[1]!],
    ['webhook secret', WEBHOOK_SECRET],
    ['pseudonym key', KEY_SECRET],
  ] as const)
    expect(all, what).not.toContain(value);
  // The failure's error line was provoked here; the harness fails on any other.
  h.logs.splice(0, h.logs.length, ...h.logs.filter((l) => !l.includes('"update failed"')));
});
