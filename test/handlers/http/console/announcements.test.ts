// The console's « Annonces » over HTTP: a démarche saved in review gets drafts, listed with their
// preview and approved, edited or cancelled in one click; the démarche's page lists them with their
// status, a step ticked « annulée » cancels its own; the templates' editor shows its placeholders
// and a refusal next to the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcementId } from '#core/announcements/wanted';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-announcement-pages';
let env: ConsoleTestEnv;
let agent: ConsoleClient;

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN, '2026-11-25T10:00:00.000Z');
  agent = consoleClient(env.app);
  await agent.signIn(ADMIN_TOKEN);
});
afterAll(() => env.close());

const form = (overrides: Record<string, string> = {}) => ({
  slug: 'place-du-commerce',
  title: 'Place du Commerce',
  summary: 'Comment partager la place ?',
  link: 'https://dialoguecitoyen.nantes.fr/place-du-commerce',
  territories: 'nantes',
  announcementPolicy: 'review',
  'steps.0.id': '',
  'steps.0.kind': 'consultation',
  'steps.0.title': 'Questionnaire en ligne',
  'steps.0.start': '2026-12-01T09:00',
  'steps.0.end': '2026-12-20T18:00',
  'steps.0.link': '',
  'steps.0.questionnaireId': '',
  'steps.1.id': '',
  'steps.1.kind': 'workshop',
  'steps.1.title': 'Atelier sur place',
  'steps.1.start': '2027-01-09T10:00',
  'steps.1.end': '',
  'steps.1.link': '',
  'steps.1.questionnaireId': '',
  ...overrides,
});

const id = (stepId: string, rule: 'step_opens' | 'closing_soon') => announcementId('place-du-commerce', stepId, rule);

describe('console: Annonces', () => {
  it('lists a démarche’s drafts with their preview, approves and cancels them, and shows them on the démarche', async () => {
    expect((await agent.post('/console/demarches/nouvelle', form())).status).toBe(303);
    const saved = await env.deps.store.demarches.get('place-du-commerce');
    expect(saved?.announcementPolicy).toBe('review');
    const [consult, atelier] = saved!.steps;

    const list = await (await agent.get('/console/annonces')).text();
    expect(list).toContain('À approuver (3)');
    expect(list).toContain('La consultation est ouverte : Place du Commerce');
    expect(list).toContain('Plus que 2 jours : Place du Commerce');
    expect(list).toContain('Aperçu Telegram, en anglais');
    expect(list).toContain(`/console/annonces/${id(consult!.id, 'step_opens')}/approuver`);

    const approve = await agent.post(`/console/annonces/${id(consult!.id, 'step_opens')}/approuver`);
    expect(approve.status).toBe(303);
    expect((await env.deps.store.campaigns.get(id(consult!.id, 'step_opens')))?.status).toBe('scheduled');
    await agent.post(`/console/annonces/${id(consult!.id, 'closing_soon')}/annuler`);
    expect((await env.deps.store.campaigns.get(id(consult!.id, 'closing_soon')))?.status).toBe('cancelled');

    // The workshop is cancelled in the form: its opening is withdrawn too.
    const edit = form({
      'steps.0.id': consult!.id,
      'steps.1.id': atelier!.id,
      'steps.1.cancelled': '1',
      version: '1',
    });
    expect((await agent.post('/console/demarches/place-du-commerce', edit)).status).toBe(303);
    expect((await env.deps.store.campaigns.get(id(atelier!.id, 'step_opens')))?.status).toBe('cancelled');
    const page = await (await agent.get('/console/demarches/place-du-commerce')).text();
    expect(page).toContain('Annonces de la frise');
    expect(page.match(/class="badge (\w+)"/g)).toEqual([
      'class="badge scheduled"',
      'class="badge cancelled"',
      'class="badge cancelled"',
    ]);
    expect(page).toContain('<option value="review" selected="">Relecture par un·e agent·e</option>');
  });

  it('edits a template, refusing an unknown placeholder next to its field', async () => {
    const editor = await (await agent.get('/console/annonces/modeles/step_opens.workshop')).text();
    expect(editor).toContain('<code>{demarche}</code>');
    const fields = {
      'fr.title': 'L’atelier commence : {demarche}',
      'fr.text': 'Rendez-vous {quand}',
      'en.title': 'The workshop begins: {demarche}',
      'en.text': '{etape}',
      x: '',
    };
    const refused = await agent.post('/console/annonces/modeles/step_opens.workshop', fields);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(/id="champ-fr-text-erreur"[^>]*>.*\{quand\} n’est pas un champ connu/s);
    const saved = await agent.post('/console/annonces/modeles/step_opens.workshop', {
      ...fields,
      'fr.text': '{etape}',
    });
    expect(saved.status).toBe(303);
    expect(await (await agent.get('/console/annonces/modeles')).text()).toContain('modifié');
  });
});
