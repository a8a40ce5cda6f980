// The console end to end in headless Chromium (issue #7, « Tested in a real browser »), against the
// real local runtime (embedded store, ticker, Telegram simulator): the admin creates an agent; the
// agent writes a démarche, a questionnaire of all five kinds and a campaign to a theme's followers,
// previews it, sends a test to their linked chat, schedules it, watches it reach « envoyée » while
// simulated citizens answer, reads the results, exports the CSV and signs out. Axe on every page.
/* eslint-disable no-restricted-properties -- the local runtime under test runs on the system clock: times typed in the forms are real; it is waited for with vi.waitFor and expect.poll, never timed */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '#config';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';
import { toDateTimeLocal } from '#handlers/http/console/ui/format';
import { useBrowser } from '../support/browser-hooks';
import { expectUsable, signInBrowser } from '../support/console-browser';

const ADMIN = 'pv_e2e-console-admin-token-0123456789';
const AGENT_CHAT = 900;
const TITLE = 'Plan vélo : votre avis';
/** How far the runtime's clock is ahead of the system's: « maintenant » means in a minute, skipped. */
let ahead = 0;
const clock = { now: () => new Date(Date.now() + ahead) };
let runtime: LocalRuntime;
let dataDir: string;

interface ChatMessage {
  message_id: number;
  from: 'bot' | 'user';
  text?: string;
  reply_markup?: { inline_keyboard: { text: string }[][] };
}

async function simulator(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${runtime.url}/simulator/chats/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, path).toBe(200);
}
const says = (chat: number, text: string) =>
  simulator(`${chat}/messages`, { text, from: { first_name: `Citoyen ${chat}`, language_code: 'fr' } });
const presses = (chat: number, message_id: number, text: string) => simulator(`${chat}/press`, { message_id, text });
const chatOf = async (chat: number): Promise<ChatMessage[]> =>
  (await fetch(`${runtime.url}/simulator/chats/${chat}/messages`)).json() as Promise<ChatMessage[]>;
/** The campaign's button: five questions, about two minutes (campaign-message.ts's estimate). */
const ANSWER = 'Répondre (5 questions, 2 min)';
const keysOf = (m: ChatMessage) => m.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];
/** The bot's last message in `chat` that has a button labelled `key`. */
async function withKey(chat: number, key: string): Promise<ChatMessage> {
  const found = (await chatOf(chat)).filter((m) => m.from === 'bot' && keysOf(m).includes(key)).at(-1);
  if (!found) throw new Error(`chat ${chat}: no message with the button « ${key} »`);
  return found;
}

/** A citizen subscribes, then follows `theme` (a label of the bot's theme page) or nothing. */
async function subscribe(chat: number, theme?: string) {
  await says(chat, '/start');
  await presses(chat, (await withKey(chat, 'J’accepte')).message_id, 'J’accepte');
  if (!theme) return;
  const menu = await withKey(chat, '🏷️ Thèmes');
  await presses(chat, menu.message_id, '🏷️ Thèmes'); // the menu is edited in place
  await presses(chat, menu.message_id, theme);
  await presses(chat, (await withKey(chat, `✅ ${theme}`)).message_id, '↩️ Retour');
  await presses(chat, menu.message_id, '✔️ Terminé');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-journey-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'SILENT' });
  runtime = await startLocalRuntime(config, { inMemory: true, demoData: false, dispatchEveryMs: 200, clock });
});
afterAll(async () => {
  await runtime?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Every page the journey shows is checked by axe and for sideways scrolling, on arrival. */
async function visit(page: Page, path: string) {
  const response = await page.goto(`${runtime.url}${path}`);
  expect(response?.status(), path).toBe(200);
  await expectUsable(page);
}
/**
 * Clicks a button whose form leads to a new page (a POST answered or redirected, maybe to the same
 * address: hence waiting for the new document's load, not for a URL), checks it is at `then` (a path
 * or a pattern of one), then checks that page.
 */
async function submit(page: Page, name: string, then: string | RegExp) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
  const path = new URL(page.url()).pathname;
  if (typeof then === 'string' ? path !== then : !then.test(path)) {
    // The form was refused: say why, from the page's error summary, not only that the URL is wrong.
    const errors = await page.locator('.error-summary, .error').allTextContents();
    throw new Error(`${name}: on ${path}, not ${String(then)}: ${errors.join(' | ')}`);
  }
  await expectUsable(page);
}
const notice = (page: Page) => page.getByRole('status').first().textContent();
const paris = (minutesFromNow: number) =>
  toDateTimeLocal(new Date(clock.now().getTime() + minutesFromNow * 60_000).toISOString());

describe('the console, from sign-in to the CSV, in a real browser', () => {
  const session = useBrowser();

  it('an agent runs a whole campaign through the console', async () => {
    const { page } = session;
    const server = { url: runtime.url, adminToken: ADMIN };
    // The console refuses a POST from another origin than its public URL: the browser uses that one.
    expect(runtime.deps.publicUrl).toBe(runtime.url);

    // 1. Three citizens subscribe; two follow « Mobilités », the third « Environnement ».
    await subscribe(101, 'Mobilités');
    await subscribe(102, 'Mobilités');
    await subscribe(103, 'Environnement et nature en ville');

    // 2. The admin creates an editor, reads its token once, signs out; the agent signs in.
    await signInBrowser(page, server);
    await expectUsable(page);
    await visit(page, '/console/agents');
    await page.getByLabel('Nom de l’agent').fill('Camille Rédactrice');
    await submit(page, 'Créer l’agent et son jeton', '/console/agents');
    const token = await page.locator('#jeton-nouveau').inputValue();
    expect(token).toMatch(/^pv_/);
    await submit(page, 'Se déconnecter', '/console/connexion');
    await signInBrowser(page, server, token);
    await expectUsable(page);

    // 3a. A démarche with two steps.
    await visit(page, '/console/demarches/nouvelle');
    await page.getByLabel('Identifiant (slug)').fill('plan-velo');
    await page.getByLabel('Titre', { exact: true }).fill('Plan vélo de Rezé');
    await page.getByLabel('Résumé').fill('Rezé prépare son plan vélo.');
    await page.getByLabel('Page de la démarche sur la plateforme de participation').fill('https://example.org/velo');
    await page.locator('input[name="themes"][value="mobilites"]').check();
    await page.locator('input[name="territories"][value="reze"]').check();
    const steps = [
      ['Consultation', 'Carte participative', paris(-60), paris(60 * 24 * 20)],
      ['Atelier', 'Atelier de restitution', paris(60 * 24 * 30), ''],
    ] as const;
    for (const [i, [kind, title, start, end]] of steps.entries()) {
      await page.locator(`#champ-steps-${i}-kind`).selectOption({ label: kind });
      await page.locator(`#champ-steps-${i}-title`).fill(title);
      await page.locator(`#champ-steps-${i}-start`).fill(start);
      if (end) await page.locator(`#champ-steps-${i}-end`).fill(end);
    }
    await submit(page, 'Créer la démarche', '/console/demarches/plan-velo');
    expect(await notice(page)).toContain('Démarche « Plan vélo de Rezé » créée');
    expect(await page.locator('#champ-steps-1-title').inputValue()).toBe('Atelier de restitution');

    // 3b. A questionnaire with all five kinds, open now.
    await visit(page, '/console/questionnaires/nouveau');
    await page.getByLabel('Titre', { exact: true }).fill('Le vélo à Rezé');
    await page.getByLabel('Démarche liée (facultative)').selectOption({ label: 'Plan vélo de Rezé' });
    await page.getByLabel('Ouverture (heure de Paris)').fill(paris(-2));
    await page.getByLabel('Clôture (heure de Paris)').fill(paris(60 * 24));
    const questions: { kind: string; prompt: string; fields?: Record<string, string> }[] = [
      { kind: 'Choix unique', prompt: 'Qu’est-ce qui vous freine ?', fields: { options: 'L’insécurité\nLa météo' } },
      {
        kind: 'Choix multiple',
        prompt: 'Que faudrait-il ?',
        fields: { options: 'Des pistes\nDes arceaux\nDes ateliers', min: '1', max: '2' },
      },
      {
        kind: 'Échelle',
        prompt: 'Votre note du réseau ?',
        fields: { min: '1', max: '5', minLabel: 'Mauvais', maxLabel: 'Excellent' },
      },
      { kind: 'Oui / non', prompt: 'À vélo chaque semaine ?' },
      { kind: 'Texte court', prompt: 'Une idée ?', fields: { maxLength: '80' } },
    ];
    for (const [i, q] of questions.entries()) {
      if (i > 0) await submit(page, 'Ajouter une question', '/console/questionnaires/nouveau'); // one more question
      await page.locator(`#champ-questions-${i}-kind`).selectOption({ label: q.kind });
      await page.locator(`#champ-questions-${i}-prompt`).fill(q.prompt);
      for (const [field, value] of Object.entries(q.fields ?? {}))
        await page.locator(`#champ-questions-${i}-${field}`).fill(value);
    }
    await page.getByLabel('« Et après ? »').fill('Vos réponses seront présentées à l’atelier.');
    await submit(page, 'Créer le questionnaire', /^\/console\/questionnaires\/(?!nouveau$)[\w-]+$/);
    expect(await notice(page)).toContain('Questionnaire « Le vélo à Rezé » créé');
    const questionnaireId = new URL(page.url()).pathname.split('/').at(-1)!;

    // 3c + 4. A campaign to the followers of « Mobilités », previewed as it is typed.
    await visit(page, '/console/campagnes/nouvelle');
    await page.getByLabel('Titre', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Texte', { exact: true })
      .fill('La carte participative est ouverte : dites-nous ce qui manque.');
    await page.getByLabel('Lien (https://…)').fill('https://example.org/velo');
    await page.getByLabel('X', { exact: true }).check();
    await page.getByLabel('Démarche concernée (facultatif)').selectOption({ label: 'Plan vélo de Rezé' });
    await page.getByLabel('Questionnaire (facultatif)').selectOption({ label: 'Le vélo à Rezé (ouvert)' });
    await page.getByLabel('Les abonné·es qui suivent…').check();
    await page.locator('input[name="audience.themes"][value="mobilites"]').check();
    await page.getByLabel('Maintenant (dans une minute)').check();
    const bubbleKeys = page.locator('#apercu .keyboard .key');
    await expect.poll(() => bubbleKeys.allTextContents(), { timeout: 15_000 }).toEqual([ANSWER]);
    await expect
      .poll(() => page.locator('#apercu').textContent(), { timeout: 15_000 })
      .toContain('2 abonné·es Telegram actif·ves');
    await expectUsable(page);

    const schedule = page.locator('button[value="programmer"]');
    await page.getByLabel('Texte différent pour X (facultatif)').fill('Un texte bien trop long pour X. '.repeat(10));
    await expect
      .poll(() => page.locator('#programmation-impossible').textContent(), { timeout: 15_000 })
      .toMatch(/compte 3\d\d caractères pondérés sur 280/);
    expect(await schedule.isDisabled()).toBe(true);
    await expectUsable(page);
    await page.getByLabel('Texte différent pour X (facultatif)').fill('Plan vélo : donnez votre avis !');
    await expect.poll(() => page.locator('#programmation-impossible').count(), { timeout: 15_000 }).toBe(0);
    expect(await schedule.isDisabled()).toBe(false);
    await submit(page, 'Enregistrer le brouillon', /^\/console\/campagnes\/(?!nouvelle$)[\w-]+$/);
    expect(await notice(page)).toBe('Brouillon enregistré');
    const campaignPath = new URL(page.url()).pathname;

    // 5. The agent links their own chat with the code « Mon compte » gives, and sends a test there.
    await visit(page, '/console/compte');
    await submit(page, 'Lier mon chat Telegram', '/console/compte/telegram');
    const command = await page.getByLabel('Commande à envoyer au bot').inputValue();
    expect(command).toMatch(/^\/lier [A-Z0-9]{8}$/);
    await says(AGENT_CHAT, command);
    await expect.poll(async () => (await chatOf(AGENT_CHAT)).at(-1)?.text).toContain('Camille Rédactrice');
    await visit(page, campaignPath);
    await submit(page, 'M’envoyer un test sur Telegram', campaignPath);
    expect(await notice(page)).toBe('Test envoyé à votre chat Telegram');
    const test = (await chatOf(AGENT_CHAT)).filter((m) => m.from === 'bot').at(-1)!;
    expect(test.text).toContain(`[TEST] ${TITLE}`);
    expect(keysOf(test)).toEqual([ANSWER]);

    // 6. Scheduled « maintenant »; the sending page follows it by itself while two citizens answer.
    await page.getByLabel('Maintenant (dans une minute)').check();
    await submit(page, 'Enregistrer et programmer', campaignPath);
    expect(await notice(page)).toBe('Modifications enregistrées, campagne programmée');
    await visit(page, `${campaignPath}/envoi`);
    ahead += 61_000; // the minute « maintenant » leaves, skipped on the runtime's clock
    for (const [chat, answer] of [
      [101, 'L’insécurité'],
      [102, 'La météo'],
    ] as const) {
      // A short announcement; « Répondre » opens question 1 on its own message.
      const received = await vi.waitFor(() => withKey(chat, ANSWER), { timeout: 30_000, interval: 200 });
      expect(received.text).toContain(TITLE);
      await presses(chat, received.message_id, ANSWER);
      await presses(chat, (await withKey(chat, answer)).message_id, answer);
    }
    const status = page.locator('#avancement .badge');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('envoyée');
    const telegramRow = page.getByRole('row', { name: /Telegram \(messages\)/ });
    expect(await telegramRow.locator('td').allTextContents()).toEqual(['2', '0', '0', '0', '0']);
    expect(
      await page
        .getByRole('row', { name: /X \(publication\)/ })
        .locator('td')
        .first()
        .textContent(),
    ).toBe('1');
    await expectUsable(page);
    expect((await chatOf(103)).some((m) => m.text?.includes(TITLE))).toBe(false);

    // 7. The results, and the CSV downloaded from its link.
    await visit(page, `/console/questionnaires/${questionnaireId}/resultats`);
    const firstTable = page.getByRole('table', { name: /Question 1 : réponses par option/ });
    expect(
      await firstTable
        .getByRole('row', { name: /L’insécurité/ })
        .locator('td')
        .first()
        .textContent(),
    ).toBe('1');
    expect(
      await firstTable
        .getByRole('row', { name: /La météo/ })
        .locator('td')
        .first()
        .textContent(),
    ).toBe('1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger les réponses \(CSV/ }).click(),
    ]);
    const rows = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/Qu’est-ce qui vous freine/);

    // 8. Signed out: the console asks for a token again.
    await submit(page, 'Se déconnecter', '/console/connexion');
    expect(await notice(page)).toBe('Vous êtes déconnecté·e.');
    await page.goto(`${runtime.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/connexion');
  }, 300_000); // one journey through ~20 pages, each checked by axe: ~60 s idle, 180 s seen at load 12 on two cores
});
