// The builder's preview: each question as the citizen will see it in Telegram, buttons included,
// rendered by the Telegram adapter itself (never a copy of its layout). The draft is checked with
// the core's own schema: a question that breaks a rule shows its French violations instead.
import type { FC } from 'hono/jsx';
import { renderCompletion, renderQuestion } from '#adapters/telegram/question-message';
import {
  Question,
  type Questionnaire,
  QuestionnaireInput,
  questionCountRange,
} from '#core/questionnaires/questionnaire';
import type { Violation } from '#core/shared/errors';
import { violationsOf as zodViolations } from '#core/shared/parse';
import type { IdGenerator } from '#core/shared/ports';
import { labelled } from '../../ui/field-labels';
import { violationsOf } from '../../ui/forms';
import { TelegramBubble } from '../../ui/telegram-bubble';
import { type QuestionnaireDraft, builderViolations, inputOf } from './draft';
import { QUESTIONNAIRE_LABELS, conditionText } from './labels';

/** Ids for a draft's new questions and options: the preview never saves, so any unique id does. */
const previewIds = (): IdGenerator => {
  let n = 0;
  return { next: () => `apercu${++n}` };
};
const PREVIEW_ID = 'apercu';
const UNTITLED = 'Questionnaire sans titre';
const SingleTitle = QuestionnaireInput.shape.title;

const QuestionBubble: FC<{ questionnaire: Questionnaire; index: number }> = ({ questionnaire, index }) => {
  const question = questionnaire.questions[index]!;
  const message = renderQuestion(questionnaire, index, { language: 'fr' });
  return (
    <div class="preview-question">
      {question.showIf && <p class="preview-condition">{conditionText(question.showIf, questionnaire.questions)}</p>}
      <TelegramBubble
        label={`Aperçu Telegram de la question ${index + 1}`}
        html={message.text}
        keyboard={message.reply_markup.inline_keyboard}
      />
    </div>
  );
};

/** « 4 questions », or with skip logic « De 2 à 5 questions selon les réponses ». */
const CountLine: FC<{ questions: readonly Question[] }> = ({ questions }) => {
  const { min, max } = questionCountRange(questions);
  if (max === 0) return null;
  return (
    <p class="muted">
      {min === max
        ? `${max} question${max > 1 ? 's' : ''}`
        : `De ${min} à ${max} questions selon les réponses : une question conditionnelle n’est posée qu’après la réponse qu’elle indique.`}
    </p>
  );
};

const Violations: FC<{ violations: readonly Violation[] }> = ({ violations }) => (
  <ul class="preview-errors">
    {violations.map((v) => (
      <li>{v.message}</li>
    ))}
  </ul>
);

/** What the preview shows for a draft: the questions it can render, the violations of the others. */
function previewParts(draft: QuestionnaireDraft, known: readonly Question[]) {
  const copy = structuredClone(draft);
  const input = inputOf(copy, known, previewIds());
  const whole = QuestionnaireInput.safeParse(input);
  const violations = [
    ...builderViolations(draft),
    ...(whole.success ? [] : labelled(zodViolations(whole.error), QUESTIONNAIRE_LABELS)),
  ];
  const questions = input.questions.map((q) => Question.safeParse(q));
  const title = SingleTitle.safeParse(input.title);
  // The questions that fail are replaced by a placeholder, never rendered: the counter stays true.
  const questionnaire: Questionnaire = {
    id: PREVIEW_ID,
    title: title.success ? title.data : UNTITLED,
    intro: typeof input.intro === 'string' ? input.intro.trim() : undefined,
    questions: questions.map((q, i) => (q.success ? q.data : { kind: 'yes_no', id: `q${i}`, prompt: '' })),
    opensAt: '1970-01-01T00:00:00.000Z',
    closesAt: whole.success ? whole.data.closesAt : '9999-12-31T00:00:00.000Z',
    resultsPolicy: 'private',
    nextSteps: whole.success ? whole.data.nextSteps : '',
    createdAt: '1970-01-01T00:00:00.000Z',
    updatedAt: '1970-01-01T00:00:00.000Z',
    version: 1,
  };
  return { whole: whole.success && violations.length === 0, violations, questions, questionnaire };
}

export const QuestionnairePreview: FC<{ draft: QuestionnaireDraft; known?: readonly Question[] }> = ({
  draft,
  known = [],
}) => {
  const { whole, violations, questions, questionnaire } = previewParts(draft, known);
  const others = violations.filter((v) => !v.field.startsWith('questions.'));
  return (
    <div class="preview-list">
      <CountLine questions={questionnaire.questions} />
      {questions.map((q, i) =>
        q.success ? (
          <>
            <QuestionBubble questionnaire={questionnaire} index={i} />
            {violationsOf(violations, `questions.${i}`).length > 0 && (
              <div class="preview-invalid">
                <p>
                  <strong>Question {i + 1}</strong>, à corriger avant d’enregistrer :
                </p>
                <Violations violations={violationsOf(violations, `questions.${i}`)} />
              </div>
            )}
          </>
        ) : (
          <div class="preview-invalid">
            <p>
              <strong>Question {i + 1}</strong> : pas d’aperçu tant que ces points ne sont pas corrigés.
            </p>
            <Violations violations={violationsOf(violations, `questions.${i}`)} />
          </div>
        ),
      )}
      {questions.length === 0 && <p class="muted">Ajoutez une question pour la voir telle que Telegram l’affichera.</p>}
      {whole && (
        <TelegramBubble
          label="Aperçu Telegram du message de fin (« Et après ? »)"
          html={renderCompletion(questionnaire, 'fr').text}
        />
      )}
      {others.length > 0 && (
        <div class="preview-invalid">
          <p>À corriger avant d’enregistrer :</p>
          <Violations violations={others} />
        </div>
      )}
    </div>
  );
};
