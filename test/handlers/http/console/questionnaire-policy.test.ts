// The builder's results policy over HTTP: private → public stops at a confirmation step that lists
// what becomes visible and how many responses stay private, « Confirmer » saves what was typed and
// sets publicFrom; public → private saves at once and says so; the « Tableau croisé » select.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestionnaire, getQuestionnaire } from '#core/questionnaires/use-cases';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-policy-pages';
const actor = { agentId: 'admin', name: 'Admin' };
let env: ConsoleTestEnv;
let editor: ConsoleClient;

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  editor = consoleClient(env.app);
  await editor.signIn(ADMIN_TOKEN);
});
afterAll(() => env.close());

const input = {
  title: 'Le marché <couvert>',
  opensAt: '2026-11-20T08:00:00Z',
  closesAt: '2026-12-20T17:00:00Z',
  resultsPolicy: 'private',
  nextSteps: 'Une synthèse en janvier.',
  questions: [
    {
      kind: 'single_choice',
      id: 'jour',
      prompt: 'Quel jour ?',
      options: [
        { id: 'a', label: 'Samedi' },
        { id: 'b', label: 'Dimanche' },
      ],
    },
    { kind: 'yes_no', id: 'couvert', prompt: 'Couvert ?' },
    { kind: 'short_text', id: 'idee', prompt: 'Une idée ?' },
  ],
};

/** The builder's form as it was sent for a stored questionnaire (questions frozen: not part of it). */
const form = (version: number, overrides: Record<string, string> = {}) => ({
  version: String(version),
  title: input.title,
  intro: '',
  demarcheSlug: '',
  opensAt: '2026-11-20T09:00',
  closesAt: '2026-12-20T18:00',
  resultsPolicy: 'private',
  breakdownBy: '',
  nextSteps: input.nextSteps,
  action: 'enregistrer',
  ...overrides,
});

async function answered(n: number) {
  const q = await createQuestionnaire(env.deps, actor, input);
  for (let i = 0; i < n; i++)
    await env.deps.store.responses.save(
      {
        questionnaireId: q.id,
        subscriberId: `p${i}`,
        answers: { couvert: true },
        complete: false,
        createdAt: '2026-11-21T10:00:00.000Z',
        updatedAt: '2026-11-21T10:00:00.000Z',
        version: 1,
      },
      undefined,
    );
  return q;
}

describe('results policy in the builder', () => {
  it('asks to confirm a publication, listing what becomes visible and the responses that stay private', async () => {
    const q = await answered(3);
    const path = `/console/questionnaires/${q.id}`;
    const step = await editor.post(path, form(1, { resultsPolicy: 'public_live', title: 'Le marché couvert' }));
    expect(step.status).toBe(409);
    const html = await step.text();
    expect(html).toContain('Rendre publics des résultats promis privés ?');
    expect(html).toContain('3 réponses déjà reçues : données sous la promesse « résultats privés »');
    expect(html).toContain('Ce qui deviendra public');
    expect(html).toContain('pour les seules réponses reçues à partir de maintenant');
    expect(html).toContain('dès maintenant');
    expect(html).toContain('Ce qui restera privé');
    // The agent's values travel with the confirmation, unchanged.
    expect(html).toContain('<input type="hidden" name="title" value="Le marché couvert"');
    expect(html).toContain('<button type="submit" name="action" value="confirmer-publication">Confirmer</button>');
    expect((await getQuestionnaire(env.deps, q.id)).version).toBe(1);

    // « Revenir au formulaire » re-renders the builder with what was typed, saving nothing.
    const back = await editor.post(path, form(1, { resultsPolicy: 'public_live', action: 'apercu' }));
    expect(back.status).toBe(200);
    expect((await getQuestionnaire(env.deps, q.id)).version).toBe(1);

    const confirmed = await editor.post(
      path,
      form(1, { resultsPolicy: 'public_live', title: 'Le marché couvert', action: 'confirmer-publication' }),
    );
    expect(confirmed.status).toBe(303);
    expect(await getQuestionnaire(env.deps, q.id)).toMatchObject({
      title: 'Le marché couvert',
      resultsPolicy: 'public_live',
      publicFrom: env.clock.now().toISOString(),
      version: 2,
    });
    const notice = await (await editor.get(path)).text();
    expect(notice).toContain('Résultats rendus publics (publics pendant la consultation)');

    // Public → private at once, and the notice says the public addresses answer « introuvable ».
    const withdrawn = await editor.post(path, form(2, { resultsPolicy: 'private', title: 'Le marché couvert' }));
    expect(withdrawn.status).toBe(303);
    expect((await getQuestionnaire(env.deps, q.id)).resultsPolicy).toBe('private');
    expect(await (await editor.get(path)).text()).toContain('répondent « introuvable »');
  });

  it('says when no response was received yet', async () => {
    const q = await answered(0);
    const step = await editor.post(`/console/questionnaires/${q.id}`, form(1, { resultsPolicy: 'public_after_close' }));
    expect(step.status).toBe(409);
    const html = await step.text();
    expect(html).toContain('Aucune réponse n’a encore été reçue');
    expect(html).toContain('à partir du 20 décembre 2026');
  });

  it('offers the single-choice and yes/no questions for « Tableau croisé », with the small-group rule', async () => {
    const q = await answered(0);
    const html = await (await editor.get(`/console/questionnaires/${q.id}`)).text();
    const select = html.slice(
      html.indexOf('<select id="champ-breakdownBy"'),
      html.indexOf('</select>', html.indexOf('champ-breakdownBy')),
    );
    expect(select).toContain('<option value="">Aucun</option>');
    expect(select).toContain('<option value="jour">Question 1 : Quel jour ?</option>');
    expect(select).toContain('<option value="couvert">Question 2 : Couvert ?</option>');
    expect(select).not.toContain('idee');
    expect(html).toContain('aucun groupe de moins de 5 personnes n’est montré');

    const saved = await editor.post(`/console/questionnaires/${q.id}`, form(1, { breakdownBy: 'couvert' }));
    expect(saved.status).toBe(303);
    expect((await getQuestionnaire(env.deps, q.id)).breakdownBy).toBe('couvert');
    const refused = await editor.post(`/console/questionnaires/${q.id}`, form(2, { breakdownBy: 'idee' }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Tableau croisé');
  });
});
