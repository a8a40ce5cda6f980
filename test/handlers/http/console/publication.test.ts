// Publishing results from the console: the preview of what it creates (Telegram bubble with its
// recipients, feed item, X draft with count and cost), the moderation warning, the button for
// editors only, the publication itself (once), and what the results and campaign pages then show.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { textHash } from '#core/moderation/decision';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { derivedId } from '#core/restitution/restitution';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-publication-tests';
let env: ConsoleTestEnv;
let closed: Questionnaire;
let running: Questionnaire;
let tokens: { editor: string; viewer: string };

const questions = [
  {
    kind: 'single_choice',
    id: 'jour',
    prompt: 'Quel jour préférez-vous ?',
    options: [
      { id: 'lun', label: 'Lundi' },
      { id: 'mar', label: 'Mardi' },
    ],
  },
  { kind: 'short_text', id: 'idee', prompt: 'Une idée ?' },
];

const respond = (q: Questionnaire, subscriberId: string, answers: Record<string, Answer>) =>
  env.deps.store.responses.save(
    {
      questionnaireId: q.id,
      subscriberId,
      answers,
      complete: true,
      createdAt: '2026-11-21T09:00:00.000Z',
      updatedAt: '2026-11-21T09:00:00.000Z',
      version: 1,
    },
    undefined,
  );

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN, '2026-11-20T08:00:00.000Z');
  const base = { nextSteps: 'Présentation au conseil de quartier.', questions, opensAt: '2026-11-20T09:00:00.000Z' };
  closed = await createQuestionnaire(env.deps, BOOTSTRAP_ADMIN, {
    ...base,
    title: 'Le marché du samedi',
    closesAt: '2026-11-24T18:00:00.000Z',
  });
  running = await createQuestionnaire(env.deps, BOOTSTRAP_ADMIN, {
    ...base,
    title: 'La fête du quartier',
    closesAt: '2026-12-24T18:00:00.000Z',
  });
  await respond(closed, 'pseudo-1', { jour: ['lun'], idee: 'Plus de bancs, appelez le 06 11 22 33 44' });
  await respond(closed, 'pseudo-2', { jour: ['lun'] });
  await respond(closed, 'pseudo-3', { jour: ['mar'] });
  for (const [i, id] of ['pseudo-1', 'pseudo-2'].entries())
    await env.deps.store.subscribers.put({
      id,
      chatId: 5000 + i,
      language: 'fr',
      frequency: 'instant',
      status: 'active',
      follows: { demarches: [], themes: [], territories: [] },
      createdAt: '2026-11-20T08:00:00.000Z',
      updatedAt: '2026-11-20T08:00:00.000Z',
    });
  const made = async (role: 'editor' | 'viewer') =>
    (await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: `Agent ${role}`, role })).token;
  tokens = { editor: await made('editor'), viewer: await made('viewer') };
});
afterAll(() => env.close());
beforeEach(() => env.clock.set('2026-11-25T10:00:00.000Z'));

const signedIn = async (token: string) => {
  const browser = consoleClient(env.app);
  await browser.signIn(token);
  return browser;
};
const publier = (q: Questionnaire) => `/console/questionnaires/${q.id}/publier`;

describe('the publication page', () => {
  it('previews the three things, the recipients, and warns of written answers awaiting moderation', async () => {
    const response = await (await signedIn(tokens.editor)).get(publier(closed));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Publier les résultats : Le marché du samedi</h1>');
    expect(html).toContain('Voici ce que vous avez dit : Le marché du samedi');
    expect(html).toContain('Quel jour préférez-vous ? — Lundi : 67\u00a0%');
    expect(html).toMatch(/<strong>2 abonné·es Telegram actif·ves<\/strong>/);
    expect(html).toContain('Résultats : Le marché du samedi');
    expect(html).toMatch(/\d+ \/ 280 caractères pondérés/);
    expect(html).toContain('Coût estimé');
    expect(html).toContain('http://localhost:3000/resultats/' + closed.id);
    expect(html).toContain('1 réponse écrite attend la modération');
    expect(html).toContain(`href="/console/questionnaires/${closed.id}/moderation"`);
    expect(html).not.toContain('Plus de bancs');
    expect(html).toContain(`action="${publier(closed)}"`);
  });

  it('drops the warning once every written answer has a decision', async () => {
    await env.deps.store.moderation.save(
      {
        questionnaireId: closed.id,
        questionId: 'idee',
        textHash: textHash('Plus de bancs, appelez le 06 11 22 33 44'),
        status: 'rejected',
        reason: 'Numéro de téléphone',
        redactions: [],
        decidedBy: { agentId: 'ag1', name: 'Camille' },
        decidedAt: '2026-11-25T09:00:00.000Z',
        version: 1,
      },
      undefined,
    );
    const html = await (await (await signedIn(tokens.editor)).get(publier(closed))).text();
    expect(html).not.toContain('attend la modération');
  });

  it('offers no button to viewers, and refuses their POST', async () => {
    const viewer = await signedIn(tokens.viewer);
    const html = await (await viewer.get(publier(closed))).text();
    expect(html).not.toContain(`action="${publier(closed)}"`);
    expect((await viewer.post(publier(closed))).status).toBe(403);
  });

  it('says when results are not public yet, and refuses to publish them', async () => {
    const editor = await signedIn(tokens.editor);
    const html = await (await editor.get(publier(running))).text();
    expect(html).toContain('ne sont pas encore publics : ils le seront le 24 décembre 2026');
    expect(html).not.toContain(`action="${publier(running)}"`);
    const refused = await editor.post(publier(running));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Les résultats n’ont pas été publiés');
  });

  it('publishes once, then the results page and the campaign pages say so', async () => {
    const editor = await signedIn(tokens.editor);
    const published = await editor.post(publier(closed));
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`/console/questionnaires/${closed.id}/resultats`);

    const results = await (await editor.get(`/console/questionnaires/${closed.id}/resultats`)).text();
    expect(results).toContain('Résultats publiés : article dans les flux');
    expect(results).toContain('publics à la clôture');
    expect(results).toContain('Les résultats sont publics maintenant.');
    expect(results).toContain(`href="http://localhost:3000/resultats/${closed.id}"`);
    expect(results).toContain('le mercredi 25 novembre 2026');
    expect(results).toContain(`href="/console/campagnes/${derivedId('x-draft', closed.id)}"`);
    expect(results).toContain(`href="/console/campagnes/${derivedId('restitution', closed.id)}"`);
    expect(results).toContain(`href="/console/questionnaires/${closed.id}/moderation"`);
    expect(results).not.toContain(`href="${publier(closed)}"`);

    const restitution = await (await editor.get(`/console/campagnes/${derivedId('restitution', closed.id)}`)).text();
    expect(restitution).toContain('programmée');

    const again = await editor.post(publier(closed));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('déjà été publiés le');
  });
});
