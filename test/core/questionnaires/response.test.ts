import { describe, expect, it } from 'vitest';
import { type Questionnaire, QuestionnaireInput } from '#core/questionnaires/questionnaire';
import { checkAnswer, isComplete, nextUnanswered } from '#core/questionnaires/response';
import { tallyResponses } from '#core/questionnaires/results';

const q: Questionnaire = {
  ...QuestionnaireInput.parse({
    title: 'Q',
    opensAt: '2026-11-01T00:00:00Z',
    closesAt: '2026-12-01T00:00:00Z',
    nextSteps: 'Et après',
    questions: [
      {
        kind: 'single_choice',
        id: 's',
        prompt: 'S ?',
        options: [
          { id: 'a', label: 'A' },
          { id: 'b', label: 'B' },
        ],
      },
      {
        kind: 'multiple_choice',
        id: 'm',
        prompt: 'M ?',
        min: 1,
        max: 2,
        options: [
          { id: 'a', label: 'A' },
          { id: 'b', label: 'B' },
          { id: 'c', label: 'C' },
        ],
      },
      { kind: 'scale', id: 'e', prompt: 'E ?', min: 1, max: 5, minLabel: 'bas', maxLabel: 'haut' },
      { kind: 'yes_no', id: 'y', prompt: 'Y ?' },
      { kind: 'short_text', id: 't', prompt: 'T ?', maxLength: 10 },
    ],
  }),
  id: 'q1',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  version: 1,
};
const [s, m, e, y, t] = q.questions as [never, never, never, never, never];

describe('checkAnswer', () => {
  it('accepts each kind of valid answer', () => {
    expect(checkAnswer(s, ['a'])).toEqual(['a']);
    expect(checkAnswer(m, ['a', 'c'])).toEqual(['a', 'c']);
    expect(checkAnswer(e, 4)).toBe(4);
    expect(checkAnswer(y, false)).toBe(false);
    expect(checkAnswer(t, '  court  ')).toBe('court');
  });

  it('refuses each kind of invalid answer with its rule', () => {
    const rule = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as { violations: { rule: string }[] }).violations[0]?.rule;
      }
    };
    expect(rule(() => checkAnswer(s, ['z']))).toBe('one_known_option');
    expect(rule(() => checkAnswer(m, ['a', 'b', 'c']))).toBe('choice_count');
    expect(rule(() => checkAnswer(m, []))).toBe('choice_count');
    expect(rule(() => checkAnswer(e, 6))).toBe('scale_range');
    expect(rule(() => checkAnswer(y, 'oui'))).toBe('yes_or_no');
    expect(rule(() => checkAnswer(t, 'beaucoup trop long'))).toBe('text_max_length');
  });

  it('tracks completeness and the next question', () => {
    expect(nextUnanswered(q, { s: ['a'] })).toBe(1);
    expect(isComplete(q, { s: ['a'], m: ['a'], e: 3, y: true, t: 'x' })).toBe(true);
  });
});

describe('questionnaire rules', () => {
  it('refuses an empty option list, naming the field', () => {
    const r = QuestionnaireInput.safeParse({
      title: 'Q',
      opensAt: '2026-11-01T00:00:00Z',
      closesAt: '2026-12-01T00:00:00Z',
      nextSteps: 'x',
      questions: [{ kind: 'single_choice', id: 's', prompt: 'S ?', options: [] }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['questions', 0, 'options']);
  });

  it('refuses more than 10 questions and a closing before the opening', () => {
    const question = { kind: 'yes_no', id: 'y', prompt: 'Y ?' };
    const base = { title: 'Q', opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-01T00:00:00Z', nextSteps: 'x' };
    const eleven = Array.from({ length: 11 }, (_, i) => ({ ...question, id: `y${i}` }));
    expect(QuestionnaireInput.safeParse({ ...base, questions: eleven }).success).toBe(false);
    expect(
      QuestionnaireInput.safeParse({ ...base, closesAt: '2026-10-01T00:00:00Z', questions: [question] }).success,
    ).toBe(false);
  });
});

describe('results', () => {
  it('counts per option, scale mean and yes/no from the responses', () => {
    const r = (answers: Record<string, unknown>, complete = false) => ({
      questionnaireId: 'q1',
      subscriberId: Math.random().toString(),
      answers: answers as never,
      complete,
      createdAt: '',
      updatedAt: '',
      version: 1,
    });
    const results = tallyResponses(
      q,
      [r({ s: ['a'], m: ['a', 'b'], e: 4, y: true }, true), r({ s: ['a'], e: 2 })],
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(results.respondents).toBe(2);
    expect(results.complete).toBe(1);
    expect(results.phase).toBe('open');
    expect(results.questions[0]).toMatchObject({
      answered: 2,
      options: [
        { id: 'a', count: 2 },
        { id: 'b', count: 0 },
      ],
    });
    expect(results.questions[2]).toMatchObject({ mean: 3 });
    expect(results.questions[3]).toMatchObject({ yes: 1, no: 0 });
  });
});
