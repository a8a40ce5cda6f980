// A campaign as a subscriber receives it, sent by the delivery path through the simulator: short
// (title, two lines, link), « Répondre (N questions, M min) » opens question 1 on its own message,
// « Lire le message entier » sends the whole text; a press on a campaign since cancelled or
// unknown gets a toast. French and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '#core/campaigns/campaign';
import { campaign } from '../../dynamodb/fixtures';
import { type BotHarness, lastToast, questionnaireOf, startBotHarness } from './harness';

let h: BotHarness;
const sentence = 'Le parc des Chantiers s’agrandit de deux hectares le long de la Loire. ';
const long = `${sentence.repeat(6).trim()}\nRendez-vous le 12 décembre à la Maison des projets.`;
const questions = [
  {
    kind: 'single_choice',
    id: 'envie',
    prompt: 'Ce qui manque le plus ?',
    options: [
      { id: 'ombre', label: 'De l’ombre' },
      { id: 'bancs', label: 'Des bancs' },
    ],
  },
  { kind: 'yes_no', id: 'venir', prompt: 'Viendrez-vous ?' },
];

beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.questionnaires.create(questionnaireOf('qParc', questions));
});
afterAll(() => h.close());

const parc = (over: Partial<Campaign>) =>
  campaign({
    questionnaireId: 'qParc',
    message: {
      title: 'Le parc s’agrandit',
      text: long,
      link: 'https://example.org/parc',
      en: { title: 'The park grows', text: 'The park grows by two hectares along the Loire. '.repeat(8).trim() },
    },
    ...over,
  });
const labels = (m: { reply_markup?: { inline_keyboard: { text: string }[][] } }) =>
  m.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];

describe('a campaign as it arrives', () => {
  it('is short, opens the questionnaire on its own message, and sends the whole text on request', async () => {
    await h.subscribe(6001);
    await h.subscribe(6002, 'en');
    await h.runJobs(await h.dispatch(parc({ id: 'cParc' })));

    const fr = h.lastBot(6001);
    expect(fr.text).toBe(`Le parc s’agrandit\n\n${sentence.repeat(3).trim()} …\n\nLire la suite`);
    expect(labels(fr)).toEqual(['Répondre (2 questions, 1 min)', '📄 Lire le message entier']);
    await h.press(6001, fr.message_id, 'Répondre (2 questions, 1 min)');
    const q1 = h.lastBot(6001);
    expect(q1.message_id).not.toBe(fr.message_id);
    expect(q1.text).toContain('Question 1 sur 2');
    expect(q1.text).toContain('Deux minutes pour nous dire'); // the questionnaire's intro, on its own message
    expect(h.sim.messages(6001).find((m) => m.message_id === fr.message_id)?.text).toBe(fr.text);

    await h.press(6001, fr.message_id, '📄 Lire le message entier');
    expect(h.lastBot(6001).text).toBe(`Le parc s’agrandit\n\n${long}\n\nEn savoir plus`);

    const en = h.lastBot(6002);
    expect(en.text).toMatch(/^The park grows\n\nThe park grows by two hectares/);
    expect(en.text).toMatch(/ …\n\nRead more$/);
    expect(labels(en)).toEqual(['Answer (2 questions, 1 min)', '📄 Read the whole message']);
    await h.press(6002, en.message_id, '📄 Read the whole message');
    expect(h.lastBot(6002).text).toContain('The park grows by two hectares along the Loire. The park grows');
    await h.press(6002, en.message_id, 'Answer (2 questions, 1 min)');
    expect(h.lastBot(6002).text).toContain('Question 1 of 2');
  });

  it('answers a press for a campaign cancelled since, or unknown, with a toast and nothing sent', async () => {
    await h.subscribe(6003);
    await h.runJobs(await h.dispatch(parc({ id: 'cGone' })));
    const sent = h.lastBot(6003);
    const stored = (await h.deps.store.campaigns.get('cGone'))!;
    await h.deps.store.campaigns.update(
      { ...stored, status: 'cancelled', version: stored.version + 1 },
      stored.version,
    );
    const count = h.botMessages(6003).length;
    await h.press(6003, sent.message_id, '📄 Lire le message entier');
    expect(lastToast(h.sim.messages(6003).find((m) => m.message_id === sent.message_id))?.text).toBe(
      'Ce message n’est plus disponible.',
    );
    await h.forge(6003, sent.message_id, 'cf:inconnue');
    expect(lastToast(h.sim.messages(6003).find((m) => m.message_id === sent.message_id))?.text).toBe(
      'Ce message n’est plus disponible.',
    );
    expect(h.botMessages(6003)).toHaveLength(count);
  });

  it('keeps a short text whole, with « En savoir plus » and no extra button', async () => {
    await h.subscribe(6004);
    await h.runJobs(
      await h.dispatch(
        campaign({
          id: 'cShort',
          message: { title: 'Atelier', text: 'Samedi à 10 h.', link: 'https://example.org/a' },
        }),
      ),
    );
    const sent = h.lastBot(6004);
    expect(sent.text).toBe('Atelier\n\nSamedi à 10 h.\n\nEn savoir plus');
    expect(labels(sent)).toEqual([]);
  });
});
