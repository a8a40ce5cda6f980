// The console's démarche pages over HTTP: list, create with a timeline, edit, refused input given
// back next to its field, a reader's read-only view, a colleague's change, escaping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '#core/agents/use-cases';
import { getDemarche } from '#core/demarches/use-cases';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-demarche-pages';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];
let editor: ConsoleClient;
let viewer: ConsoleClient;

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
  editor = consoleClient(app);
  await editor.signIn(ADMIN_TOKEN);
  const { token } = await createAgent(env.deps, { agentId: 'admin', name: 'Admin' }, { name: 'Lou', role: 'viewer' });
  viewer = consoleClient(app);
  await viewer.signIn(token);
});
afterAll(() => env.close());
beforeEach(() => env.clock.set('2026-11-25T10:00:00.000Z'));

/** The form as a browser sends it: two steps, then the two empty rows the page offers. */
const demarcheForm = (slug: string, overrides: Record<string, string | string[]> = {}) => ({
  slug,
  title: 'Réaménagement de la place du Commerce',
  summary: 'Comment partager la place entre piétons, vélos et terrasses ?',
  link: 'https://dialoguecitoyen.nantes.fr/place-du-commerce',
  themes: ['mobilites', 'urbanisme'],
  territories: ['nantes', 'nantes-centre-ville'],
  'steps.0.id': '',
  'steps.0.kind': 'consultation',
  'steps.0.title': 'Questionnaire en ligne',
  'steps.0.start': '2026-12-01T09:00',
  'steps.0.end': '2026-12-20T18:00',
  'steps.0.link': 'https://dialoguecitoyen.nantes.fr/place-du-commerce/questionnaire',
  'steps.1.id': '',
  'steps.1.kind': 'workshop',
  'steps.1.title': 'Atelier sur place',
  'steps.1.start': '2027-01-09T10:00',
  'steps.1.end': '',
  'steps.1.link': '',
  ...['2', '3'].reduce(
    (rows, i) => ({
      ...rows,
      [`steps.${i}.id`]: '',
      [`steps.${i}.kind`]: '',
      [`steps.${i}.title`]: '',
      [`steps.${i}.start`]: '',
      [`steps.${i}.end`]: '',
      [`steps.${i}.link`]: '',
    }),
    {},
  ),
  ...overrides,
});

describe('démarche pages', () => {
  it('creates a démarche with two steps through the form, in Paris time', async () => {
    const form = await editor.get('/console/demarches/nouvelle');
    expect(form.status).toBe(200);
    const blank = await form.text();
    expect(blank).toContain('Mobilités');
    expect(blank).toContain('Couëron');
    expect(blank).toContain('Île de Nantes');
    expect(blank).toContain('name="steps.1.kind"'); // two empty rows to add steps without a script

    const created = await editor.post('/console/demarches/nouvelle', demarcheForm('place-du-commerce'));
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/console/demarches/place-du-commerce');
    const stored = await getDemarche(env.deps, 'place-du-commerce');
    expect(stored.steps.map((s) => [s.kind, s.start, s.end])).toEqual([
      ['consultation', '2026-12-01T08:00:00.000Z', '2026-12-20T17:00:00.000Z'],
      ['workshop', '2027-01-09T09:00:00.000Z', undefined],
    ]);
    expect(stored.themes).toEqual(['mobilites', 'urbanisme']);

    const page = await (await editor.get('/console/demarches/place-du-commerce')).text();
    expect(page).toContain('Démarche « Réaménagement de la place du Commerce » créée');
    expect(page).toContain('value="2026-12-01T09:00"');
    expect(page).toContain('Retirer cette étape');

    const list = await (await editor.get('/console/demarches')).text();
    expect(list).toContain('href="/console/demarches/place-du-commerce"');
    expect(list).toContain('Questionnaire en ligne'); // the step it is at: the next one, on 25 November
    expect(list).toContain('Mobilités, Urbanisme et espaces publics');
    expect(list).toContain('Nantes, Centre-ville');
  });

  it('edits it: a changed title, a step removed, a step added', async () => {
    await editor.post('/console/demarches/nouvelle', demarcheForm('edition'));
    const before = await getDemarche(env.deps, 'edition');
    const response = await editor.post(
      '/console/demarches/edition',
      demarcheForm('ignored', {
        version: '1',
        title: 'Place du Commerce : le projet',
        'steps.0.id': before.steps[0]!.id,
        'steps.1.id': before.steps[1]!.id,
        'steps.1.remove': '1',
        'steps.2.kind': 'decision',
        'steps.2.title': 'Délibération du conseil',
        'steps.2.start': '2027-03-15T18:00',
      }),
    );
    expect(response.status).toBe(303);
    const after = await getDemarche(env.deps, 'edition');
    expect(after).toMatchObject({ slug: 'edition', title: 'Place du Commerce : le projet', version: 2 });
    expect(after.steps.map((s) => s.title)).toEqual(['Questionnaire en ligne', 'Délibération du conseil']);
    expect(after.steps[0]!.id).toBe(before.steps[0]!.id);
  });

  it('shows a bad date next to its step field, in French, with what was typed', async () => {
    const response = await editor.post(
      '/console/demarches/nouvelle',
      demarcheForm('mauvaise-date', { 'steps.1.start': '2027-02-30T10:00', title: 'Titre gardé' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(/id="champ-steps-1-start-erreur">.*Étape 2, début : date et heure ISO-8601 attendues/s);
    expect(html).toContain('href="#champ-steps-1-start"'); // in the summary on top, linked to the field
    expect(html).toContain('value="2027-02-30T10:00"');
    expect(html).toContain('value="Titre gardé"');
    expect(await env.deps.store.demarches.get('mauvaise-date')).toBeUndefined();
  });

  it('puts a missing territory and a taken slug next to their fields', async () => {
    const none = await editor.post('/console/demarches/nouvelle', demarcheForm('sans-territoire', { territories: [] }));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('id="champ-territories-erreur"');
    await editor.post('/console/demarches/nouvelle', demarcheForm('deja-pris'));
    const taken = await editor.post('/console/demarches/nouvelle', demarcheForm('deja-pris'));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('id="champ-slug-erreur"');
  });

  it('offers a reader nothing to write, and refuses their posts', async () => {
    await editor.post('/console/demarches/nouvelle', demarcheForm('lecture'));
    const list = await (await viewer.get('/console/demarches')).text();
    expect(list).toContain('href="/console/demarches/lecture"');
    expect(list).not.toContain('Nouvelle démarche');
    const page = await (await viewer.get('/console/demarches/lecture')).text();
    expect(page).toContain('<fieldset disabled');
    expect(page).not.toContain('Enregistrer les modifications');
    expect((await viewer.get('/console/demarches/nouvelle')).status).toBe(403);
    expect((await viewer.post('/console/demarches/nouvelle', demarcheForm('interdite'))).status).toBe(403);
    expect((await viewer.post('/console/demarches/lecture', demarcheForm('lecture', { version: '1' }))).status).toBe(
      403,
    );
    expect((await getDemarche(env.deps, 'lecture')).version).toBe(1);
  });

  it('says a colleague changed it meanwhile, keeps what was typed and offers to reload', async () => {
    await editor.post('/console/demarches/nouvelle', demarcheForm('conflit'));
    const colleague = demarcheForm('conflit', { version: '1', title: 'Version de la collègue' });
    expect((await editor.post('/console/demarches/conflit', colleague)).status).toBe(303);
    const late = await editor.post(
      '/console/demarches/conflit',
      demarcheForm('conflit', { version: '1', title: 'Ma version' }),
    );
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain('Un·e collègue a modifié cette démarche entre-temps');
    expect(html).toContain('value="Ma version"');
    expect(html).toContain('href="/console/demarches/conflit">Recharger la version actuelle');
    expect((await getDemarche(env.deps, 'conflit')).title).toBe('Version de la collègue');
  });

  it('escapes a title that looks like HTML', async () => {
    await editor.post(
      '/console/demarches/nouvelle',
      demarcheForm('echappement', { title: '<img src=x onerror=alert(1)>' }),
    );
    for (const path of ['/console/demarches', '/console/demarches/echappement']) {
      const html = await (await editor.get(path)).text();
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
    }
  });
});
