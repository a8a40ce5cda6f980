// The évaluation of démarches in the console over HTTP: proposed on the home and démarche pages once
// the last step is reached, the prefilled page, its creation (questionnaire + draft campaign to those
// who took part, else to followers, said so), refusals, and the comparison table with its threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '#core/agents/use-cases';
import { getCampaign } from '#core/campaigns/use-cases';
import { createDemarche } from '#core/demarches/use-cases';
import { EVALUATION_QUESTIONS } from '#core/evaluation/template';
import { createQuestionnaire, listQuestionnaires } from '#core/questionnaires/use-cases';
import { Subscriber } from '#core/subscribers/subscriber';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-evaluation-pages';
const NOW = '2026-11-25T10:00:00.000Z';
const actor = { agentId: 'admin', name: 'Admin' };
let env: ConsoleTestEnv;
let editor: ConsoleClient;
let viewer: ConsoleClient;

const demarche = (slug: string, title: string, lastStart: string) => ({
  slug,
  title,
  summary: 'Une démarche.',
  link: `https://example.org/${slug}`,
  territories: ['nantes-ile-de-nantes'],
  steps: [
    { id: 'a', kind: 'consultation', title: 'Consultation', start: '2026-09-01T08:00:00Z' },
    { id: 'b', kind: 'decision', title: 'Décision du conseil', start: lastStart },
  ],
});

async function respond(questionnaireId: string, subscriberId: string, answers: Record<string, unknown>) {
  await env.deps.store.responses.save(
    {
      questionnaireId,
      subscriberId,
      answers: answers as never,
      complete: true,
      createdAt: NOW,
      updatedAt: NOW,
      version: 1,
    },
    undefined,
  );
}

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN, NOW);
  editor = consoleClient(env.app);
  await editor.signIn(ADMIN_TOKEN);
  viewer = consoleClient(env.app);
  await viewer.signIn((await createAgent(env.deps, actor, { name: 'Lou', role: 'viewer' })).token);
  await createDemarche(env.deps, actor, demarche('quais', 'Les quais <de Loire>', '2026-11-20T08:00:00Z'));
  await createDemarche(env.deps, actor, demarche('parc', 'Le parc', '2026-11-24T08:00:00Z'));
  await createDemarche(env.deps, actor, demarche('ecole', 'L’école', '2027-01-10T08:00:00Z'));
  const consultation = await createQuestionnaire(env.deps, actor, {
    title: 'Les quais demain',
    demarcheSlug: 'quais',
    opensAt: '2026-09-01T08:00:00Z',
    closesAt: '2026-10-01T08:00:00Z',
    nextSteps: 'Une synthèse.',
    questions: [{ kind: 'yes_no', id: 'q1', prompt: 'Piétons ?' }],
  });
  for (const id of ['p1', 'p2'])
    await env.deps.store.subscribers.put(
      Subscriber.parse({
        id,
        chatId: Number(id.slice(1)),
        language: 'fr',
        frequency: 'instant',
        status: 'active',
        follows: { demarches: id === 'p2' ? ['parc'] : [] },
        createdAt: NOW,
        updatedAt: NOW,
      }),
    );
  await respond(consultation.id, 'p1', { q1: true });
});
afterAll(() => env.close());

describe('évaluation proposals', () => {
  it('proposes the évaluation on the home page and on the démarche’s page once the last step is reached', async () => {
    const home = await (await editor.get('/console')).text();
    expect(home).toContain('Évaluations à proposer');
    expect(home).toContain('« Les quais &lt;de Loire&gt; »');
    expect(home).toContain('href="/console/demarches/quais/evaluation"');
    expect(home).toContain('href="/console/demarches/parc/evaluation"');
    expect(home).not.toContain('/console/demarches/ecole/evaluation');
    expect(home).toContain('La dernière étape est atteinte');
    expect(home).toContain('href="/console/evaluations"'); // the nav entry

    const page = await (await editor.get('/console/demarches/quais')).text();
    expect(page).toContain('La dernière étape est atteinte : <a href="/console/demarches/quais/evaluation">');
    expect(await (await editor.get('/console/demarches/ecole')).text()).not.toContain('/evaluation"');
  });

  it('shows the prefilled évaluation: questions, editable dates, and who will receive it', async () => {
    const res = await editor.get('/console/demarches/quais/evaluation');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Évaluation de « Les quais &lt;de Loire&gt; »');
    expect(html).toContain('Les informations données sur la démarche étaient-elles claires ?');
    expect(html).toContain('échelle de 1 (Pas claires du tout) à 5 (Très claires)');
    expect(html).toContain('name="opensAt" value="2026-11-25T11:00"');
    expect(html).toContain('name="closesAt" value="2026-12-16T11:00"');
    expect(html).toContain('1 abonné·e actif·ve aujourd’hui');
    expect(html).toContain('<li>Les quais demain</li>');
    expect(html).toContain('Créer l’évaluation et sa campagne');
    // A reader sees it, without the button, and cannot create it.
    const read = await (await viewer.get('/console/demarches/quais/evaluation')).text();
    expect(read).not.toContain('Créer l’évaluation et sa campagne');
    expect((await viewer.post('/console/demarches/quais/evaluation', {})).status).toBe(403);
  });

  it('refuses dates that leave no time to answer, next to the field', async () => {
    const res = await editor.post('/console/demarches/quais/evaluation', {
      opensAt: '2026-11-25T12:00',
      closesAt: '2026-11-25T12:30',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('la clôture doit laisser le temps de répondre');
    expect(html).toContain('value="2026-11-25T12:30"');
  });

  it('creates the questionnaire and a draft campaign to those who took part, then lands on the campaign', async () => {
    const res = await editor.post('/console/demarches/quais/evaluation', {
      opensAt: '2026-11-25T11:00',
      closesAt: '2026-12-16T11:00',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/console\/campagnes\/[\w-]+$/);
    const campaign = await getCampaign(env.deps, location.split('/').pop()!);
    const evaluation = (await listQuestionnaires(env.deps)).items.find((q) => q.evaluationOf === 'quais')!;
    expect(campaign).toMatchObject({
      status: 'draft',
      questionnaireId: evaluation.id,
      audience: { kind: 'respondents' },
    });
    const page = await (await editor.get(location)).text();
    expect(page).toContain('adressée aux personnes qui ont pris part à la démarche');

    // Done once: the proposal is gone, the démarche's page links to it, a second POST is refused.
    expect(await (await editor.get('/console')).text()).not.toContain('/console/demarches/quais/evaluation');
    expect(await (await editor.get('/console/demarches/quais')).text()).toContain('Évaluation de la démarche');
    const again = await editor.post('/console/demarches/quais/evaluation', {
      opensAt: '2026-11-25T11:00',
      closesAt: '2026-12-16T11:00',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('a déjà son questionnaire d’évaluation');
  });

  it('goes to the followers when nobody answered anything, and says so', async () => {
    const page = await (await editor.get('/console/demarches/parc/evaluation')).text();
    expect(page).toContain('Personne n’a répondu aux questionnaires de cette démarche');
    const res = await editor.post('/console/demarches/parc/evaluation', { opensAt: '', closesAt: '' });
    expect(res.status).toBe(303);
    const campaign = await getCampaign(env.deps, res.headers.get('location')!.split('/').pop()!);
    expect(campaign.audience).toEqual({ kind: 'followers', demarches: ['parc'], themes: [], territories: [] });
    expect(await (await editor.get(res.headers.get('location')!)).text()).toContain(
      'cette campagne en brouillon ira aux personnes qui la suivent',
    );
  });
});

describe('comparison of évaluations', () => {
  it('shows one row per évaluated démarche, figures hidden under 5 respondents', async () => {
    const evaluations = (await listQuestionnaires(env.deps)).items.filter((q) => q.evaluationOf);
    const quais = evaluations.find((q) => q.evaluationOf === 'quais')!;
    const parc = evaluations.find((q) => q.evaluationOf === 'parc')!;
    const { clarity, heard, again, comment } = EVALUATION_QUESTIONS;
    for (const [i, grade] of [5, 4, 4, 3, 2].entries())
      await respond(quais.id, `r${i}`, { [clarity]: grade, [heard]: 3, [again]: i < 3, [comment]: 'Un <mot>' });
    await respond(parc.id, 'r9', { [clarity]: 1 });

    const res = await editor.get('/console/evaluations');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('aria-current="page">Évaluations');
    const rows = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).split('<tr>').slice(1);
    expect(rows).toHaveLength(2);
    const quaisRow = rows.find((r) => r.includes('/demarches/quais'))!;
    const parcRow = rows.find((r) => r.includes('/demarches/parc'))!;
    expect(quaisRow).toContain('Les quais &lt;de Loire&gt;');
    expect(quaisRow).toContain('25 novembre 2026 – 16 décembre 2026');
    expect(quaisRow).toMatch(/<td class="num">5<\/td>/);
    expect(quaisRow).toContain('3,6<span class="muted"> / 5</span>');
    expect(quaisRow).toContain('3,0<span class="muted"> / 5</span>');
    expect(quaisRow).toMatch(/60\s%/); // a narrow no-break space, as French writes it
    expect(quaisRow).toContain(`href="/console/questionnaires/${quais.id}/resultats"`);
    expect(parcRow).toContain('moins de 5 réponses');
    expect(parcRow).not.toContain('/ 5');
    expect(await (await viewer.get('/console/evaluations')).text()).toContain('Les quais &lt;de Loire&gt;');
  });
});
