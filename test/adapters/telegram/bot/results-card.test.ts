// The results card after the last answer, through the simulator: only when the results are public
// while the questionnaire runs, aggregates only, in the citizen's language, in the same message
// as the thank-you (one send per interaction), and counted from a tally at most 30 s old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionnaireButton } from '#adapters/telegram/question-message';
import type { Response } from '#core/questionnaires/response';
import { type BotHarness, questionnaireOf, startBotHarness } from './harness';

const questions = [
  {
    kind: 'single_choice',
    id: 'freq',
    prompt: 'Vous allez au parc…',
    options: [
      { id: 'souvent', label: 'Souvent' },
      { id: 'jamais', label: 'Jamais' },
    ],
  },
  { kind: 'yes_no', id: 'revenir', prompt: 'Y retournerez-vous ?' },
];
const live = { ...questionnaireOf('qLive', questions), resultsPolicy: 'public_live' as const };
const afterClose = questionnaireOf('qLater', questions);
const hidden = { ...questionnaireOf('qPrivate', questions), resultsPolicy: 'private' as const };

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  for (const q of [live, afterClose, hidden]) await h.deps.store.questionnaires.create(q);
  // Others answered before: 2 « souvent » of 3, 1 « oui » of 3.
  const others: Response['answers'][] = [
    { freq: ['souvent'], revenir: true },
    { freq: ['souvent'], revenir: false },
    { freq: ['jamais'], revenir: false },
  ];
  for (const [i, answers] of others.entries())
    await h.deps.store.responses.save(
      {
        questionnaireId: 'qLive',
        subscriberId: `other${i}`,
        answers,
        complete: true,
        createdAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
        version: 1,
      },
      undefined,
    );
});
afterAll(() => h.close());

/** Opens the questionnaire from a campaign-like message and answers « Souvent » then « Oui »: the last message. */
async function answerAll(chatId: number, questionnaireId: string, languageCode?: string) {
  await h.subscribe(chatId, languageCode);
  h.tick();
  const sent = await h.bot.telegram.sendMessage(chatId, 'Nouveau questionnaire', {
    reply_markup: { inline_keyboard: [[openQuestionnaireButton(questionnaireId, 'fr')]] },
  });
  await h.press(chatId, sent.message_id, sent.reply_markup!.inline_keyboard[0]![0]!.text);
  await h.press(chatId, h.lastBot(chatId).message_id, 'Souvent');
  await h.press(chatId, h.lastBot(chatId).message_id, languageCode === 'en' ? 'Yes' : 'Oui');
  return h.lastBot(chatId);
}

describe('the results card after the last answer', () => {
  it('shows how many answered and the leading figures, with the link to the public page, under the thank-you', async () => {
    const last = await answerAll(4001, 'qLive');
    expect(last.text).toContain('Merci ! Vos réponses');
    expect(last.text).toContain('Et après ?');
    expect(last.text).toContain('📊 Vous êtes 4 à avoir répondu');
    expect(last.text).toContain('• Vous allez au parc… 75\u00a0% : Souvent');
    expect(last.text).toContain('• Y retournerez-vous ? 50\u00a0% de oui');
    expect(last.text).toContain('Voir tous les résultats');
    expect(last.source).toContain('<a href="http://localhost/resultats/qLive">Voir tous les résultats</a>');
    expect(h.botMessages(4001).filter((m) => m.text?.includes('📊'))).toHaveLength(1);
  });

  it('speaks English to an English-speaking subscriber, from the same tally (at most 30 s old)', async () => {
    const last = await answerAll(4002, 'qLive', 'en');
    // Counted 1.1 s per action later: the tally of the previous completion, 4 respondents, is reused.
    expect(last.text).toContain('📊 4 people have answered');
    expect(last.text).toContain('• Vous allez au parc… 75%: Souvent');
    expect(last.text).toContain('See all the results');
  });

  it('recounts once the tally is 30 s old', async () => {
    h.clock.advance(30_000);
    const last = await answerAll(4003, 'qLive');
    expect(last.text).toContain('📊 Vous êtes 6 à avoir répondu');
  });

  it('shows no card while results wait for the close, nor ever for private results', async () => {
    for (const [chatId, id] of [
      [4004, 'qLater'],
      [4005, 'qPrivate'],
    ] as const) {
      const last = await answerAll(chatId, id);
      expect(last.text).toContain('Et après ?');
      expect(last.text).not.toContain('📊');
      expect(last.text).not.toContain('résultats');
    }
  });
});
