// Rendering of questions and the callback_data contract shared by the bot and the delivery path.
import { describe, expect, it } from 'vitest';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import {
  CALLBACK_DATA_MAX_BYTES,
  CALLBACK_DATA_TARGET_BYTES,
  type QuestionCallback,
  answerOf,
  describeAnswer,
  decodeCallback,
  encodeCallback,
  renderQuestion,
  selectionOf,
} from '#adapters/telegram/question-message';

const id16 = 'Q'.repeat(16);
const questionnaire = Questionnaire.parse({
  id: 'qn_abcdefghij',
  title: 'Le parc & la Loire <2026>',
  intro: 'Trois minutes pour donner votre avis.',
  questions: [
    {
      kind: 'single_choice',
      id: 'usage',
      prompt: 'Vous y allez…',
      options: [
        { id: 'a', label: 'Souvent' },
        { id: 'b', label: 'Parfois' },
      ],
    },
    {
      kind: 'multiple_choice',
      id: 'envies',
      prompt: 'Vos envies ?',
      min: 1,
      max: 2,
      options: Array.from({ length: 10 }, (_, i) => ({ id: `opt${i}`.padEnd(12, 'x'), label: `Option ${i}` })),
    },
    { kind: 'scale', id: 'note', prompt: 'Votre note', min: 0, max: 10, minLabel: 'nul', maxLabel: 'parfait' },
    { kind: 'yes_no', id: 'revenir', prompt: 'Reviendrez-vous ?' },
    { kind: 'short_text', id: 'mot', prompt: 'Un mot ?', maxLength: 20 },
  ],
  opensAt: '2026-11-01T00:00:00Z',
  closesAt: '2026-12-01T17:00:00Z',
  nextSteps: 'Synthèse en janvier.',
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-01T00:00:00Z',
  version: 1,
});

const allData = (q: ReturnType<typeof renderQuestion>) =>
  q.reply_markup.inline_keyboard.flat().map((b) => b.callback_data);

describe('callback_data', () => {
  it('stays within 64 bytes in the largest case (16-character ids, 10 options, full mask)', () => {
    const worst: QuestionCallback[] = [
      { kind: 'submit', questionnaireId: id16, questionId: id16, mask: 1023 },
      { kind: 'toggle', questionnaireId: id16, questionId: id16, mask: 1023 },
      { kind: 'choose', questionnaireId: id16, questionId: id16, value: 10 },
      { kind: 'write', questionnaireId: id16, questionId: id16 },
      { kind: 'open', questionnaireId: id16 },
    ];
    for (const action of worst) {
      const data = encodeCallback(action);
      expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
      expect(decodeCallback(data)).toEqual(action);
    }
    // 10 options with 12-character ids, as rendered: every button fits.
    const many = {
      ...questionnaire,
      id: 'x'.repeat(12),
      questions: questionnaire.questions.map((q) => ({ ...q, id: q.id.padEnd(12, 'y') })),
    };
    for (let i = 0; i < many.questions.length; i++)
      for (const data of allData(renderQuestion(many, i, { language: 'fr' })))
        expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  });

  it('refuses malformed or forged data', () => {
    for (const data of [
      '',
      'a',
      'a:qn',
      'a:qn:q',
      'a:qn:q:x',
      'a:qn:q:123',
      't:qn:q:zzzz',
      'z:qn:q:1',
      'o:qn:q',
      'w:qn',
      'a:q n:q:1',
      `a:${'Q'.repeat(17)}:q:1`,
      'v:qn:q:1:2',
    ])
      expect(decodeCallback(data), data).toBeUndefined();
  });

  it('turns a press into an answer only when it fits the question', () => {
    const [single, multiple, scale, yesNo, text] = questionnaire.questions;
    const ids = { questionnaireId: questionnaire.id };
    expect(answerOf(single!, { kind: 'choose', ...ids, questionId: 'usage', value: 1 })).toEqual(['b']);
    expect(answerOf(single!, { kind: 'choose', ...ids, questionId: 'usage', value: 2 })).toBeUndefined();
    expect(answerOf(multiple!, { kind: 'submit', ...ids, questionId: 'envies', mask: 0b101 })).toEqual([
      'opt0xxxxxxxx',
      'opt2xxxxxxxx',
    ]);
    expect(selectionOf(single!, 0b100)).toBeUndefined();
    expect(answerOf(scale!, { kind: 'choose', ...ids, questionId: 'note', value: 7 })).toBe(7);
    expect(answerOf(yesNo!, { kind: 'choose', ...ids, questionId: 'revenir', value: 0 })).toBe(false);
    expect(answerOf(yesNo!, { kind: 'choose', ...ids, questionId: 'revenir', value: 2 })).toBeUndefined();
    expect(answerOf(text!, { kind: 'choose', ...ids, questionId: 'mot', value: 1 })).toBeUndefined();
  });
});

describe('renderQuestion', () => {
  it('says where the citizen is, escapes HTML and marks the recorded answer', () => {
    const q = renderQuestion(questionnaire, 1, { language: 'fr', answer: ['opt1xxxxxxxx'] });
    expect(q.parse_mode).toBe('HTML');
    expect(q.text).toContain('Question 2 sur 5');
    expect(q.text).toContain('Le parc &amp; la Loire &lt;2026&gt;');
    expect(q.text).toContain('✅ Votre réponse : Option 1');
    expect(q.text).toContain('1er décembre 2026 à 18:00');
    const labels = q.reply_markup.inline_keyboard.flat().map((b) => b.text);
    expect(labels[1]).toBe('☑ Option 1');
    expect(labels.at(-1)).toBe('Valider (1)');
  });

  it('renders the scale in two rows with labelled ends, yes/no side by side, in English too', () => {
    const scale = renderQuestion(questionnaire, 2, { language: 'en', answer: 4 });
    expect(scale.reply_markup.inline_keyboard.map((r) => r.length)).toEqual([6, 5]);
    expect(scale.text).toContain('Question 3 of 5');
    expect(scale.text).toContain('From 0 (nul) to 10 (parfait)');
    expect(scale.reply_markup.inline_keyboard[0]![4]!.text).toBe('✅ 4');
    const yesNo = renderQuestion(questionnaire, 3, { language: 'fr' });
    expect(yesNo.reply_markup.inline_keyboard[0]!.map((b) => b.text)).toEqual(['Oui', 'Non']);
  });
});

describe('ranking and skip logic (#11)', () => {
  const ranked = Questionnaire.parse({
    id: 'qRank',
    title: 'Priorités',
    questions: [
      { kind: 'yes_no', id: 'velo', prompt: 'Avez-vous un vélo ?' },
      {
        kind: 'ranking',
        id: 'prio',
        prompt: 'Classez vos priorités',
        showIf: { questionId: 'velo', anyOf: ['yes'] },
        options: [
          { id: 'pistes', label: 'Pistes' },
          { id: 'parcs', label: 'Parcs à vélo' },
          { id: 'ateliers', label: 'Ateliers' },
        ],
      },
      { kind: 'short_text', id: 'mot', prompt: 'Un mot ?', maxLength: 50 },
    ],
    opensAt: '2026-11-01T00:00:00Z',
    closesAt: '2026-12-01T17:00:00Z',
    nextSteps: 'Synthèse en janvier.',
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    version: 1,
  });
  const [, ranking] = ranked.questions;
  const labels = (q: ReturnType<typeof renderQuestion>) => q.reply_markup.inline_keyboard.flat().map((b) => b.text);

  it('counts the questions a citizen will be asked: a range while a condition is pending, exact once known', () => {
    expect(renderQuestion(ranked, 0, { language: 'fr' }).text).toContain('Question 1 sur 2 à 3');
    expect(renderQuestion(ranked, 0, { language: 'en' }).text).toContain('Question 1 of 2 to 3');
    expect(renderQuestion(ranked, 1, { language: 'fr', answers: { velo: true } }).text).toContain('Question 2 sur 3');
    expect(renderQuestion(ranked, 2, { language: 'fr', answers: { velo: false } }).text).toContain('Question 2 sur 2');
    expect(renderQuestion(ranked, 2, { language: 'en', answers: { velo: true } }).text).toContain('Question 3 of 3');
  });

  it('draws a ranking as options to tap in order, the order so far in words, and « Recommencer »', () => {
    const fresh = renderQuestion(ranked, 1, { language: 'fr', answers: { velo: true } });
    expect(fresh.text).toContain('Classez les 3 options');
    expect(labels(fresh)).toEqual(['Pistes', 'Parcs à vélo', 'Ateliers']);
    const second = fresh.reply_markup.inline_keyboard[1]![0]!.callback_data;
    expect(decodeCallback(second)).toEqual({ kind: 'rank', questionnaireId: 'qRank', questionId: 'prio', order: [1] });

    const halfway = renderQuestion(ranked, 1, { language: 'fr', order: [1] });
    expect(labels(halfway)).toEqual(['Pistes', '1. Parcs à vélo', 'Ateliers', '↩️ Recommencer le classement']);
    const data = allData(halfway);
    expect(data.map((d) => decodeCallback(d))).toEqual([
      { kind: 'rank', questionnaireId: 'qRank', questionId: 'prio', order: [1, 0] },
      { kind: 'rank', questionnaireId: 'qRank', questionId: 'prio', order: [1] },
      { kind: 'rank', questionnaireId: 'qRank', questionId: 'prio', order: [1, 2] },
      { kind: 'rank', questionnaireId: 'qRank', questionId: 'prio', order: [] },
    ]);

    const done = renderQuestion(ranked, 1, { language: 'en', answer: ['ateliers', 'pistes', 'parcs'] });
    expect(done.text).toContain('Your answer: 1. Ateliers, 2. Pistes, 3. Parcs à vélo');
    expect(labels(done)).toEqual(['2. Pistes', '3. Parcs à vélo', '1. Ateliers', '↩️ Start the ranking again']);
    expect(describeAnswer(ranking!, ['parcs', 'ateliers', 'pistes'], 'fr')).toBe(
      '1. Parcs à vélo, 2. Ateliers, 3. Pistes',
    );
  });

  it('turns only a full, known order into an answer, and refuses malformed orders', () => {
    const ids = { questionnaireId: 'qRank', questionId: 'prio' };
    expect(answerOf(ranking!, { kind: 'rank', ...ids, order: [2, 0, 1] })).toEqual(['ateliers', 'pistes', 'parcs']);
    expect(answerOf(ranking!, { kind: 'rank', ...ids, order: [2, 0] })).toBeUndefined();
    expect(answerOf(ranking!, { kind: 'rank', ...ids, order: [2, 0, 4] })).toBeUndefined();
    for (const data of ['qr:q:p:11', 'qr:q:p:5', 'qr:q:p:012345', 'qr:q', 'qv:q:p', 'qs:q', 'qs:q:p:1', 'qr:q:p:a'])
      expect(decodeCallback(data), data).toBeUndefined();
    expect(decodeCallback('qv:q')).toEqual({ kind: 'review', questionnaireId: 'q' });
    expect(decodeCallback('qs:q:p')).toEqual({ kind: 'show', questionnaireId: 'q', questionId: 'p' });
  });

  it('keeps every questionnaire button within 48 bytes with 16-character ids', () => {
    const worst: QuestionCallback[] = [
      { kind: 'rank', questionnaireId: id16, questionId: id16, order: [4, 3, 2, 1, 0] },
      { kind: 'review', questionnaireId: id16 },
      { kind: 'show', questionnaireId: id16, questionId: id16 },
      { kind: 'submit', questionnaireId: id16, questionId: id16, mask: 1023 },
      { kind: 'choose', questionnaireId: id16, questionId: id16, value: 10 },
    ];
    for (const action of worst) {
      const data = encodeCallback(action);
      expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(CALLBACK_DATA_TARGET_BYTES);
      expect(decodeCallback(data)).toEqual(action);
    }
  });
});
