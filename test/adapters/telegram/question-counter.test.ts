// The skip-aware counter: what the answers so far make certain, and what they leave possible.
import { describe, expect, it } from 'vitest';
import { answeredOf, questionPosition } from '#adapters/telegram/question-counter';
import { Question } from '#core/questionnaires/questionnaire';

const questions = [
  { kind: 'yes_no', id: 'a', prompt: 'A ?' },
  { kind: 'yes_no', id: 'b', prompt: 'B ?', showIf: { questionId: 'a', anyOf: ['yes'] } },
  { kind: 'yes_no', id: 'c', prompt: 'C ?', showIf: { questionId: 'b', anyOf: ['no'] } },
  { kind: 'short_text', id: 'd', prompt: 'D ?' },
].map((q) => Question.parse(q));

describe('questionPosition', () => {
  it('counts a chain of conditions as possible until its answers are known', () => {
    expect(questionPosition(questions, {}, 0)).toEqual({ n: 1, min: 2, max: 4 });
    expect(questionPosition(questions, { a: true }, 1)).toEqual({ n: 2, min: 3, max: 4 });
    expect(questionPosition(questions, { a: true, b: false }, 2)).toEqual({ n: 3, min: 4, max: 4 });
    expect(questionPosition(questions, { a: true, b: true }, 3)).toEqual({ n: 3, min: 3, max: 3 });
    // « Non » to A hides B, and C with it, whatever was answered to them before.
    expect(questionPosition(questions, { a: false, b: false }, 3)).toEqual({ n: 2, min: 2, max: 2 });
  });

  it('counts the answers that count: those to questions still asked', () => {
    expect(answeredOf(questions, {})).toEqual({ answered: 0, min: 2, max: 4 });
    expect(answeredOf(questions, { a: false, b: false, c: true })).toEqual({ answered: 1, min: 2, max: 2 });
    expect(answeredOf(questions, { a: true, b: false, c: true, d: 'x' })).toEqual({ answered: 4, min: 4, max: 4 });
  });
});
