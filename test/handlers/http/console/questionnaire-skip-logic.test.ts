// The builder's ranking kind and « Afficher seulement si… » (skip logic) over HTTP: a ranking
// created and shown, a condition ticked and stored, shown in words in the preview and on the frozen
// questionnaire, and the refusals (answers of two questions, a condition on a later question) next
// to the question, with nothing saved.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getQuestionnaire } from '#core/questionnaires/use-cases';
import { type ConsoleClient, type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-skip-logic-pages';
let env: ConsoleTestEnv;
let editor: ConsoleClient;

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
});
afterAll(() => env.close());
beforeEach(async () => {
  env.clock.set('2026-11-25T10:00:00.000Z');
  editor = consoleClient(env.app);
  await editor.signIn(ADMIN_TOKEN);
});

type Form = Record<string, string | string[]>;

const question = (i: number, fields: Form): Form =>
  Object.fromEntries(
    Object.entries({ id: '', position: String(i + 1), options: '', min: '', max: '', maxLength: '', ...fields }).map(
      ([k, v]) => [`questions.${i}.${k}`, v],
    ),
  );

const form = (overrides: Form = {}): Form => ({
  title: 'Venir au marché',
  intro: '',
  demarcheSlug: '',
  opensAt: '2026-12-01T09:00',
  closesAt: '2026-12-20T18:00',
  resultsPolicy: 'public_after_close',
  nextSteps: 'Une synthèse en janvier.',
  ...question(0, { kind: 'single_choice', prompt: 'Comment venez-vous ?', options: 'À pied\nÀ vélo\nEn tram' }),
  ...question(1, { kind: 'yes_no', prompt: 'Trouvez-vous où garer votre vélo ?' }),
  ...question(2, { kind: 'ranking', prompt: 'Vos priorités ?', options: 'Des arceaux\nDes bancs\nDe l’ombre' }),
  action: 'enregistrer',
  ...overrides,
});

async function created(): Promise<string> {
  const response = await editor.post('/console/questionnaires/nouveau', form());
  expect(response.status).toBe(303);
  return response.headers.get('location')!.split('/').pop()!;
}

/** The form of a saved questionnaire as the builder would post it back, ids included. */
async function savedForm(id: string, overrides: Form = {}): Promise<Form> {
  const stored = await getQuestionnaire(env.deps, id);
  return form({
    version: String(stored.version),
    ...Object.fromEntries(stored.questions.map((q, i) => [`questions.${i}.id`, q.id])),
    ...overrides,
  });
}

describe('ranking in the builder', () => {
  it('creates a ranking of 3 options and gives it back to edit', async () => {
    const id = await created();
    const stored = await getQuestionnaire(env.deps, id);
    expect(stored.questions[2]).toMatchObject({
      kind: 'ranking',
      options: [{ label: 'Des arceaux' }, { label: 'Des bancs' }, { label: 'De l’ombre' }],
    });
    const page = await (await editor.get(`/console/questionnaires/${id}`)).text();
    expect(page).toMatch(/<option value="ranking" selected="">Classement/);
    expect(page).toContain('Des arceaux\nDes bancs\nDe l’ombre');
  });

  it('refuses a ranking of 2 options next to the question, saving nothing', async () => {
    const response = await editor.post(
      '/console/questionnaires/nouveau',
      form({ 'questions.2.options': 'Des arceaux\nDes bancs', title: 'Classement trop court' }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Question 3, option : un classement porte sur 3 à 5 options');
  });
});

describe('« Afficher seulement si… »', () => {
  it('offers the earlier saved choice questions’ answers, stores the condition and says it in the preview', async () => {
    const id = await created();
    const stored = await getQuestionnaire(env.deps, id);
    const [mode, garer] = stored.questions as unknown as [{ id: string; options: { id: string }[] }, { id: string }];
    const velo = mode.options[1]!.id;

    const page = await (await editor.get(`/console/questionnaires/${id}`)).text();
    expect(page).toContain('Afficher seulement si…');
    expect(page).toContain(`name="questions.1.showIf" value="${mode.id}:${velo}"`);
    // Question 3 may depend on question 1 or 2 (yes/no), never on itself.
    expect(page).toContain(`name="questions.2.showIf" value="${garer.id}:no"`);
    expect(page).not.toContain(`name="questions.0.showIf" value="${mode.id}`);

    const saved = await editor.post(
      `/console/questionnaires/${id}`,
      await savedForm(id, {
        'questions.1.showIf': `${mode.id}:${velo}`,
        'questions.2.showIf': [`${garer.id}:no`],
      }),
    );
    expect(saved.status).toBe(303);
    const after = await getQuestionnaire(env.deps, id);
    expect(after.questions[1]!.showIf).toEqual({ questionId: mode.id, anyOf: [velo] });
    expect(after.questions[2]!.showIf).toEqual({ questionId: garer.id, anyOf: ['no'] });

    const edited = await (await editor.get(`/console/questionnaires/${id}`)).text();
    expect(edited).toContain(`value="${mode.id}:${velo}" checked=""`);
    expect(edited).toContain(
      'Posée seulement si la réponse à la question 1 (« Comment venez-vous ? ») est « À vélo ».',
    );
    expect(edited).toContain('De 1 à 3 questions selon les réponses');
    const list = await (await editor.get('/console/questionnaires')).text();
    expect(list).toMatch(new RegExp(`${id}[\\s\\S]*?<td class="num">1 à 3</td>`));

    // The live preview knows the stored option ids: no false refusal, the condition in words.
    const live = await editor.post(
      '/console/questionnaires/apercu',
      await savedForm(id, {
        questionnaireId: id,
        'questions.1.showIf': `${mode.id}:${velo}`,
      }),
    );
    const fragment = await live.text();
    expect(fragment).toContain('Posée seulement si la réponse à la question 1');
    expect(fragment).not.toContain('à corriger');

    // Once open, the questions are frozen and the condition is still said.
    env.clock.set('2026-12-02T10:00:00.000Z');
    editor = consoleClient(env.app);
    await editor.signIn(ADMIN_TOKEN);
    const frozen = await (await editor.get(`/console/questionnaires/${id}`)).text();
    expect(frozen).toContain('ses questions ne peuvent plus changer');
    expect(frozen).toContain(
      'Posée seulement si la réponse à la question 2 (« Trouvez-vous où garer votre vélo ? ») est « Non ».',
    );
  });

  it('refuses answers of two questions, and a condition on a later question, saving nothing', async () => {
    const id = await created();
    const stored = await getQuestionnaire(env.deps, id);
    const [mode, garer] = stored.questions as unknown as [{ id: string; options: { id: string }[] }, { id: string }];
    const velo = mode.options[1]!.id;

    const two = await editor.post(
      `/console/questionnaires/${id}`,
      await savedForm(id, { 'questions.2.showIf': [`${mode.id}:${velo}`, `${garer.id}:no`] }),
    );
    expect(two.status).toBe(400);
    expect(await two.text()).toContain('Question 3, condition : cochez les réponses d’une seule question');

    // Question 2 moved first: its condition now names a question asked after it.
    const later = await editor.post(
      `/console/questionnaires/${id}`,
      await savedForm(id, {
        'questions.1.showIf': `${mode.id}:${velo}`,
        'questions.0.position': '2',
        'questions.1.position': '1',
      }),
    );
    expect(later.status).toBe(400);
    const html = await later.text();
    expect(html).toContain(
      'Question 1, condition « Afficher seulement si… » : la condition porte sur la question 2 (« Comment venez-vous ? »), posée après celle-ci',
    );
    // The ticked answer stays in the form, ticked: nothing the agent chose is silently dropped.
    expect(html).toContain(`value="${mode.id}:${velo}" checked=""`);
    expect((await getQuestionnaire(env.deps, id)).version).toBe(stored.version);
  });
});

describe('results of a ranking and a conditional question', () => {
  it('shows the options by mean rank and to how many the conditional question was put', async () => {
    const id = await created();
    const stored = await getQuestionnaire(env.deps, id);
    const [mode, garer, envies] = stored.questions as unknown as [
      { id: string; options: { id: string }[] },
      { id: string },
      { id: string; options: { id: string }[] },
    ];
    await editor.post(
      `/console/questionnaires/${id}`,
      await savedForm(id, { 'questions.1.showIf': `${mode.id}:${mode.options[1]!.id}` }),
    );
    env.clock.set('2026-12-05T10:00:00.000Z');
    const [arceaux, bancs, ombre] = envies.options.map((o) => o.id) as [string, string, string];
    const respond = (subscriberId: string, answers: Record<string, unknown>) =>
      env.deps.store.responses.save(
        {
          questionnaireId: id,
          subscriberId,
          answers: answers as never,
          complete: true,
          createdAt: '2026-12-04T10:00:00.000Z',
          updatedAt: '2026-12-04T10:00:00.000Z',
          version: 1,
        },
        undefined,
      );
    await respond('a', { [mode.id]: [mode.options[1]!.id], [garer.id]: true, [envies.id]: [ombre, arceaux, bancs] });
    await respond('b', { [mode.id]: [mode.options[0]!.id], [garer.id]: false, [envies.id]: [ombre, bancs, arceaux] });
    editor = consoleClient(env.app);
    await editor.signIn(ADMIN_TOKEN);
    const html = await (await editor.get(`/console/questionnaires/${id}/resultats`)).text();
    expect(html).toContain('Question conditionnelle : posée à 1 personne selon leurs réponses précédentes');
    expect(html).toContain('Question 3 : options par rang moyen');
    expect(html.indexOf('<th scope="row">De l’ombre</th>')).toBeLessThan(
      html.indexOf('<th scope="row">Des arceaux</th>'),
    );
    expect(html).toMatch(/<th scope="row">De l’ombre<\/th><td class="num">1<\/td><td class="num">2 \(100\s%\)<\/td>/);
  });
});
