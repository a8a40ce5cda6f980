// `/agenda` through the simulator: the next steps of what a subscriber follows, soonest first, with
// their Paris dates and démarches (cancelled and past steps left out), and the calendar's link;
// in French and in English; and a word on how to follow when nothing is followed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Demarche } from '#core/demarches/demarche';
import { toggleFollow } from '#core/subscribers/use-cases';
import { type BotHarness, openDemarche, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness(); // now: 2026-11-25T10:00Z
  await h.deps.store.demarches.create(
    Demarche.parse({
      ...openDemarche('parc-des-chantiers', 'Parc des Chantiers'),
      themes: ['environnement'],
      steps: [
        { id: 'passe', kind: 'information', title: 'Réunion publique', start: '2026-10-01T16:00:00Z' },
        // Open since November, until 15 December 18:00 UTC = 19:00 in Paris.
        {
          id: 'consult',
          kind: 'consultation',
          title: 'Consultation',
          start: '2026-11-01T08:00:00Z',
          end: '2026-12-15T18:00:00Z',
        },
        {
          id: 'atelier',
          kind: 'workshop',
          title: 'Atelier <plans>',
          start: '2026-12-01T17:30:00Z',
          link: 'https://example.org/atelier?a=1&b=2',
        },
        { id: 'annule', kind: 'event', title: 'Balade annulée', start: '2026-11-28T09:00:00Z', cancelled: true },
      ],
    }),
  );
  await h.deps.store.demarches.create(
    Demarche.parse({
      ...openDemarche('ecoles-reze', 'Écoles de Rezé'),
      themes: ['education'],
      territories: ['reze'],
      steps: [{ id: 'decision', kind: 'decision', title: 'Décision', start: '2027-01-20T17:00:00Z' }],
    }),
  );
});
afterAll(() => h.close());

/** Follows through the use case the follow menu calls (the menu itself is tested in follows.test.ts). */
async function follow(chatId: number, follows: { demarches?: string[]; themes?: string[]; territories?: string[] }) {
  for (const [kind, keys] of Object.entries(follows) as ['demarches' | 'themes' | 'territories', string[]][])
    for (const key of keys) await toggleFollow(h.deps, await h.deps.store.subscribers.get(h.idOf(chatId)), kind, key);
}

describe('/agenda', () => {
  it('lists the next steps of a followed démarche with their Paris dates and its calendar', async () => {
    await h.subscribe(3001);
    await follow(3001, { demarches: ['parc-des-chantiers'] });
    await h.say(3001, '/agenda');
    const reply = h.lastBot(3001);
    expect(reply.text).toBe(
      [
        '📅 Vos prochaines étapes',
        '',
        '• en cours, jusqu’au 15 décembre 2026 à 19:00 — Consultation : Consultation',
        'Parc des Chantiers',
        '',
        '• le 1er décembre 2026 à 18:30 — Atelier : Atelier <plans>',
        'Parc des Chantiers',
        '',
        'Ajouter ces étapes à votre agenda (.ics)',
      ].join('\n'),
    );
    expect(reply.source).toContain('<a href="https://example.org/atelier?a=1&amp;b=2">Parc des Chantiers</a>');
    expect(reply.source).toContain('<a href="http://localhost/feeds/demarches/parc-des-chantiers/calendar.ics">');
  });

  it('gathers the steps of several follows, soonest first, with the global calendar — in English', async () => {
    await h.subscribe(3002, 'en');
    await follow(3002, { themes: ['environnement'], territories: ['reze'] });
    await h.say(3002, '/agenda', 'en');
    const reply = h.lastBot(3002);
    expect(reply.text).toBe(
      [
        '📅 Your next steps',
        '',
        '• under way, until 15 December 2026 at 19:00 — Consultation: Consultation',
        'Parc des Chantiers',
        '',
        '• on 1 December 2026 at 18:30 — Workshop: Atelier <plans>',
        'Parc des Chantiers',
        '',
        '• on 20 January 2027 at 18:00 — Decision: Décision',
        'Écoles de Rezé',
        '',
        'Add these steps to your calendar (.ics)',
      ].join('\n'),
    );
    expect(reply.source).toContain('<a href="http://localhost/feeds/calendar.ics">');
  });

  it('tells how to follow when nothing is followed, and says so when nothing is coming', async () => {
    await h.subscribe(3003);
    await h.say(3003, '/agenda');
    expect(h.lastBot(3003).text).toContain('Vous ne suivez encore rien. Envoyez /suivre');
    await follow(3003, { territories: ['bouaye'] });
    await h.say(3003, '/agenda');
    expect(h.lastBot(3003).text).toBe(
      'Aucune étape à venir ni en cours dans ce que vous suivez. /suivre pour suivre d’autres démarches.',
    );
  });

  it('is in the command menu in both languages', async () => {
    const { fr } = await import('#adapters/telegram/messages/fr');
    const { en } = await import('#adapters/telegram/messages/en');
    expect(fr.commands.map((c) => c.command)).toContain('agenda');
    expect(en.commands.map((c) => c.command)).toContain('agenda');
  });
});
