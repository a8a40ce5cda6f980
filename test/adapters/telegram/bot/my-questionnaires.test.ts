// `/questionnaires` through the simulator and the real store: the open questionnaires, those of
// followed démarches first, each with how far the subscriber got; leaving mid-way and resuming;
// a questionnaire closed since the list was drawn (nothing stored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fr } from '#adapters/telegram/messages/fr';
import { type BotHarness, NOW, lastToast, questionnaireOf, startBotHarness } from './harness';

const parc = {
  ...questionnaireOf('qParc', [
    { kind: 'yes_no', id: 'a', prompt: 'Première ?' },
    { kind: 'yes_no', id: 'b', prompt: 'Deuxième ?' },
    { kind: 'yes_no', id: 'c', prompt: 'Troisième ?', showIf: { questionId: 'b', anyOf: ['yes'] } },
  ]),
  title: 'Le parc',
  demarcheSlug: 'parc-des-chantiers',
  closesAt: '2026-12-10T17:00:00.000Z',
};
const velo = { ...questionnaireOf('qVelo', [{ kind: 'yes_no', id: 'v', prompt: 'À vélo ?' }]), title: 'Le vélo' };
const soon = {
  ...questionnaireOf('qSoon', [{ kind: 'yes_no', id: 's', prompt: 'Plus tard ?' }], {
    opensAt: '2026-12-01T08:00:00Z',
    closesAt: '2026-12-20T17:00:00Z',
  }),
  title: 'Pas encore ouvert',
};
const past = {
  ...questionnaireOf('qPast', [{ kind: 'yes_no', id: 'p', prompt: 'Avant ?' }], {
    opensAt: '2026-10-01T00:00:00Z',
    closesAt: '2026-11-20T17:00:00Z',
  }),
  title: 'Déjà clos',
};

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  for (const q of [velo, parc, soon, past]) await h.deps.store.questionnaires.create(q);
});
afterAll(() => h.close());

const labels = (chatId: number) =>
  h
    .lastBot(chatId)
    .reply_markup?.inline_keyboard.flat()
    .map((b) => b.text) ?? [];
async function follow(chatId: number, slug: string) {
  const s = (await h.deps.store.subscribers.get(h.idOf(chatId)))!;
  await h.deps.store.subscribers.put({ ...s, follows: { ...s.follows, demarches: [slug] } });
}

describe('/questionnaires', () => {
  it('lists the open ones, followed démarches first, with progress, and resumes where the citizen left', async () => {
    await h.subscribe(5001);
    await follow(5001, 'parc-des-chantiers');
    await h.say(5001, '/questionnaires');
    const list = h.lastBot(5001);
    expect(list.text).toContain('Questionnaires ouverts');
    expect(list.text).not.toContain('Pas encore ouvert');
    expect(list.text).not.toContain('Déjà clos');
    const text = list.text ?? '';
    expect(text.indexOf('Sur ce que vous suivez')).toBeLessThan(text.indexOf('Le parc —'));
    expect(text.indexOf('Le parc —')).toBeLessThan(text.indexOf('Autres questionnaires ouverts'));
    expect(text).toContain('Le parc — pas commencé (2 à 3 questions), jusqu’au 10 décembre 2026 à 18:00');
    expect(text).toContain('Le vélo — pas commencé (1 question)');
    expect(labels(5001)).toEqual(['Commencer : Le parc', 'Commencer : Le vélo']);

    // Answer one question, leave, and come back through the list.
    await h.press(5001, list.message_id, 'Commencer : Le parc');
    const q1 = h.lastBot(5001);
    expect(q1.text).toContain('Question 1 sur 2 à 3');
    await h.press(5001, q1.message_id, 'Oui');
    await h.say(5001, '/questionnaires');
    expect(h.lastBot(5001).text).toContain('Le parc — 1 réponse sur 2 à 3');
    expect(labels(5001)[0]).toBe('Reprendre : Le parc');
    await h.press(5001, h.lastBot(5001).message_id, 'Reprendre : Le parc');
    const q2 = h.lastBot(5001);
    expect(q2.text).toContain('Question 2 sur 2 à 3');
    expect(q2.text).toContain('Deuxième ?');
    await h.press(5001, q2.message_id, 'Non');
    expect(h.lastBot(5001).text).toContain('Merci !');

    await h.say(5001, '/questionnaires');
    expect(h.lastBot(5001).text).toContain('Le parc — terminé');
    expect(labels(5001)[0]).toBe('Revoir : Le parc');
    await h.press(5001, h.lastBot(5001).message_id, 'Revoir : Le parc');
    expect(h.lastBot(5001).text).toContain('2. Deuxième ?\n   → Non');
  });

  it('speaks English, without headings when nothing listed is followed', async () => {
    await h.subscribe(5002, 'en');
    await h.say(5002, '/questionnaires');
    const text = h.lastBot(5002).text ?? '';
    expect(text).toContain('Open questionnaires');
    expect(text).not.toContain('On what you follow');
    expect(text).toContain('Le parc — not started (2 to 3 questions), until 10 December 2026 at 18:00');
    expect(labels(5002)).toEqual(['Start: Le vélo', 'Start: Le parc']);
  });

  it('says so when none is open, and refuses a start after the questionnaire closed, storing nothing', async () => {
    await h.subscribe(5003);
    await h.say(5003, '/questionnaires');
    const list = h.lastBot(5003);
    h.clock.set('2026-12-30T00:00:00.000Z');
    try {
      await h.press(5003, list.message_id, 'Commencer : Le vélo');
      expect(lastToast(h.sim.messages(5003).find((m) => m.message_id === list.message_id))?.text).toContain(
        'Ce questionnaire est clos depuis le 1er décembre 2026 à 18:00',
      );
      expect(await h.deps.store.responses.get('qVelo', h.idOf(5003))).toBeUndefined();
      await h.say(5003, '/questionnaires');
      expect(h.lastBot(5003).text).toBe(
        'Aucun questionnaire n’est ouvert en ce moment. Je vous préviens quand un nouveau arrive sur ce que vous suivez (/suivre).',
      );
    } finally {
      h.clock.set(NOW);
    }
  });

  it('asks a newcomer to subscribe first', async () => {
    await h.say(5004, '/questionnaires');
    expect(h.lastBot(5004).text).toBe(fr.notSubscribed);
  });
});
