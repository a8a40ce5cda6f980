// One question of the builder: its kind, prompt, options (one per line: simple and keyboard
// friendly) and the settings of its kind. The style sheet shows only the settings of the kind
// selected (`:has`), and every setting stays in the form, so it works without any script.
import type { FC } from 'hono/jsx';
import type { Violation } from '#core/shared/errors';
import { HintAndError, SelectField, TextArea, TextField, fieldId, violationsOf } from '../../ui/forms';
import type { Question } from '#core/questionnaires/questionnaire';
import type { QuestionDraft } from './draft';
import { conditionText } from './labels';

/** A question a condition may name, with the answers that can make this one appear. */
export interface ConditionCandidate {
  id: string;
  /** « Question 2 : Comment venez-vous ? » */
  label: string;
  answers: { value: string; label: string }[];
}

const QUESTION_KIND_LABELS = {
  single_choice: 'Choix unique',
  multiple_choice: 'Choix multiple',
  scale: 'Échelle',
  yes_no: 'Oui / non',
  short_text: 'Texte court',
  ranking: 'Classement (3 à 5 options à ordonner)',
} as const;
const KIND_OPTIONS = Object.entries(QUESTION_KIND_LABELS).map(([value, label]) => ({ value, label }));

interface Props {
  index: number;
  question: QuestionDraft;
  count: number;
  violations: readonly Violation[];
  /** The earlier saved questions (choice or yes/no) a condition may name. */
  candidates?: readonly ConditionCandidate[];
}

const KindSettings: FC<Props> = ({ index, question, violations }) => {
  const name = (field: string) => `questions.${index}.${field}`;
  return (
    <>
      <div class="kind-settings for-choices">
        <TextArea
          name={name('options')}
          label="Options, une par ligne"
          hint="Choix unique ou multiple : de 2 à 10 options de 60 caractères au plus. Classement : de 3 à 5 options, que chaque personne ordonne de la plus à la moins importante."
          value={question.options}
          rows={5}
          violations={violations}
        />
      </div>
      <div class="kind-settings for-bounds">
        <p class="hint">
          Choix multiple : nombre de cases à cocher, au moins et au plus (par défaut 1 et toutes). Échelle : note la
          plus basse et la plus haute (par défaut 1 et 5, au plus 11 crans).
        </p>
        <div class="inline-fields">
          <TextField name={name('min')} label="Minimum" type="number" value={question.min} violations={violations} />
          <TextField name={name('max')} label="Maximum" type="number" value={question.max} violations={violations} />
        </div>
      </div>
      <div class="kind-settings for-scale inline-fields">
        <TextField
          name={name('minLabel')}
          label="Libellé de la note basse (échelle)"
          value={question.minLabel}
          maxLength={40}
          violations={violations}
        />
        <TextField
          name={name('maxLabel')}
          label="Libellé de la note haute (échelle)"
          value={question.maxLabel}
          maxLength={40}
          violations={violations}
        />
      </div>
      <div class="kind-settings for-text">
        <TextField
          name={name('maxLength')}
          label="Longueur maximale de la réponse (texte court)"
          hint="En caractères, de 1 à 1 000 ; 280 par défaut."
          type="number"
          value={question.maxLength}
          violations={violations}
        />
      </div>
    </>
  );
};

/**
 * « Afficher seulement si… »: the answers of earlier questions that make this one appear, grouped by
 * question (tick the answers of one question). Closed when the question is always shown.
 */
const ShowIf: FC<Props> = ({ index, question, violations, candidates = [] }) => {
  const name = `questions.${index}.showIf`;
  const id = fieldId(name);
  const errors = violationsOf(violations, name);
  const ticked = new Set(question.showIf);
  // A ticked answer the form no longer offers (its question moved after this one, or was removed)
  // stays ticked and visible, so saving says what is wrong instead of silently dropping it.
  const offered = new Set(candidates.flatMap((c) => c.answers.map((a) => `${c.id}:${a.value}`)));
  const stray = question.showIf.filter((v) => !offered.has(v));
  const hint =
    candidates.length === 0
      ? 'Aucune question à choix ou oui/non enregistrée avant celle-ci : la question est posée à tous. Une question nouvelle apparaît ici une fois enregistrée.'
      : 'Cochez les réponses d’une seule question précédente : cette question ne sera posée qu’à qui a donné l’une d’elles. Sans case cochée, elle est posée à tous.';
  return (
    <details class="show-if" open={question.showIf.length > 0 || errors.length > 0}>
      <summary>
        Afficher seulement si…{' '}
        <span class="muted">({question.showIf.length > 0 ? 'condition posée' : 'posée à tous'})</span>
      </summary>
      <div id={id} class={errors.length > 0 ? 'field invalid' : 'field'}>
        <HintAndError id={id} hint={hint} errors={errors} />
        {candidates.map((candidate, c) => (
          <fieldset class="choices">
            <legend>{candidate.label}</legend>
            {candidate.answers.map((answer, a) => {
              const value = `${candidate.id}:${answer.value}`;
              return (
                <label for={`${id}-${c}-${a}`}>
                  <input type="checkbox" id={`${id}-${c}-${a}`} name={name} value={value} checked={ticked.has(value)} />
                  {answer.label}
                </label>
              );
            })}
          </fieldset>
        ))}
        {stray.map((value, n) => (
          <label for={`${id}-autre-${n}`}>
            <input type="checkbox" id={`${id}-autre-${n}`} name={name} value={value} checked />
            Réponse « {value.slice(value.indexOf(':') + 1)} » de la question « {value.slice(0, value.indexOf(':'))} »
            (plus proposée ici : décochez-la ou replacez la question)
          </label>
        ))}
      </div>
    </details>
  );
};

export const QuestionFields: FC<Props> = (props) => {
  const { index, question, count, violations } = props;
  const name = (field: string) => `questions.${index}.${field}`;
  // A violation about the question as a whole (an unknown kind) has no field of its own: it heads it.
  const own = violations.filter((v) => v.field === `questions.${index}`);
  return (
    <fieldset class={`question kind-${question.kind}`} id={fieldId(`questions.${index}`)}>
      <legend>Question {index + 1}</legend>
      {own.length > 0 && <p class="error">{own.map((v) => v.message).join(' ; ')}</p>}
      <input type="hidden" name={name('id')} value={question.id} />
      <div class="inline-fields">
        <SelectField
          name={name('kind')}
          label="Type de question"
          value={question.kind}
          options={KIND_OPTIONS}
          violations={violations}
        />
        <TextField
          name={name('position')}
          label="Position"
          hint={`De 1 à ${count} ; l’ordre change à l’enregistrement ou à la mise à jour de l’aperçu.`}
          type="number"
          value={String(index + 1)}
          violations={violations}
        />
      </div>
      <TextField
        name={name('prompt')}
        label="Intitulé"
        value={question.prompt}
        maxLength={300}
        violations={violations}
      />
      <KindSettings {...props} />
      <ShowIf {...props} />
      <label class="remove" for={fieldId(name('remove'))}>
        <input type="checkbox" id={fieldId(name('remove'))} name={name('remove')} value="1" />
        Retirer cette question
      </label>
    </fieldset>
  );
};

/** The questions once the questionnaire has opened: shown, not editable (the use case refuses any change). */
export const FrozenQuestions: FC<{ questions: readonly QuestionDraft[]; known?: readonly Question[] }> = ({
  questions,
  known = [],
}) => (
  <ol class="frozen-questions">
    {questions.map((q) => {
      const showIf = known.find((k) => k.id === q.id)?.showIf;
      return (
        <li>
          <strong>{q.prompt}</strong>{' '}
          <span class="muted">({QUESTION_KIND_LABELS[q.kind as keyof typeof QUESTION_KIND_LABELS] ?? q.kind})</span>
          {showIf && <p class="muted">{conditionText(showIf, known)}</p>}
          {q.options && (
            <ul>
              {q.options.split('\n').map((o) => (
                <li>{o}</li>
              ))}
            </ul>
          )}
        </li>
      );
    })}
  </ol>
);
