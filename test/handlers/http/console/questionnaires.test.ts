// The console's questionnaire builder over HTTP: the five kinds created through the form, questions
// added and reordered without a script, the Telegram preview (live fragment and page), refused input
// next to its field, frozen questions once open, a reader's read-only view, a conflict, escaping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '#core/agents/use-cases';
import { getQuestionnaire, listQuestionnaires } from '#core/questionnaires/use-cases';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-questionnaire-pages';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];
let editor: ConsoleClient;
let viewer: ConsoleClient;

let viewerToken: string;

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
  const actor = { agentId: 'admin', name: 'Admin' };
  viewerToken = (await createAgent(env.deps, actor, { name: 'Lou', role: 'viewer' })).token;
});
afterAll(() => env.close());
// Fresh sessions for each test: a test that moves the clock past a session's idle limit ends it.
beforeEach(async () => {
  env.clock.set('2026-11-25T10:00:00.000Z');
  editor = await signedIn(ADMIN_TOKEN);
  viewer = await signedIn(viewerToken);
});

async function signedIn(token: string): Promise<ConsoleClient> {
  const client = consoleClient(app);
  await client.signIn(token);
  return client;
}

type Form = Record<string, string | string[]>;

const question = (i: number, fields: Form): Form =>
  Object.fromEntries(
    Object.entries({
      id: '',
      position: String(i + 1),
      options: '',
      min: '',
      max: '',
      minLabel: '',
      maxLabel: '',
      maxLength: '',
      ...fields,
    }).map(([k, v]) => [`questions.${i}.${k}`, v]),
  );

/** A questionnaire of the five kinds, as the builder sends it. */
const builderForm = (overrides: Form = {}): Form => ({
  title: 'La place du Commerce demain',
  intro: 'Cinq questions, deux minutes.',
  demarcheSlug: '',
  opensAt: '2026-12-01T09:00',
  closesAt: '2026-12-20T18:00',
  resultsPolicy: 'public_after_close',
  nextSteps: 'Une synthèse sera publiée en janvier et présentée au conseil.',
  ...question(0, {
    kind: 'single_choice',
    prompt: 'Comment venez-vous sur la place ?',
    options: 'À pied\r\nÀ vélo\r\nEn tram',
  }),
  ...question(1, {
    kind: 'multiple_choice',
    prompt: 'Que souhaitez-vous y trouver ?',
    options: 'Des arbres\nDes bancs\nDes terrasses\nUn marché',
    min: '1',
    max: '2',
  }),
  ...question(2, {
    kind: 'scale',
    prompt: 'La place vous plaît-elle aujourd’hui ?',
    min: '1',
    max: '5',
    minLabel: 'Pas du tout',
    maxLabel: 'Beaucoup',
  }),
  ...question(3, { kind: 'yes_no', prompt: 'Faut-il y interdire les voitures ?' }),
  ...question(4, { kind: 'short_text', prompt: 'Une idée à nous confier ?', maxLength: '200' }),
  action: 'enregistrer',
  ...overrides,
});

async function createdId(form: Form): Promise<string> {
  const response = await editor.post('/console/questionnaires/nouveau', form);
  expect(response.status).toBe(303);
  return response.headers.get('location')!.split('/').pop()!;
}

describe('questionnaire builder', () => {
  it('creates a questionnaire of all five kinds through the form', async () => {
    const blank = await editor.get('/console/questionnaires/nouveau');
    expect(blank.status).toBe(200);
    expect(await blank.text()).toContain('data-live="/console/questionnaires/apercu"');

    const id = await createdId(builderForm());
    const stored = await getQuestionnaire(env.deps, id);
    expect(stored.opensAt).toBe('2026-12-01T08:00:00.000Z');
    expect(stored.questions.map((q) => q.kind)).toEqual([
      'single_choice',
      'multiple_choice',
      'scale',
      'yes_no',
      'short_text',
    ]);
    expect(stored.questions[0]).toMatchObject({
      options: [{ label: 'À pied' }, { label: 'À vélo' }, { label: 'En tram' }],
    });
    expect(stored.questions[1]).toMatchObject({ min: 1, max: 2 });
    expect(stored.questions[2]).toMatchObject({ min: 1, max: 5, minLabel: 'Pas du tout', maxLabel: 'Beaucoup' });
    expect(stored.questions[4]).toMatchObject({ maxLength: 200 });

    const page = await (await editor.get(`/console/questionnaires/${id}`)).text();
    expect(page).toContain('Questionnaire « La place du Commerce demain » créé');
    expect(page).toContain('<span class="key">À pied</span>'); // the preview beside the builder
    const list = await (await editor.get('/console/questionnaires')).text();
    expect(list).toContain('À venir');
    expect(list).toContain(`href="/console/questionnaires/${id}/resultats"`);
  });

  it('previews the first question with its buttons, live and without a script', async () => {
    const live = await editor.post('/console/questionnaires/apercu', builderForm(), { 'x-console-fragment': '1' });
    expect(live.status).toBe(200);
    const fragment = await live.text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('aria-label="Aperçu Telegram de la question 1"');
    for (const label of ['À pied', 'À vélo', 'En tram'])
      expect(fragment).toContain(`<span class="key">${label}</span>`);
    expect(fragment).toContain('<span class="key">☐ Des arbres</span>');
    expect(fragment).toContain('Une synthèse sera publiée en janvier'); // « Et après ? »

    const page = await editor.post(
      '/console/questionnaires/nouveau',
      builderForm({ action: 'apercu', 'questions.0.options': 'Seule option' }),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('une question à choix doit proposer au moins 2 options'); // in the preview, nothing saved
    expect(html).toContain('<span class="key">☐ Des arbres</span>');
    expect((await listQuestionnaires(env.deps)).items.some((q) => q.questions[0]!.prompt === 'Seule option')).toBe(
      false,
    );
  });

  it('adds a question with a button, and reorders by position, keeping what was typed', async () => {
    const added = await editor.post(
      '/console/questionnaires/nouveau',
      builderForm({ action: 'ajouter', title: 'Gardé' }),
    );
    expect(added.status).toBe(200);
    const html = await added.text();
    expect(html).toContain('name="questions.5.prompt"');
    expect(html).toContain('value="Gardé"');

    const id = await createdId(
      builderForm({ 'questions.0.position': '2', 'questions.1.position': '1', 'questions.4.remove': '1' }),
    );
    const stored = await getQuestionnaire(env.deps, id);
    expect(stored.questions.map((q) => q.kind)).toEqual(['multiple_choice', 'single_choice', 'scale', 'yes_no']);
  });

  it('shows a rule broken next to its question field, with what was typed', async () => {
    const response = await editor.post('/console/questionnaires/nouveau', builderForm({ 'questions.1.max': '7' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(
      /id="champ-questions-1-max-erreur">.*Question 2, maximum : max ne peut pas dépasser le nombre d’options/s,
    );
    expect(html).toContain('href="#champ-questions-1-max"');
    expect(html).toContain('value="7"');
    expect(html).toContain('Des arbres\nDes bancs');
  });

  it('freezes the questions once open, and still saves the rest', async () => {
    const id = await createdId(builderForm());
    env.clock.set('2026-12-02T10:00:00.000Z');
    editor = await signedIn(ADMIN_TOKEN);
    const page = await (await editor.get(`/console/questionnaires/${id}`)).text();
    expect(page).toContain('ses questions ne peuvent plus changer');
    expect(page).not.toContain('name="questions.0.prompt"');
    const { 'questions.0.prompt': _dropped, ...withoutQuestions } = builderForm({
      version: '1',
      title: 'Nouveau titre',
    });
    const saved = await editor.post(
      `/console/questionnaires/${id}`,
      Object.fromEntries(Object.entries(withoutQuestions).filter(([k]) => !k.startsWith('questions.'))),
    );
    expect(saved.status).toBe(303);
    const stored = await getQuestionnaire(env.deps, id);
    expect(stored).toMatchObject({ title: 'Nouveau titre', version: 2 });
    expect(stored.questions).toHaveLength(5);
  });

  it('offers a reader nothing to write, and refuses their posts', async () => {
    const id = await createdId(builderForm());
    const list = await (await viewer.get('/console/questionnaires')).text();
    expect(list).not.toContain('Nouveau questionnaire');
    const page = await (await viewer.get(`/console/questionnaires/${id}`)).text();
    expect(page).toContain('<fieldset disabled');
    expect(page).not.toContain('Ajouter une question');
    expect(page).not.toContain('Enregistrer les modifications');
    expect((await viewer.get('/console/questionnaires/nouveau')).status).toBe(403);
    expect((await viewer.post('/console/questionnaires/nouveau', builderForm())).status).toBe(403);
    expect((await viewer.post(`/console/questionnaires/${id}`, builderForm({ version: '1' }))).status).toBe(403);
  });

  it('says a colleague changed it meanwhile and keeps what was typed', async () => {
    const id = await createdId(builderForm());
    expect(
      (await editor.post(`/console/questionnaires/${id}`, builderForm({ version: '1', title: 'Par la collègue' })))
        .status,
    ).toBe(303);
    const late = await editor.post(`/console/questionnaires/${id}`, builderForm({ version: '1', title: 'Ma version' }));
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain('Un·e collègue a modifié ce questionnaire entre-temps');
    expect(html).toContain('value="Ma version"');
    expect(html).toContain(`href="/console/questionnaires/${id}">Recharger la version actuelle`);
    expect((await getQuestionnaire(env.deps, id)).title).toBe('Par la collègue');
  });

  it('escapes a title that looks like HTML, in the page and in the preview', async () => {
    const id = await createdId(builderForm({ title: '<img src=x onerror=alert(1)>' }));
    for (const path of ['/console/questionnaires', `/console/questionnaires/${id}`]) {
      const html = await (await editor.get(path)).text();
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
    }
  });
});
