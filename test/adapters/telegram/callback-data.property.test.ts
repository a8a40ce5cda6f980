// Property-based: every questionnaire button the bot draws carries callback_data within 48 bytes (Telegram allows 64)
// that decodes back to what it was drawn for, for every question kind, ids up to their maximum
// length (16) and every selection; the follow menu's data likewise for slugs up to 80 characters;
// and no data a forger sends can crash a decoder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFollowPage,
  decodeFollowToggle,
  demarcheHash,
  renderFollowPage,
} from '#adapters/telegram/bot/follow-menu';
import { catalog } from '#adapters/telegram/messages/catalog';
import {
  CALLBACK_DATA_MAX_BYTES,
  CALLBACK_DATA_TARGET_BYTES,
  type QuestionCallback,
  answerOf,
  decodeCallback,
  encodeCallback,
  maskOf,
  openQuestionnaireButton,
  renderCompletion,
  renderQuestion,
} from '#adapters/telegram/question-message';
import { Demarche } from '#core/demarches/demarche';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import { checkAnswer } from '#core/questionnaires/response';
import { Subscriber, emptyFollows } from '#core/subscribers/subscriber';

const bytes = (data: string) => Buffer.byteLength(data, 'utf8');
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('');
/** A ShortId: 1–16 of [A-Za-z0-9_-], biased towards the longest. */
const shortId = fc.oneof(
  fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 16, maxLength: 16 }),
  fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 16 }),
);
const label = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0);

const optionsOf = (n: number) =>
  fc
    .uniqueArray(shortId, { minLength: n, maxLength: n })
    .chain((ids) => fc.tuple(...ids.map(() => label)).map((labels) => ids.map((id, i) => ({ id, label: labels[i]! }))));

const question: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ kind: fc.constant('yes_no'), id: shortId, prompt: label }),
  fc.record({ kind: fc.constant('short_text'), id: shortId, prompt: label }),
  fc
    .integer({ min: 2, max: 10 })
    .chain((n) => fc.record({ kind: fc.constant('single_choice'), id: shortId, prompt: label, options: optionsOf(n) })),
  fc.integer({ min: 2, max: 10 }).chain((n) =>
    fc.record({
      kind: fc.constant('multiple_choice'),
      id: shortId,
      prompt: label,
      options: optionsOf(n),
      min: fc.constant(0),
    }),
  ),
  fc
    .integer({ min: 3, max: 5 })
    .chain((n) => fc.record({ kind: fc.constant('ranking'), id: shortId, prompt: label, options: optionsOf(n) })),
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 10 }))
    .filter(([min, span]) => min + span <= 10)
    .map(([min, span]) => ({
      kind: 'scale',
      id: 'grade',
      prompt: 'Note',
      min,
      max: min + span,
      minLabel: 'bas',
      maxLabel: 'haut',
    })),
);

const questionnaireOf = (id: string, q: unknown): Questionnaire =>
  Questionnaire.parse({
    id,
    title: 'Q',
    questions: [q],
    opensAt: '2026-11-01T00:00:00.000Z',
    closesAt: '2026-12-01T00:00:00.000Z',
    nextSteps: 'Une synthèse.',
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
    version: 1,
  });

const callback: fc.Arbitrary<QuestionCallback> = fc.oneof(
  fc.record({
    kind: fc.constant('choose' as const),
    questionnaireId: shortId,
    questionId: shortId,
    value: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('toggle' as const),
    questionnaireId: shortId,
    questionId: shortId,
    mask: fc.integer({ min: 0, max: 1023 }),
  }),
  fc.record({
    kind: fc.constant('submit' as const),
    questionnaireId: shortId,
    questionId: shortId,
    mask: fc.integer({ min: 0, max: 1023 }),
  }),
  fc.record({ kind: fc.constant('write' as const), questionnaireId: shortId, questionId: shortId }),
  fc.record({ kind: fc.constant('open' as const), questionnaireId: shortId }),
  fc.record({
    kind: fc.constant('rank' as const),
    questionnaireId: shortId,
    questionId: shortId,
    order: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }),
  }),
  fc.record({ kind: fc.constant('review' as const), questionnaireId: shortId }),
  fc.record({ kind: fc.constant('show' as const), questionnaireId: shortId, questionId: shortId }),
);

describe('questionnaire callback_data', () => {
  it('encodes every action within 48 bytes and decodes it back', () => {
    fc.assert(
      fc.property(callback, (action) => {
        const data = encodeCallback(action);
        expect(bytes(data)).toBeLessThanOrEqual(CALLBACK_DATA_TARGET_BYTES);
        expect(decodeCallback(data)).toEqual(action);
      }),
    );
  });

  it('draws, for every question kind and selection, buttons whose data fits and means a valid answer', () => {
    fc.assert(
      fc.property(
        shortId,
        question,
        fc.array(fc.nat(9)),
        fc.constantFrom('fr' as const, 'en' as const),
        (id, q, ticks, language) => {
          const questionnaire = questionnaireOf(id, q);
          const parsed = questionnaire.questions[0]!;
          const selection =
            parsed.kind === 'multiple_choice'
              ? parsed.options.filter((_, i) => ticks.includes(i)).map((o) => o.id)
              : undefined;
          const order = parsed.kind === 'ranking' ? [...new Set(ticks)].filter((i) => i < parsed.options.length) : [];
          const rendered = renderQuestion(questionnaire, 0, {
            language,
            ...(selection ? { selection } : {}),
            ...(parsed.kind === 'ranking' ? { order } : {}),
          });
          for (const button of rendered.reply_markup.inline_keyboard.flat()) {
            expect(bytes(button.callback_data)).toBeLessThanOrEqual(CALLBACK_DATA_TARGET_BYTES);
            const action = decodeCallback(button.callback_data);
            expect(action).toMatchObject({ questionnaireId: id, questionId: parsed.id });
            const answer = answerOf(parsed, action!);
            if (action!.kind === 'submit' && parsed.kind === 'multiple_choice') {
              expect(answer).toEqual(selection);
              expect(maskOf(parsed, answer as string[])).toBe(action!.mask);
            } else if (action!.kind === 'choose') expect(() => checkAnswer(parsed, answer!)).not.toThrow();
            else if (action!.kind === 'rank' && parsed.kind === 'ranking') {
              // A step places one more option (or starts again); the last one is a full ranking, a valid answer.
              expect(action!.order.length === 0 || action!.order.slice(0, order.length).join() === order.join()).toBe(
                true,
              );
              if (action!.order.length === parsed.options.length)
                expect(() => checkAnswer(parsed, answer!)).not.toThrow();
              else expect(answer).toBeUndefined();
            } else expect(['toggle', 'write']).toContain(action!.kind);
          }
          const open = openQuestionnaireButton(id, language);
          expect(decodeCallback(open.callback_data)).toEqual({ kind: 'open', questionnaireId: id });
          const review = renderCompletion(questionnaire, language).reply_markup.inline_keyboard.flat()[0]!;
          expect(bytes(review.callback_data)).toBeLessThanOrEqual(CALLBACK_DATA_TARGET_BYTES);
          expect(decodeCallback(review.callback_data)).toEqual({ kind: 'review', questionnaireId: id });
        },
      ),
    );
  });

  it('never throws on data a forger sends, and what it accepts fits in 48 bytes', () => {
    const forged = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc
        .tuple(
          fc.constantFrom('a', 't', 'v', 'w', 'o', 'qr', 'qv', 'qs', 'x', ''),
          fc.array(fc.string({ unit: fc.constantFrom(...ID_CHARS, ':', 'z', '9', '0', '1', '4') }), { maxLength: 4 }),
        )
        .map(([prefix, parts]) => [prefix, ...parts].join(':')),
    );
    fc.assert(
      fc.property(forged, (data) => {
        const action = decodeCallback(data);
        if (action) {
          expect(bytes(encodeCallback(action))).toBeLessThanOrEqual(CALLBACK_DATA_TARGET_BYTES);
        }
        decodeFollowPage(data);
        decodeFollowToggle(data);
      }),
    );
  });
});

describe('follow menu callback_data', () => {
  const SLUG_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
  const slug = fc
    .array(fc.string({ unit: fc.constantFrom(...SLUG_CHARS), minLength: 1, maxLength: 20 }), {
      minLength: 1,
      maxLength: 6,
    })
    .map((parts) => parts.join('-').slice(0, 80).replace(/-+$/, ''))
    .filter((s) => s.length >= 2);
  const subscriber = Subscriber.parse({
    id: 'p',
    chatId: 1,
    language: 'fr',
    frequency: 'instant',
    status: 'active',
    follows: emptyFollows(),
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
  });
  const demarcheOf = (s: string) =>
    Demarche.parse({
      slug: s,
      title: `Démarche ${s}`,
      summary: 'Résumé.',
      link: 'https://example.org/d',
      themes: ['mobilites'],
      territories: ['nantes'],
      steps: [],
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
      version: 1,
    });

  it('fits every button in 64 bytes and decodes each to the page or démarche it was drawn for', () => {
    fc.assert(
      fc.property(fc.uniqueArray(slug, { maxLength: 40 }), fc.nat(10), (slugs, page) => {
        const demarches = slugs.map((s) => ({ demarche: demarcheOf(s), phase: 'upcoming' as const }));
        const t = catalog('fr');
        const views = [
          renderFollowPage({ section: 'demarches', page }, subscriber, t, demarches),
          ...(['menu', 'themes', 'communes', 'quartiers'] as const).map((section) =>
            renderFollowPage({ section }, subscriber, t),
          ),
        ];
        for (const button of views.flatMap((v) => v.reply_markup.inline_keyboard.flat())) {
          expect(bytes(button.callback_data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
          if (button.callback_data === 'f:x') continue; // « Terminé », its own handler (follows.ts)
          const decoded = decodeFollowPage(button.callback_data) ?? decodeFollowToggle(button.callback_data);
          expect(decoded, button.callback_data).toBeDefined();
          if (decoded && 'kind' in decoded && decoded.kind === 'demarches')
            expect(slugs.map(demarcheHash)).toContain(decoded.key);
        }
      }),
    );
  });
});
