// Skip logic and the ranking kind through the admin API: a questionnaire with conditions and a
// ranking created, read back and counted; every unsound condition refused with its rule and path,
// on creation and on a patch, writing nothing; the OpenAPI document describes both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { createHttpApp } from '#handlers/http/app';
import { startHttpDeps } from '../../support/http-deps';

const ADMIN = 'pv_bootstrap-token-for-skip-logic-tests';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof adminApi>;

// Bodies are checked field by field below; `any` keeps the assertions readable.
type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> };
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  (await app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${ADMIN}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })) as JsonResponse;

const QUESTIONS = [
  {
    kind: 'single_choice',
    id: 'mode',
    prompt: 'Comment venez-vous ?',
    options: [
      { id: 'velo', label: 'À vélo' },
      { id: 'bus', label: 'En bus' },
    ],
  },
  { kind: 'yes_no', id: 'garer', prompt: 'Où garer ?', showIf: { questionId: 'mode', anyOf: ['velo'] } },
  {
    kind: 'ranking',
    id: 'envies',
    prompt: 'Vos envies ?',
    options: [
      { id: 'arceaux', label: 'Des arceaux' },
      { id: 'abris', label: 'Des abris' },
      { id: 'pistes', label: 'Des pistes' },
    ],
  },
];
const questionnaire = (questions: unknown[] = QUESTIONS) => ({
  title: 'Venir à vélo',
  opensAt: '2026-11-20T00:00:00Z',
  closesAt: '2026-12-20T00:00:00Z',
  nextSteps: 'Présenté à l’atelier.',
  questions,
});

beforeAll(async () => {
  env = await startHttpDeps('2026-11-10T10:00:00.000Z');
  app = adminApi(env.deps, { bootstrapTokenHash: hashToken(ADMIN) });
});
afterAll(() => env.close());

describe('admin API: skip logic and ranking', () => {
  it('creates a questionnaire with a condition and a ranking, and counts them', async () => {
    const res = await call('POST', '/api/v1/questionnaires', questionnaire());
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.questions[1].showIf).toEqual({ questionId: 'mode', anyOf: ['velo'] });
    expect(created.questions[2].kind).toBe('ranking');

    const response = (subscriberId: string, answers: Record<string, unknown>) =>
      env.deps.store.responses.save(
        {
          questionnaireId: created.id,
          subscriberId,
          answers: answers as never,
          complete: true,
          createdAt: '2026-11-21T10:00:00.000Z',
          updatedAt: '2026-11-21T10:00:00.000Z',
          version: 1,
        },
        undefined,
      );
    await response('a', { mode: ['velo'], garer: true, envies: ['pistes', 'abris', 'arceaux'] });
    await response('b', { mode: ['bus'], garer: false, envies: ['abris', 'pistes', 'arceaux'] });
    const results = await (await call('GET', `/api/v1/questionnaires/${created.id}/results`)).json();
    expect(results.questions[1]).toMatchObject({ answered: 1, shownTo: 1, yes: 1, no: 0 });
    expect(results.questions[2].options).toEqual([
      { id: 'arceaux', label: 'Des arceaux', meanRank: 3, first: 0 },
      { id: 'abris', label: 'Des abris', meanRank: 1.5, first: 1 },
      { id: 'pistes', label: 'Des pistes', meanRank: 1.5, first: 1 },
    ]);
    const csv = await (await call('GET', `/api/v1/questionnaires/${created.id}/responses.csv`)).text();
    expect(csv).toContain('b;oui;2026-11-21T10:00:00.000Z;En bus;;Des abris | Des pistes | Des arceaux');
  });

  it('refuses each unsound condition with its rule and path, writing nothing', async () => {
    const before = (await env.deps.store.questionnaires.list()).items.length;
    const withCondition = (index: number, showIf: unknown) =>
      QUESTIONS.map((q, i) => (i === index ? { ...q, showIf } : i === 1 ? { ...q, showIf: undefined } : q));
    const cases = [
      [withCondition(0, { questionId: 'garer', anyOf: ['yes'] }), 'questions.0.showIf', 'show_if_earlier_question'],
      [withCondition(1, { questionId: 'nulle', anyOf: ['yes'] }), 'questions.1.showIf', 'show_if_earlier_question'],
      [
        [
          ...QUESTIONS,
          { kind: 'yes_no', id: 'fin', prompt: 'Fin ?', showIf: { questionId: 'envies', anyOf: ['abris'] } },
        ],
        'questions.3.showIf',
        'show_if_choice_question',
      ],
      [withCondition(1, { questionId: 'mode', anyOf: ['tram'] }), 'questions.1.showIf', 'show_if_known_answer'],
      [withCondition(1, { questionId: 'mode', anyOf: [] }), 'questions.1.showIf.anyOf', 'too_small'],
    ] as const;
    for (const [questions, field, rule] of cases) {
      const res = await call('POST', '/api/v1/questionnaires', questionnaire([...questions]));
      expect(res.status, rule).toBe(400);
      const { error } = await res.json();
      expect(error.violations, rule).toEqual([expect.objectContaining({ field, rule })]);
    }
    expect((await env.deps.store.questionnaires.list()).items).toHaveLength(before);
  });

  it('refuses a patch that would make a dead end, and keeps the questionnaire as it was', async () => {
    const created = await (await call('POST', '/api/v1/questionnaires', questionnaire())).json();
    const swapped = [QUESTIONS[1], QUESTIONS[0], QUESTIONS[2]];
    const res = await call(
      'PATCH',
      `/api/v1/questionnaires/${created.id}`,
      { questions: swapped },
      { 'If-Match': '"1"' },
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.violations[0]).toMatchObject({ field: 'questions.0.showIf', rule: 'show_if_earlier_question' });
    expect(error.violations[0].message).toContain('la question 2 (« Comment venez-vous ? »), posée après celle-ci');
    expect((await env.deps.store.questionnaires.get(created.id))?.version).toBe(1);
  });

  it('describes showIf and the ranking kind in the OpenAPI document', async () => {
    const doc = (await (await createHttpApp(env.deps).request('/api/openapi.json')).json()) as any;
    const text = JSON.stringify(doc.components.schemas.QuestionnaireInput);
    expect(text).toContain('"ranking"');
    expect(text).toContain('showIf');
    expect(text).toContain('Réponses qui font apparaître la question');
    expect(JSON.stringify(doc.components.schemas.QuestionnaireResults)).toContain('shownTo');
  });
});
