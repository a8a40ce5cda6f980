// The questionnaire model's skip logic and ranking kind: every rule that keeps a path from being a
// dead end, which questions a set of answers shows (chains included), what counts in the results.
import { describe, expect, it } from 'vitest';
import {
  type Questionnaire,
  QuestionnaireInput,
  questionCountRange,
  shownQuestions,
} from '#core/questionnaires/questionnaire';
import { type Answer, checkAnswer, countedAnswers, isComplete, nextUnanswered } from '#core/questionnaires/response';
import { tallyResponses } from '#core/questionnaires/results';

const options = (...ids: string[]) => ids.map((id) => ({ id, label: id.toUpperCase() }));

/** « Comment venez-vous ? » → (vélo) « Où garez-vous votre vélo ? » → (rue) « Assez d’arceaux ? », then a ranking. */
type Draft = Record<string, unknown> & { showIf?: { questionId: string; anyOf: string[] } };
const QUESTIONS: Draft[] = [
  { kind: 'single_choice', id: 'mode', prompt: 'Comment venez-vous ?', options: options('velo', 'bus', 'auto') },
  {
    kind: 'single_choice',
    id: 'garage',
    prompt: 'Où garez-vous votre vélo ?',
    options: options('rue', 'cour'),
    showIf: { questionId: 'mode', anyOf: ['velo'] },
  },
  { kind: 'yes_no', id: 'arceaux', prompt: 'Assez d’arceaux ?', showIf: { questionId: 'garage', anyOf: ['rue'] } },
  {
    kind: 'short_text',
    id: 'pourquoi',
    prompt: 'Pourquoi pas ?',
    showIf: { questionId: 'arceaux', anyOf: ['no'] },
  },
  { kind: 'ranking', id: 'priorites', prompt: 'Vos priorités ?', options: options('pistes', 'bus', 'trottoirs') },
];

const input = (questions: unknown[]) => ({
  title: 'Déplacements',
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-12-01T00:00:00Z',
  nextSteps: 'Synthèse en janvier',
  questions,
});

const q: Questionnaire = {
  ...QuestionnaireInput.parse(input(QUESTIONS)),
  id: 'q1',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  version: 1,
};

const violations = (questions: unknown[]) => {
  const parsed = QuestionnaireInput.safeParse(input(questions));
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    path: i.path.join('.'),
    rule: (i as { params?: { rule?: string } }).params?.rule,
    message: i.message,
  }));
};

const ids = (answers: Record<string, Answer>) => shownQuestions(q.questions, answers).map((x) => x.id);

describe('skip logic: the schema refuses every condition that could make a dead end', () => {
  it('accepts conditions on earlier choice and yes/no questions naming answers they offer', () => {
    expect(violations(QUESTIONS)).toEqual([]);
  });

  it('refuses a condition on a later question, on itself and on an unknown question (show_if_earlier_question)', () => {
    const later = structuredClone(QUESTIONS);
    later[1]!.showIf = { questionId: 'arceaux', anyOf: ['yes'] };
    expect(violations(later)).toMatchObject([{ path: 'questions.1.showIf', rule: 'show_if_earlier_question' }]);
    expect(violations(later)[0]!.message).toMatch(/^questions\.1\.showIf : .*question 3 .*posée après/);
    const unknown = structuredClone(QUESTIONS);
    unknown[1]!.showIf = { questionId: 'nulle', anyOf: ['velo'] };
    expect(violations(unknown)).toMatchObject([{ rule: 'show_if_earlier_question' }]);
    expect(violations(unknown)[0]!.message).toContain('aucune question « nulle »');
    const first = structuredClone(QUESTIONS);
    first[0]!.showIf = { questionId: 'mode', anyOf: ['velo'] };
    expect(violations(first)).toMatchObject([{ path: 'questions.0.showIf', rule: 'show_if_earlier_question' }]);
  });

  it('refuses a condition on a scale, a written answer or a ranking (show_if_choice_question)', () => {
    for (const on of ['pourquoi', 'priorites']) {
      const questions: Draft[] = [...structuredClone(QUESTIONS), { kind: 'yes_no', id: 'fin', prompt: 'Fin ?' }];
      questions[5]!.showIf = { questionId: on, anyOf: ['x'] };
      expect(violations(questions), on).toMatchObject([
        { path: 'questions.5.showIf', rule: 'show_if_choice_question' },
      ]);
    }
  });

  it('refuses an answer the question does not offer, and an empty list of answers', () => {
    const unknown = structuredClone(QUESTIONS);
    unknown[2]!.showIf = { questionId: 'garage', anyOf: ['rue', 'toit'] };
    expect(violations(unknown)).toMatchObject([{ path: 'questions.2.showIf', rule: 'show_if_known_answer' }]);
    expect(violations(unknown)[0]!.message).toContain('toit');
    const yesNo = structuredClone(QUESTIONS);
    yesNo[3]!.showIf = { questionId: 'arceaux', anyOf: ['peut-etre'] };
    expect(violations(yesNo)).toMatchObject([{ rule: 'show_if_known_answer' }]);
    const empty = structuredClone(QUESTIONS);
    empty[1]!.showIf = { questionId: 'mode', anyOf: [] };
    expect(violations(empty)).toMatchObject([{ path: 'questions.1.showIf.anyOf' }]);
    expect(violations(empty)[0]!.message).toContain('au moins une réponse');
  });
});

describe('shownQuestions, completeness and counting', () => {
  it('shows a chain only while every link holds', () => {
    expect(ids({})).toEqual(['mode', 'priorites']);
    expect(ids({ mode: ['bus'] })).toEqual(['mode', 'priorites']);
    expect(ids({ mode: ['velo'] })).toEqual(['mode', 'garage', 'priorites']);
    expect(ids({ mode: ['velo'], garage: ['rue'], arceaux: false })).toEqual([
      'mode',
      'garage',
      'arceaux',
      'pourquoi',
      'priorites',
    ]);
    // The chain breaks at its first link: the stale answers further down show nothing.
    expect(ids({ mode: ['bus'], garage: ['rue'], arceaux: false })).toEqual(['mode', 'priorites']);
  });

  it('says how many questions a citizen may be asked', () => {
    expect(questionCountRange(q.questions)).toEqual({ min: 2, max: 5 });
  });

  it('completes a response on its own path and points at the next shown question', () => {
    expect(nextUnanswered(q, { mode: ['velo'] })).toBe(1);
    expect(nextUnanswered(q, { mode: ['bus'] })).toBe(4);
    expect(isComplete(q, { mode: ['bus'], priorites: ['bus', 'pistes', 'trottoirs'] })).toBe(true);
    expect(isComplete(q, { mode: ['velo'], priorites: ['bus', 'pistes', 'trottoirs'] })).toBe(false);
  });

  it('keeps hidden answers out of what counts, without deleting them', () => {
    const answers = { mode: ['bus'], garage: ['rue'], arceaux: false, priorites: ['pistes', 'bus', 'trottoirs'] };
    expect(countedAnswers(q, answers)).toEqual({ mode: ['bus'], priorites: ['pistes', 'bus', 'trottoirs'] });
    expect(answers.garage).toEqual(['rue']);
  });
});

describe('ranking', () => {
  const ranking = q.questions[4]!;
  const rule = (answer: Answer) => {
    try {
      checkAnswer(ranking, answer);
      return 'ok';
    } catch (err) {
      return (err as { violations: { rule: string }[] }).violations[0]?.rule;
    }
  };

  it('accepts every option once, best first, and refuses partial, repeated or foreign orders', () => {
    expect(rule(['trottoirs', 'pistes', 'bus'])).toBe('ok');
    expect(rule(['pistes', 'bus'])).toBe('full_ranking');
    expect(rule(['pistes', 'bus', 'bus'])).toBe('full_ranking');
    expect(rule(['pistes', 'bus', 'metro'])).toBe('full_ranking');
    expect(rule(3)).toBe('full_ranking');
  });

  it('takes 3 to 5 options', () => {
    const withOptions = (n: number) => [
      { kind: 'ranking', id: 'r', prompt: 'R ?', options: options(...'abcdef'.slice(0, n).split('')) },
    ];
    expect(violations(withOptions(2))[0]?.message).toContain('3 à 5 options');
    expect(violations(withOptions(6))[0]?.message).toContain('3 à 5 options');
    expect(violations(withOptions(5))).toEqual([]);
  });
});

describe('tallyResponses with skip logic and a ranking', () => {
  const response = (subscriberId: string, answers: Record<string, Answer>) => ({
    questionnaireId: 'q1',
    subscriberId,
    answers,
    complete: isComplete(q, answers),
    createdAt: '2026-11-02T00:00:00Z',
    updatedAt: '2026-11-02T00:00:00Z',
    version: 1,
  });
  const results = tallyResponses(
    q,
    [
      response('a', { mode: ['velo'], garage: ['rue'], arceaux: true, priorites: ['pistes', 'bus', 'trottoirs'] }),
      response('b', { mode: ['velo'], garage: ['cour'], priorites: ['pistes', 'trottoirs', 'bus'] }),
      // Was on the bike path, then changed to the bus: the garage and arceaux answers no longer count.
      response('c', { mode: ['bus'], garage: ['rue'], arceaux: false, priorites: ['bus', 'pistes', 'trottoirs'] }),
    ],
    new Date('2026-11-10T00:00:00Z'),
  );
  const result = (id: string) => results.questions.find((r) => r.questionId === id)!;

  it('counts a conditional question over those it was shown to, and says how many they were', () => {
    expect(result('mode')).not.toHaveProperty('shownTo');
    expect(result('garage')).toMatchObject({ answered: 2, shownTo: 2 });
    expect(result('garage')).toMatchObject({
      options: [
        { id: 'rue', count: 1 },
        { id: 'cour', count: 1 },
      ],
    });
    expect(result('arceaux')).toMatchObject({ answered: 1, shownTo: 1, yes: 1, no: 0 });
    expect(result('pourquoi')).toMatchObject({ answered: 0, shownTo: 0 });
  });

  it('gives each ranked option its mean rank and how often it came first', () => {
    expect(result('priorites')).toMatchObject({
      kind: 'ranking',
      answered: 3,
      options: [
        { id: 'pistes', meanRank: 1.33, first: 2 },
        { id: 'bus', meanRank: 2, first: 1 },
        { id: 'trottoirs', meanRank: 2.67, first: 0 },
      ],
    });
  });
});
