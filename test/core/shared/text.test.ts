// Invisible characters are refused in every text agents and citizens type; line breaks only where
// the text is one line. Properties over any text, then each entity's fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgentInput } from '#core/agents/agent';
import { CampaignInput } from '#core/campaigns/campaign';
import { DemarcheInput } from '#core/demarches/demarche';
import { QuestionnaireInput } from '#core/questionnaires/questionnaire';
import { checkAnswer } from '#core/questionnaires/response';
import { violationsOf } from '#core/shared/parse';
import { HttpUrl } from '#core/shared/schema';
import { MultiLineText, SingleLineText, forbiddenCharacter } from '#core/shared/text';

const CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\r'.includes(c)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
];
const NONCHARACTERS = ['\uFFFE', '\uFFFF', '\uFDD0', '\uFDEF', '\u{1FFFE}', '\u{10FFFF}'];
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];
const FORBIDDEN = [...CONTROLS, ...NONCHARACTERS, ...LONE_SURROGATES];
const LINE_BREAKS = ['\t', '\n', '\r', '\u2028', '\u2029'];

/** Text people type: letters of any script, emoji, punctuation, spaces; nothing invisible. */
const readable = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .filter((s) => forbiddenCharacter(s, false) === undefined && s.trim() === s && s.length > 0);

describe('forbidden characters', () => {
  it('accepts any readable text, unchanged, on one line or many', () => {
    fc.assert(
      fc.property(readable, (text) => {
        expect(SingleLineText(200).parse(text)).toBe(text);
        expect(MultiLineText(200).parse(text)).toBe(text);
      }),
    );
  });

  it('refuses a text with any control character, noncharacter or lone surrogate, and says where', () => {
    fc.assert(
      fc.property(readable, fc.constantFrom(...FORBIDDEN), readable, (before, bad, after) => {
        for (const schema of [SingleLineText(200), MultiLineText(200)]) {
          const parsed = schema.safeParse(before + bad + after);
          expect(parsed.success).toBe(false);
          const [violation] = violationsOf(parsed.error!);
          expect(violation?.rule).toBe('no_control_characters');
          const code = bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
          expect(violation?.message).toBe(
            `Caractère invisible interdit (U+${code}) en position ${[...before].length + 1} : retirez-le`,
          );
        }
      }),
    );
  });

  it('keeps tabs and line breaks in multi-line text, and refuses them in one-line text', () => {
    fc.assert(
      fc.property(readable, fc.constantFrom(...LINE_BREAKS), readable, (before, brk, after) => {
        const text = `${before}${brk}${after}`;
        expect(MultiLineText(200).parse(text)).toBe(text);
        const parsed = SingleLineText(200).safeParse(text);
        expect(parsed.success).toBe(false);
        expect(violationsOf(parsed.error!)[0]).toMatchObject({
          rule: 'no_control_characters',
          message: expect.stringMatching(
            /^Une seule ligne attendue : (retour à la ligne|tabulation|fin de paragraphe) en position \d+$/,
          ),
        });
      }),
    );
  });

  it('counts a pair of surrogates as one character, and accepts it', () => {
    expect(forbiddenCharacter('🚲\u0000', true)).toEqual({ position: 2, name: 'U+0000', lineBreak: false });
    expect(forbiddenCharacter('🚲 vélo', false)).toBeUndefined();
  });
});

describe('text fields of what agents write', () => {
  const NUL = 'a\u0000b';
  const fields = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, input: unknown) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? [] : violationsOf(parsed.error as never).map((v) => `${v.field} ${v.rule}`);
  };
  const step = { id: 's1', kind: 'workshop', title: 'Atelier', start: '2026-12-01T18:00' };
  const demarche = {
    slug: 'plan-velo',
    title: 'Plan',
    summary: 'Résumé',
    link: 'https://exemple.fr/plan',
    territories: ['nantes'],
    steps: [step],
  };

  it('refuses them in a démarche, its steps and its links', () => {
    expect(fields(DemarcheInput, { ...demarche, title: NUL, summary: NUL, steps: [{ ...step, title: NUL }] })).toEqual([
      'title no_control_characters',
      'summary no_control_characters',
      'steps.0.title no_control_characters',
    ]);
    expect(fields(DemarcheInput, { ...demarche, summary: 'Ligne 1\n\tLigne 2' })).toEqual([]);
    expect(fields(DemarcheInput, { ...demarche, title: 'Ligne 1\nLigne 2' })).toEqual(['title no_control_characters']);
    expect(HttpUrl.safeParse('https://exemple.fr/\u0000x').success).toBe(false);
  });

  it('refuses them in a questionnaire, its questions and its options', () => {
    const choice = {
      kind: 'single_choice',
      id: 'c',
      prompt: NUL,
      options: [
        { id: 'a', label: NUL },
        { id: 'b', label: 'Non' },
      ],
    };
    const scale = { kind: 'scale', id: 'n', prompt: 'Note', minLabel: NUL, maxLabel: 'top' };
    const input = {
      title: NUL,
      intro: NUL,
      questions: [choice, scale],
      opensAt: '2026-12-01T09:00',
      closesAt: '2026-12-15T09:00',
      nextSteps: NUL,
    };
    expect(fields(QuestionnaireInput, input)).toEqual([
      'title no_control_characters',
      'intro no_control_characters',
      'questions.0.prompt no_control_characters',
      'questions.0.options.0.label no_control_characters',
      'questions.1.minLabel no_control_characters',
      'nextSteps no_control_characters',
    ]);
  });

  it('refuses them in a campaign’s message and X text, and in an agent’s name', () => {
    const input = {
      message: { title: NUL, text: NUL, link: 'https://exemple.fr' },
      channels: ['x'],
      sendAt: '2026-12-01T09:00',
      xText: '\uFFFE',
    };
    expect(fields(CampaignInput, input)).toEqual([
      'message.title no_control_characters',
      'message.text no_control_characters',
      'xText no_control_characters',
    ]);
    expect(fields(AgentInput, { name: 'Ana\u0085', role: 'editor' })).toEqual(['name no_control_characters']);
  });
});

describe('a citizen’s written answer', () => {
  const question = { kind: 'short_text', id: 'why', prompt: 'Pourquoi ?', maxLength: 280 } as const;

  it('keeps their line breaks and refuses what is invisible, naming the rule', () => {
    expect(checkAnswer(question, '  Parce que\nc’est loin  ')).toBe('Parce que\nc’est loin');
    expect(() => checkAnswer(question, 'Parce\u0000que')).toThrow(
      expect.objectContaining({
        violations: [
          {
            field: 'answers.why',
            rule: 'no_control_characters',
            message: 'votre réponse contient un caractère invisible (U+0000, en position 6) : retirez-le',
          },
        ],
      }),
    );
  });
});
