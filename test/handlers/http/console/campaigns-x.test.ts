// Composing for X in the console: the poll chosen among the questionnaires' questions, previewed with
// its options; a question X would refuse blocks scheduling with why; the month's budget shown before
// scheduling, and a scheduling past it refused with the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { questionnaire } from '../../../adapters/dynamodb/fixtures';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-campaigns-x';
let env: ConsoleTestEnv;
let editor: ConsoleClient;

const questions: Questionnaire['questions'] = [
  {
    kind: 'single_choice',
    id: 'grues',
    prompt: 'Que faire des grues ?',
    options: [
      { id: 'a', label: 'Les garder' },
      { id: 'b', label: 'Les démonter' },
    ],
  },
  {
    kind: 'single_choice',
    id: 'usage',
    prompt: 'Quel usage ?',
    options: [
      { id: 'a', label: 'Un jardin partagé pour tout le quartier' },
      { id: 'b', label: 'Des jeux' },
    ],
  },
  { kind: 'short_text', id: 'idee', prompt: 'Une idée ?', maxLength: 280 },
];

const form = (over: Record<string, string | string[]> = {}) => ({
  mode: 'nouvelle',
  'message.title': 'Parc des Chantiers',
  'message.text': 'Répondez ici, en deux touches.',
  'message.link': 'https://nantes.fr/parc',
  channels: ['telegram', 'x'],
  questionnaireId: 'q1',
  'xPoll.question': 'q1/grues',
  'xPoll.durationMinutes': '4320',
  'audience.kind': 'everyone',
  quand: 'heure',
  sendAt: '2026-11-26T09:00',
  intention: 'programmer',
  ...over,
});

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN, '2026-11-25T10:00:00.000Z');
  await env.deps.store.questionnaires.create(
    questionnaire({ id: 'q1', questions, opensAt: '2026-11-20T00:00:00.000Z', closesAt: '2026-12-20T00:00:00.000Z' }),
  );
  const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Camille', role: 'editor' });
  editor = consoleClient(env.app);
  await editor.signIn(token);
});
afterAll(() => env.close());

describe('composing for X', () => {
  it('offers the questions X can poll, grouped by questionnaire, and previews the poll', async () => {
    const page = await (await editor.get('/console/campagnes/nouvelle')).text();
    expect(page).toContain(
      '<optgroup label="Vos trajets à vélo"><option value="q1/grues">Que faire des grues ?</option>',
    );
    expect(page).not.toContain('value="q1/idee"'); // a written answer cannot be a poll

    const preview = await (await editor.post('/console/campagnes/apercu', form())).text();
    expect(preview).toContain(
      '<p class="x-post">Parc des Chantiers\n\nQue faire des grues ?\n\nhttps://nantes.fr/parc</p>',
    );
    expect(preview).toContain('Sondage (3 jours) :');
    expect(preview).toContain('<li>Les garder</li><li>Les démonter</li>');
    expect(preview).toContain('Budget X de novembre 2026 : pas de budget X');
    expect(preview).not.toContain('Programmation impossible');
  });

  it('blocks a question X would refuse, with why, and the server refuses it next to the poll field', async () => {
    const values = form({ 'xPoll.question': 'q1/usage' });
    const preview = await (await editor.post('/console/campagnes/apercu', values)).text();
    expect(preview).toMatch(
      /Programmation impossible : l’option « Un jardin partagé pour tout le quartier » compte 39/,
    );
    const refused = await editor.post('/console/campagnes/nouvelle', values);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="champ-xPoll-question-erreur">[^]*25 au plus par option/);
  });

  it('schedules with its poll, kept when the campaign is edited', async () => {
    const saved = await editor.post('/console/campagnes/nouvelle', form());
    expect(saved.status).toBe(303);
    const page = await (await editor.get(saved.headers.get('location')!)).text();
    expect(page).toContain('<option value="q1/grues" selected="">');
    expect(page).toContain('<option value="4320" selected="">');
  });

  it('shows the budget before scheduling, and refuses past it with the figures', async () => {
    env.deps.xMonthlyBudgetUsd = 0.3;
    try {
      // The campaign above (0,20 $) is scheduled in November: 0,10 $ are left, a post with a link costs 0,20 $.
      const preview = await (await editor.post('/console/campagnes/apercu', form())).text();
      expect(preview).toContain(
        'Budget X de novembre 2026 : budget 0,30\u00A0$ ; dépensé 0,00\u00A0$ ; programmé 0,20\u00A0$ ; cette publication 0,20\u00A0$ ; reste 0,10\u00A0$.',
      );
      expect(preview).toContain('le budget X du mois serait dépassé');
      const refused = await editor.post('/console/campagnes/nouvelle', form());
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain(
        'budget 0,30\u00A0$ ; dépensé 0,00\u00A0$ ; programmé 0,20\u00A0$ ; cette publication 0,20\u00A0$',
      );
    } finally {
      env.deps.xMonthlyBudgetUsd = undefined;
    }
  });
});
