// The campaign pages over HTTP, as a browser without JavaScript uses them: write a campaign through
// the form (French violations next to their fields, values kept), preview every channel (the
// question's buttons in the bubble, an over-long X post counted and refused), schedule, unschedule,
// cancel, what a viewer is not offered and may not do, a colleague's change meanwhile, and escaping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { createCampaign, updateCampaign } from '#core/campaigns/use-cases';
import type { Subscriber } from '#core/subscribers/subscriber';
import { demarche, questionnaire } from '../../../adapters/dynamodb/fixtures';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-campaign-pages';
const NOW = '2026-11-25T10:00:00.000Z';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];
let editor: ConsoleClient;
let viewer: ConsoleClient;

const subscriber = (id: number, themes: Subscriber['follows']['themes']): Subscriber => ({
  id: `s-${id}`,
  chatId: id,
  language: 'fr',
  frequency: 'instant',
  status: 'active',
  follows: { demarches: [], themes, territories: [] },
  createdAt: NOW,
  updatedAt: NOW,
});

/** A valid form, as the browser sends it; `over` replaces fields. */
const form = (over: Record<string, string | string[]> = {}) => ({
  'message.title': 'Le plan vélo avance',
  'message.text': 'Donnez votre avis\r\nsur les nouvelles pistes.',
  'message.link': 'https://dialoguecitoyen.metropole.nantes.fr/plan-velo',
  'message.imageUrl': '',
  channels: ['telegram', 'feeds'],
  xText: '',
  demarcheSlug: 'plan-velo',
  questionnaireId: '',
  'audience.kind': 'followers',
  'audience.themes': ['mobilites'],
  quand: 'heure',
  sendAt: '2026-11-26T09:00',
  intention: 'enregistrer',
  ...over,
});

const LONG_X = `${'Une phrase qui dit beaucoup de choses sur le plan vélo. '.repeat(6)}`;

async function signedIn(role: 'editor' | 'viewer') {
  const { token } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: `Camille ${role}`, role });
  const client = consoleClient(app);
  await client.signIn(token);
  return client;
}

/** A campaign written straight through the use case (as the API would), for the pages that show one. */
const stored = (title = 'Réunion publique', over: Record<string, unknown> = {}) =>
  createCampaign(env.deps, BOOTSTRAP_ADMIN, {
    message: { title, text: 'Venez nombreux.', link: 'https://example.org/reunion' },
    channels: ['telegram'],
    sendAt: '2026-11-27T18:00',
    ...over,
  });

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN, NOW);
  app = env.app;
  await env.deps.store.demarches.create(demarche({ slug: 'plan-velo' }));
  await env.deps.store.questionnaires.create(
    questionnaire({ id: 'q1', opensAt: '2026-11-20T00:00:00.000Z', closesAt: '2026-12-20T00:00:00.000Z' }),
  );
  for (const s of [subscriber(1, ['mobilites']), subscriber(2, ['mobilites']), subscriber(3, [])])
    await env.deps.store.subscribers.put(s);
  editor = await signedIn('editor');
  viewer = await signedIn('viewer');
});
afterAll(() => env.close());
beforeEach(() => env.clock.set(NOW));

describe('compose a campaign', () => {
  it('offers the form with every channel, the catalogs and the open questionnaire', async () => {
    const page = await editor.get('/console/campagnes/nouvelle');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Nouvelle campagne</h1>');
    expect(html).toContain('data-live="/console/campagnes/apercu"');
    expect(html).toContain('Plan vélo métropolitain'); // the démarche, in the select and the audience
    expect(html).toContain('Vos trajets à vélo (ouvert)');
    expect(html).toContain('Mobilités');
    expect(html).toContain('Nantes, quartier Île de Nantes');
    expect(html).toContain('Mettre à jour l’aperçu');
  });

  it('shows the French violations next to their fields and keeps what was typed', async () => {
    const response = await editor.post(
      '/console/campagnes/nouvelle',
      form({ 'message.title': '', 'message.link': 'pas un lien', channels: [], 'message.text': 'Mon texte gardé' }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(
      /id="champ-message-title-erreur">[^<]*<span[^>]*>Erreur : <\/span>Titre : ne peut pas être vide/,
    );
    expect(html).not.toContain('message.title :'); // the agent reads the label, not the API's path
    expect(html).toMatch(/id="champ-message-link-erreur">/);
    expect(html).toMatch(/id="champ-channels-erreur">[^<]*<span[^>]*>Erreur : <\/span>choisissez au moins un canal/);
    expect(html).toContain('href="#champ-message-title"');
    expect(html).toContain('Mon texte gardé');
    expect(html).toContain('value="pas un lien"');
    expect(html).toMatch(/value="mobilites" checked/);
    expect((await env.deps.store.campaigns.list()).items).toHaveLength(0);
  });

  it('refuses a send time already past, next to the time field', async () => {
    const response = await editor.post('/console/campagnes/nouvelle', form({ sendAt: '2026-11-25T10:30' }));
    // 10:30 in Paris is 09:30 UTC: before the clock's 10:00 UTC.
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/id="champ-sendAt-erreur">[^]*l’heure d’envoi est passée/);
  });

  it('puts a rule about the questionnaire next to the questionnaire field', async () => {
    await env.deps.store.questionnaires.create(
      questionnaire({ id: 'q-court', opensAt: '2026-11-20T00:00:00.000Z', closesAt: '2026-11-26T00:00:00.000Z' }),
    );
    const response = await editor.post('/console/campagnes/nouvelle', form({ questionnaireId: 'q-court' }));
    expect(response.status).toBe(409);
    expect(await response.text()).toMatch(/id="champ-questionnaireId-erreur">[^]*le questionnaire sera clos/);
  });

  it('saves a draft, read in Paris time, and lands on its page with a notice', async () => {
    const response = await editor.post('/console/campagnes/nouvelle', form());
    expect(response.status).toBe(303);
    const path = response.headers.get('location')!;
    expect(path).toMatch(/^\/console\/campagnes\/[\w-]+$/);
    const id = path.split('/').at(-1)!;
    expect(await env.deps.store.campaigns.get(id)).toMatchObject({
      status: 'draft',
      sendAt: '2026-11-26T08:00:00.000Z',
      message: { text: 'Donnez votre avis\nsur les nouvelles pistes.' },
      audience: { kind: 'followers', themes: ['mobilites'], demarches: [], territories: [] },
      demarcheSlug: 'plan-velo',
    });
    const html = await (await editor.get(path)).text();
    expect(html).toContain('Brouillon enregistré');
    expect(html).toContain('value="2026-11-26T09:00"');
    expect(html).toContain('name="version" value="1"');
    expect(html).toContain('Création'); // the audit trail
  });

  it('addresses those who answered some questionnaires, closed ones included, named by title on the page', async () => {
    await env.deps.store.questionnaires.create(
      questionnaire({
        id: 'q-clos',
        title: 'Le marché du samedi',
        opensAt: '2026-11-01T00:00:00.000Z',
        closesAt: '2026-11-10T00:00:00.000Z',
      }),
    );
    for (const subscriberId of ['s-1', 's-3'])
      await env.deps.store.responses.save(
        {
          questionnaireId: 'q-clos',
          subscriberId,
          answers: { freq: ['a'] },
          complete: false,
          createdAt: '2026-11-05T00:00:00.000Z',
          updatedAt: '2026-11-05T00:00:00.000Z',
          version: 1,
        },
        undefined,
      );
    const html = await (await editor.get('/console/campagnes/nouvelle')).text();
    expect(html).toContain('Les personnes qui ont répondu à un questionnaire…');
    expect(html).toMatch(/name="audience.questionnaires" value="q-clos"/);
    expect(html).toContain('Le marché du samedi (clos)');

    const saved = await editor.post(
      '/console/campagnes/nouvelle',
      form({ 'audience.kind': 'respondents', 'audience.questionnaires': ['q-clos'], demarcheSlug: '' }),
    );
    expect(saved.status).toBe(303);
    const path = saved.headers.get('location')!;
    const id = path.split('/').at(-1)!;
    expect((await env.deps.store.campaigns.get(id))?.audience).toEqual({
      kind: 'respondents',
      questionnaires: ['q-clos'],
    });
    const page = await (await viewer.get(path)).text();
    expect(page).toContain('Les abonné·es qui ont répondu au questionnaire « Le marché du samedi (clos) »');
    expect(page).toMatch(/<strong>2 abonné·es Telegram actif·ves<\/strong>/);

    const none = await editor.post('/console/campagnes/nouvelle', form({ 'audience.kind': 'respondents' }));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('nomme au moins un questionnaire');
  });

  it('schedules « maintenant »: a minute from the clock', async () => {
    const response = await editor.post(
      '/console/campagnes/nouvelle',
      form({ quand: 'maintenant', intention: 'programmer' }),
    );
    expect(response.status).toBe(303);
    const id = response.headers.get('location')!.split('/').at(-1)!;
    expect(await env.deps.store.campaigns.get(id)).toMatchObject({
      status: 'scheduled',
      sendAt: '2026-11-25T10:01:00.000Z',
    });
  });
});

describe('previews', () => {
  it('shows the Telegram bubble with the « Répondre » button of its questionnaire, the feed item and the audience', async () => {
    const response = await editor.post('/console/campagnes/apercu', form({ questionnaireId: 'q1', mode: 'nouvelle' }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<html'); // a fragment
    expect(html).toContain('class="previews"');
    expect(html).toContain('class="telegram-chat"');
    // The questionnaire opens from a button: its questions are not in the announcement.
    expect(html).not.toContain('À quelle fréquence ?');
    expect(html).toContain('<span class="key">Répondre (2 questions, 1 min)</span>');
    expect(html).toContain('Flux RSS, Atom et JSON');
    expect(html).toMatch(/Audience : <strong>2 abonné·es Telegram actif·ves<\/strong>/);
    expect(html).not.toContain('Programmation impossible');
  });

  it('shows a long text cut to two lines as Telegram will send it, and says the whole is one press away', async () => {
    const text = 'Le plan vélo entre dans sa deuxième phase de concertation publique. '.repeat(8).trim();
    const html = await (
      await editor.post('/console/campagnes/apercu', form({ 'message.text': text, mode: 'nouvelle' }))
    ).text();
    expect(html).toContain('data-telegram-shortened');
    expect(html).toContain('le bouton « Lire le message entier » l’envoie en entier');
    expect(html).toContain('<span class="key">📄 Lire le message entier</span>');
    expect(html).toContain('Lire la suite');
    const short = await (await editor.post('/console/campagnes/apercu', form({ mode: 'nouvelle' }))).text();
    expect(short).not.toContain('data-telegram-shortened');
  });

  it('says what a paid broadcast costs in Telegram Stars for the audience, before scheduling', async () => {
    const plain = await (await editor.post('/console/campagnes/apercu', form({ mode: 'nouvelle' }))).text();
    expect(plain).not.toContain('Diffusion payante');
    const paid = await editor.post('/console/campagnes/apercu', form({ mode: 'nouvelle', envoi: ['paidBroadcast'] }));
    const html = await paid.text();
    expect(html).toMatch(/Audience : <strong>2 abonné·es Telegram actif·ves<\/strong>/);
    expect(html).toMatch(
      /Diffusion payante : jusqu’à 1 000 messages par seconde, pour <strong>0,2 Telegram Stars au plus<\/strong>/,
    );
  });

  it('builds the X post for X from a long text: title and link, counted next to the X field', async () => {
    const values = form({ channels: ['telegram', 'x'], 'message.text': LONG_X, mode: 'nouvelle' });
    const html = await (await editor.post('/console/campagnes/nouvelle', { ...values, intention: 'apercu' })).text();
    expect(html).toMatch(/data-x-count-mirror="true">Publication X : \d{2} \/ 280 caractères pondérés/);
    expect(html).not.toContain('Programmation impossible');
  });

  it('counts an over-long X text in red, disables scheduling with the reason, and the server refuses it anyway', async () => {
    const values = form({ channels: ['telegram', 'x'], xText: LONG_X, mode: 'nouvelle' });
    const html = await (await editor.post('/console/campagnes/apercu', values)).text();
    expect(html).toMatch(/class="over-limit" data-x-count="true">\d{3} \/ 280 caractères pondérés : trop long pour X/);
    expect(html).toContain('Coût estimé');
    expect(html).toMatch(/<button type="submit" name="intention" value="programmer" disabled/);
    expect(html).toMatch(/Programmation impossible : le texte pour X compte \d{3} caractères pondérés sur 280/);

    const refused = await editor.post('/console/campagnes/nouvelle', { ...values, intention: 'programmer' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/id="champ-xText-erreur">[^]*caractères pondérés sur 280/);

    // A shorter text for X fits: scheduling is offered again.
    const fixed = await editor.post('/console/campagnes/apercu', {
      ...values,
      xText: 'Le plan vélo avance : donnez votre avis.',
    });
    expect(await fixed.text()).not.toContain('Programmation impossible');
  });

  it('re-renders the whole page with the preview without saving, for a browser without JavaScript', async () => {
    const response = await editor.post(
      '/console/campagnes/nouvelle',
      form({ intention: 'apercu', questionnaireId: 'q1' }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Nouvelle campagne</h1>');
    expect(html).toContain('<span class="key">Répondre (2 questions, 1 min)</span>');
  });
});

describe('lifecycle from the campaign page', () => {
  it('schedules, unschedules and cancels, each recorded in the history', async () => {
    const campaign = await stored('Conseil de quartier');
    const path = `/console/campagnes/${campaign.id}`;
    expect(await (await editor.get(path)).text()).toContain(`action="${path}/programmer"`);

    const scheduled = await editor.post(`${path}/programmer`);
    expect(scheduled.status).toBe(303);
    expect(scheduled.headers.get('location')).toBe(path);
    let html = await (await editor.get(path)).text();
    expect(html).toContain('Campagne programmée');
    expect(html).toContain('<span class="badge scheduled">programmée</span>');
    expect(html).toContain(`action="${path}/deprogrammer"`);
    expect(html).not.toContain(`action="${path}/programmer"`);

    expect((await editor.post(`${path}/deprogrammer`)).status).toBe(303);
    expect(await env.deps.store.campaigns.get(campaign.id)).toMatchObject({ status: 'draft' });

    expect((await editor.post(`${path}/annuler`)).status).toBe(303);
    html = await (await editor.get(path)).text();
    expect(html).toContain('<span class="badge cancelled">annulée</span>');
    expect(html).not.toContain('name="message.title"'); // read-only now
    expect(html).not.toContain('/annuler"');
    for (const action of ['Création', 'Programmation', 'Déprogrammation', 'Annulation']) expect(html).toContain(action);
  });

  it('says why a schedule is refused, on the campaign page', async () => {
    const campaign = await stored('Trop tard', { sendAt: '2026-11-25T11:30' }); // 10:30 UTC
    env.clock.set('2026-11-25T10:45:00.000Z');
    const html = await (await editor.get(`/console/campagnes/${campaign.id}`)).text();
    expect(html).toContain('Programmation impossible : l’heure d’envoi est passée');
    const refused = await editor.post(`/console/campagnes/${campaign.id}/programmer`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('La campagne n’a pas été programmée : l’heure d’envoi est passée');
  });

  it('corrects a draft whose send time has passed, without being asked for a new time, until it is scheduled', async () => {
    const campaign = await stored('Faute de frappe', { sendAt: '2026-11-25T11:30' }); // 10:30 UTC
    env.clock.set('2026-11-25T10:45:00.000Z');
    const path = `/console/campagnes/${campaign.id}`;
    const values = form({
      'message.title': 'Sans faute',
      version: '1',
      sendAt: '2026-11-25T11:30',
      channels: ['telegram'],
    });
    expect((await editor.post(path, values)).status).toBe(303);
    expect(await env.deps.store.campaigns.get(campaign.id)).toMatchObject({
      message: { title: 'Sans faute' },
      sendAt: campaign.sendAt,
    });
    const scheduled = await editor.post(path, { ...values, version: '2', intention: 'programmer' });
    expect(scheduled.status).toBe(400);
    expect(await scheduled.text()).toContain('Modifications enregistrées, mais la campagne n’est pas programmée');
  });

  it('edits a scheduled campaign, which stays scheduled', async () => {
    const campaign = await stored('À corriger', { channels: ['telegram', 'feeds'] });
    const path = `/console/campagnes/${campaign.id}`;
    await editor.post(`${path}/programmer`);
    const saved = await editor.post(
      path,
      form({ 'message.title': 'Corrigée', version: '2', sendAt: '2026-11-27T18:00' }),
    );
    expect(saved.status).toBe(303);
    expect(await env.deps.store.campaigns.get(campaign.id)).toMatchObject({
      status: 'scheduled',
      version: 3,
      message: { title: 'Corrigée' },
      demarcheSlug: 'plan-velo',
    });
  });

  it('says a colleague changed the campaign meanwhile, keeps the values and offers to reload', async () => {
    const campaign = await stored('Version 1');
    const path = `/console/campagnes/${campaign.id}`;
    await updateCampaign(env.deps, BOOTSTRAP_ADMIN, campaign.id, { message: { title: 'Version 2' } }, 1);
    const response = await editor.post(path, form({ 'message.title': 'Ma version', version: '1' }));
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('Un·e collègue a modifié cette campagne entre-temps');
    expect(html).toContain(`<a href="${path}">Recharger la version actuelle`);
    expect(html).toContain('value="Ma version"');
    expect(await env.deps.store.campaigns.get(campaign.id)).toMatchObject({ message: { title: 'Version 2' } });
  });
});

describe('a viewer', () => {
  it('sees the campaigns and their previews, without any write button or form', async () => {
    const campaign = await stored('Pour lecture');
    const list = await (await viewer.get('/console/campagnes')).text();
    expect(list).toContain('Pour lecture');
    expect(list).not.toContain('Nouvelle campagne');
    const html = await (await viewer.get(`/console/campagnes/${campaign.id}`)).text();
    expect(html).toContain('class="telegram-chat"');
    expect(html).not.toContain(`/console/campagnes/${campaign.id}/`); // no action form
    expect(html).not.toContain('name="intention"');
    expect(html).not.toContain('name="message.title"');
  });

  it('gets 403 when posting anyway', async () => {
    const campaign = await stored('Interdite');
    const path = `/console/campagnes/${campaign.id}`;
    for (const action of ['programmer', 'annuler', 'test', 'pause'])
      expect((await viewer.post(`${path}/${action}`)).status).toBe(403);
    expect((await viewer.post(path, form({ version: '1' }))).status).toBe(403);
    expect((await viewer.post('/console/campagnes/nouvelle', form())).status).toBe(403);
    expect((await viewer.get('/console/campagnes/nouvelle')).status).toBe(403);
    expect(await env.deps.store.campaigns.get(campaign.id)).toMatchObject({ status: 'draft', version: 1 });
  });
});

describe('the list', () => {
  it('filters by status, with the send time in Paris time', async () => {
    const campaign = await stored('Programmée pour le filtre');
    await editor.post(`/console/campagnes/${campaign.id}/programmer`);
    const html = await (await editor.get('/console/campagnes?etat=scheduled')).text();
    expect(html).toContain('<h1>Campagnes : programmée</h1>');
    expect(html).toContain('Programmée pour le filtre');
    expect(html).toContain('27 nov. 2026, 18:00');
    expect(html).not.toContain('Pour lecture');
    expect(html).toMatch(/href="\/console\/campagnes\?etat=scheduled" aria-current="page"/);
  });

  it('escapes what agents typed: a title with markup is text', async () => {
    const campaign = await stored('<img src=x onerror=alert(1)>');
    for (const path of ['/console/campagnes', `/console/campagnes/${campaign.id}`]) {
      const html = await (await editor.get(path)).text();
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<img src=x');
    }
  });
});
