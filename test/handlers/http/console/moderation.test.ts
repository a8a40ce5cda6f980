// Moderation in the console, at the HTTP level: the overview and the home's count, the queue by
// tab with masked texts (originals for editors only), approve with a redaction and a category,
// reject with a common or own reason, a refused decision given back on its text, the preview
// without script and as the script's fragment, a colleague's decision meanwhile, and the journal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { REDACTED, textHash } from '#core/moderation/decision';
import { MASKS } from '#core/moderation/masking';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-moderation-tests';
const PHONE_TEXT = 'Rappelez Jean Dupont au 06 12 34 56 78 pour les bancs';
let env: ConsoleTestEnv;
let questionnaire: Questionnaire;
let tokens: { editor: string; viewer: string };
let queue = '';

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  questionnaire = await createQuestionnaire(env.deps, BOOTSTRAP_ADMIN, {
    title: 'Le square <b>Mercœur</b>',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Présenté au conseil de quartier.',
    questions: [{ kind: 'short_text', id: 'idee', prompt: 'Une idée pour le square ?' }],
  });
  await createQuestionnaire(env.deps, BOOTSTRAP_ADMIN, {
    title: 'Sans texte libre',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Rien.',
    questions: [{ kind: 'yes_no', id: 'oui', prompt: 'Oui ?' }],
  });
  const texts = [PHONE_TEXT, 'Plus de bancs', 'Plus de bancs', '<script>alert(1)</script> des arbres'];
  for (const [i, text] of texts.entries())
    await env.deps.store.responses.save(
      {
        questionnaireId: questionnaire.id,
        subscriberId: `p${i}`,
        answers: { idee: text },
        complete: true,
        createdAt: '2026-11-21T08:00:00.000Z',
        updatedAt: `2026-11-2${i + 1}T08:00:00.000Z`,
        version: 1,
      },
      undefined,
    );
  const made = async (role: 'editor' | 'viewer') =>
    (await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: `Agent ${role}`, role })).token;
  tokens = { editor: await made('editor'), viewer: await made('viewer') };
  queue = `/console/questionnaires/${questionnaire.id}/moderation`;
});
afterAll(() => env.close());

const signedIn = async (token: string) => {
  const browser = consoleClient(env.app);
  await browser.signIn(token);
  return browser;
};
const target = (text: string) => ({ questionId: 'idee', textHash: textHash(text), statut: 'a-moderer' });

describe('overview and home', () => {
  it('lists the questionnaires with written answers and how many texts wait, and the home counts them', async () => {
    const browser = await signedIn(tokens.viewer);
    const html = await (await browser.get('/console/moderation')).text();
    expect(html).toContain('<a href="/console/moderation" aria-current="page">Modération</a>');
    expect(html).toContain(`<a href="${queue}">Le square &lt;b&gt;Mercœur&lt;/b&gt;</a>`);
    expect(html).not.toContain('Sans texte libre');
    expect(html).toContain('3 textes attendent une décision.');
    const home = await (await browser.get('/console')).text();
    expect(home).toMatch(/<strong>3 textes<\/strong> attendent une décision,\s*dans 1 questionnaire\./);
  });
});

describe('the queue', () => {
  it('shows editors each distinct text masked, with the original behind a disclosure and both forms', async () => {
    const html = await (await (await signedIn(tokens.editor)).get(queue)).text();
    expect(html).toContain('<a href="' + queue + '" aria-current="page">À modérer (3)</a>');
    expect(html).toContain(`Rappelez Jean Dupont au ${MASKS.phone} pour les bancs`);
    expect(html).toContain('Masqué automatiquement : 1 numéro de téléphone.');
    expect(html).toContain('<summary>Texte original (réservé aux agents, jamais publié)</summary>');
    expect(html).toContain(PHONE_TEXT);
    expect(html).toContain('2 personnes l’ont écrit');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; des arbres');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Approuver ce texte');
    expect(html).toContain('Rejeter ce texte');
  });

  it('shows viewers the masked texts only, read-only', async () => {
    const browser = await signedIn(tokens.viewer);
    const html = await (await browser.get(queue)).text();
    expect(html).toContain(`Rappelez Jean Dupont au ${MASKS.phone}`);
    expect(html).not.toContain('06 12 34 56 78');
    expect(html).not.toContain('Texte original');
    expect(html).not.toContain('<form method="post" action="' + queue);
    expect((await browser.post(queue, { ...target('Plus de bancs'), intent: 'approve' })).status).toBe(403);
  });

  it('answers an unknown questionnaire with a French 404', async () => {
    const response = await (await signedIn(tokens.viewer)).get('/console/questionnaires/inconnu/moderation');
    expect(response.status).toBe(404);
  });
});

describe('decisions', () => {
  it('previews the published text without script, then approves it with a redaction and a category', async () => {
    const browser = await signedIn(tokens.editor);
    const form = { ...target(PHONE_TEXT), redactions: 'Jean Dupont', category: 'Mobilier', version: '' };
    const preview = await browser.post(queue, { ...form, intent: 'preview' });
    expect(preview.status).toBe(200);
    const published = `Rappelez ${REDACTED} au ${MASKS.phone} pour les bancs`;
    expect(await preview.text()).toContain(`<blockquote class="short-text">${published}</blockquote>`);

    const fragment = await browser.post(`${queue}/apercu`, form, { 'x-console-fragment': '1' });
    expect(await fragment.text()).toContain(published);

    const approved = await browser.post(queue, { ...form, intent: 'approve' });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(queue);
    const html = await (await browser.get(approved.headers.get('location')!)).text();
    expect(html).toContain('Texte approuvé : il pourra être publié');
    expect(html).toContain('À modérer (2)');
    const tab = await (await browser.get(`${queue}?statut=approuves`)).text();
    expect(tab).toContain(published);
    expect(tab).toMatch(/Approuvé par Agent editor le .* — catégorie : « Mobilier » — 1 passage retiré/);
  });

  it('gives a refused decision back on its text: a reason is needed, a passage must be in the masked text', async () => {
    const browser = await signedIn(tokens.editor);
    const noReason = await browser.post(queue, { ...target('Plus de bancs'), intent: 'reject', version: '' });
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(html).toContain('La décision n’a pas été enregistrée');
    expect(html).toContain('indiquez pourquoi ce texte est rejeté');
    const missing = await browser.post(queue, {
      ...target('Plus de bancs'),
      intent: 'approve',
      redactions: 'des arbres',
      version: '',
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(
      /le passage « des arbres » ne figure pas dans le texte masqué[^<]*<\/p>\s*<textarea[^>]*>des arbres</,
    );
  });

  it('rejects with a common reason or the agent’s own words, and changes a decision later', async () => {
    const browser = await signedIn(tokens.editor);
    const own = await browser.post(queue, {
      ...target('<script>alert(1)</script> des arbres'),
      intent: 'reject',
      reason: 'autre',
      reasonOther: 'Code dans le texte',
      version: '',
    });
    expect(own.status).toBe(303);
    const common = await browser.post(queue, {
      ...target('Plus de bancs'),
      intent: 'reject',
      reason: 'Hors sujet',
      version: '',
    });
    expect(common.status).toBe(303);
    const rejected = await (await browser.get(`${queue}?statut=rejetes`)).text();
    expect(rejected).toContain('raison : Code dans le texte');
    expect(rejected).toContain('raison : Hors sujet');
    expect(rejected).toContain('<summary>Changer la décision</summary>');

    // Undo: approve it from the version read; a second agent acting on the stale version is told.
    const approve = { ...target('Plus de bancs'), statut: 'rejetes', intent: 'approve', version: '1' };
    expect((await browser.post(queue, approve)).status).toBe(303);
    const stale = await browser.post(queue, { ...approve, intent: 'reject', reason: 'Hors sujet' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Un·e collègue a décidé entre-temps sur ce texte');
  });

  it('records each decision in the journal, without the citizen’s words', async () => {
    const html = await (await (await signedIn(tokens.editor)).get('/console/journal?action=moderation.')).text();
    expect(html).toContain('a approuvé un texte écrit en réponse au questionnaire');
    expect(html).toContain('a rejeté un texte écrit en réponse au questionnaire');
    expect(html).not.toContain('06 12 34 56 78');
    expect(html).not.toContain('Jean Dupont');
  });
});
