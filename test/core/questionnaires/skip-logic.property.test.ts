// Property-based: for any questionnaire whose skip logic the schema accepts, no path is a dead end
// and no question is unreachable. A citizen who answers whatever question comes next, with any
// valid answer, finishes in at most as many steps as there are questions with a complete response;
// and every question is shown by some set of answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Question,
  conditionValues,
  shownQuestions,
  skipLogicViolations,
} from '#core/questionnaires/questionnaire';
import { type Answer, isComplete, nextUnanswered } from '#core/questionnaires/response';

const KINDS = ['single_choice', 'multiple_choice', 'yes_no', 'scale', 'short_text', 'ranking'] as const;
const OPTION_IDS = ['a', 'b', 'c', 'd'];

/** A question of kind `kind` at position `i`; options a–c (a–d for a multiple choice). */
function questionOf(kind: (typeof KINDS)[number], i: number): Question {
  const id = `q${i}`;
  const prompt = `Question ${i + 1}`;
  const options = (n: number) => OPTION_IDS.slice(0, n).map((o) => ({ id: o, label: o.toUpperCase() }));
  switch (kind) {
    case 'single_choice':
    case 'ranking':
      return { kind, id, prompt, options: options(3) };
    case 'multiple_choice':
      return { kind, id, prompt, options: options(4), min: 1 };
    case 'yes_no':
      return { kind, id, prompt };
    case 'scale':
      return { kind, id, prompt, min: 1, max: 5, minLabel: 'bas', maxLabel: 'haut' };
    case 'short_text':
      return { kind, id, prompt, maxLength: 280 };
  }
}

/**
 * Questionnaires of 1–10 questions; each may carry a condition naming any question (earlier or not,
 * itself included, or none) and any values (known or not): the schema's rules must sort them out.
 */
const questionnaires = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      condition: fc.option(
        fc.record({
          on: fc.nat({ max: 10 }),
          anyOf: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'yes', 'no', 'z'), { minLength: 1, maxLength: 3 }),
        }),
        { nil: undefined },
      ),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((specs) =>
    specs.map(({ kind, condition }, i): Question => {
      const question = questionOf(kind, i);
      return condition ? { ...question, showIf: { questionId: `q${condition.on}`, anyOf: condition.anyOf } } : question;
    }),
  );
/** Mostly sound ones: each condition aims at an earlier question and picks among the values it offers. */
const aimed = fc
  .array(fc.record({ kind: fc.constantFrom(...KINDS), aim: fc.nat(), pick: fc.nat() }), { minLength: 1, maxLength: 10 })
  .map((specs) =>
    specs.map(({ kind, aim, pick }, i): Question => {
      const question = questionOf(kind, i);
      const candidates = specs
        .slice(0, i)
        .map((spec, j) => questionOf(spec.kind, j))
        .filter((q) => conditionValues(q));
      const on = candidates[aim % (candidates.length + 1)];
      if (!on) return question;
      const values = conditionValues(on)!;
      const anyOf = values.filter((_, v) => (pick >> v) & 1);
      return { ...question, showIf: { questionId: on.id, anyOf: anyOf.length > 0 ? anyOf : [values[0]!] } };
    }),
  );
const sound = fc.oneof(aimed, questionnaires).filter((questions) => skipLogicViolations(questions).length === 0);

/** Any valid answer to `question`, chosen by `pick` (a number from the property's run). */
function answerOf(question: Question, pick: number): Answer {
  switch (question.kind) {
    case 'single_choice':
      return [question.options[pick % question.options.length]!.id];
    case 'multiple_choice': {
      const chosen = question.options.filter((_, i) => (pick >> i) & 1).map((o) => o.id);
      return chosen.length > 0 ? chosen : [question.options[0]!.id];
    }
    case 'yes_no':
      return pick % 2 === 0;
    case 'scale':
      return question.min + (pick % (question.max - question.min + 1));
    case 'short_text':
      return 'Une réponse';
    case 'ranking':
      return pick % 2 === 0 ? question.options.map((o) => o.id) : question.options.map((o) => o.id).reverse();
  }
}

describe('skip logic the schema accepts', () => {
  it('is generated with conditions, chains included (the properties below are not vacuous)', () => {
    const samples = fc.sample(sound, { numRuns: 200, seed: 11 });
    const depth = (questions: Question[]) =>
      Math.max(
        ...questions.map((q) => {
          let n = 0;
          for (let c = q; c.showIf; n++) c = questions.find((x) => x.id === c.showIf!.questionId)!;
          return n;
        }),
      );
    expect(samples.filter((qs) => qs.some((q) => q.showIf)).length).toBeGreaterThan(100);
    expect(samples.some((qs) => depth(qs) >= 3)).toBe(true);
  });

  it('never leads to a dead end: answering what comes next always completes the response', () => {
    fc.assert(
      fc.property(sound, fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (questions, picks) => {
        const q = { questions };
        const answers: Record<string, Answer> = {};
        for (let step = 0; step < questions.length; step++) {
          const next = nextUnanswered(q, answers);
          if (next < 0) break;
          answers[questions[next]!.id] = answerOf(questions[next]!, picks[step]!);
        }
        expect(nextUnanswered(q, answers)).toBe(-1);
        expect(isComplete(q, answers)).toBe(true);
        // The first question is always asked, and whatever was answered was shown when it was.
        expect(shownQuestions(questions, answers)[0]).toBe(questions[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('makes every question reachable: answering each condition as it asks shows the question', () => {
    fc.assert(
      fc.property(sound, (questions) => {
        questions.forEach((target, index) => {
          // Walk the chain of conditions back from the target, answering each one as it asks.
          const answers: Record<string, Answer> = {};
          let current: Question | undefined = target;
          while (current?.showIf) {
            const showIf: { questionId: string; anyOf: string[] } = current.showIf;
            const on: Question = questions.find((x) => x.id === showIf.questionId)!;
            const value = showIf.anyOf[0]!;
            expect(conditionValues(on)).toContain(value);
            answers[on.id] = on.kind === 'yes_no' ? value === 'yes' : [value];
            current = on;
          }
          expect(shownQuestions(questions, answers), `question ${index + 1}`).toContain(target);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every condition that looks forward, at itself, or at a kind that cannot decide', () => {
    fc.assert(
      fc.property(questionnaires, (questions) => {
        const flagged = new Set(skipLogicViolations(questions).map((v) => v.index));
        questions.forEach((question, index) => {
          const showIf = question.showIf;
          if (!showIf) return expect(flagged.has(index)).toBe(false);
          const at = questions.findIndex((x) => x.id === showIf.questionId);
          const values = at >= 0 ? conditionValues(questions[at]!) : undefined;
          const ok = at >= 0 && at < index && values !== undefined && showIf.anyOf.every((v) => values.includes(v));
          expect(flagged.has(index)).toBe(!ok);
        });
      }),
      { numRuns: 300 },
    );
  });
});
