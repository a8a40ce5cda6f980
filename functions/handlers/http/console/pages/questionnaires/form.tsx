// The questionnaire builder: presentation, calendar, questions, results policy and « Et après ? »,
// with the Telegram preview next to it. Without a script, « Ajouter une question » and « Mettre à
// jour l’aperçu » re-render the page with what was typed; with it, the preview follows the typing.
import type { FC } from 'hono/jsx';
import { CONDITION_KINDS, type Question } from '#core/questionnaires/questionnaire';
import type { Violation } from '#core/shared/errors';
import { Choices, ErrorSummary, type Option, SelectField, TextArea, TextField } from '../../ui/forms';
import { type Problem, ProblemBox } from '../../ui/problem';
import { type QuestionnaireDraft, conditionsOf } from './draft';
import { conditionAnswers } from './labels';
import { QuestionnairePreview } from './preview';
import { type ConditionCandidate, FrozenQuestions, QuestionFields } from './question-fields';

/** The schema's ceiling: a questionnaire answered in a few taps. */
const MAX_QUESTIONS = 10;
export const PREVIEW_PATH = '/console/questionnaires/apercu';

export interface BuilderProps {
  draft: QuestionnaireDraft;
  /** `undefined` for a creation. */
  id?: string;
  version?: number;
  violations?: readonly Violation[];
  problem?: Problem;
  readOnly?: boolean;
  /** Once open, the questions are frozen: why, in words (the use case refuses any change). */
  frozen?: string;
  demarches: readonly Option[];
  known?: readonly Question[];
  /** Public groups under this size are hidden (the deployment's open-data setting; 5 by default). */
  smallGroupThreshold?: number;
}

const RESULTS_OPTIONS = [
  {
    value: 'public_after_close',
    label: 'Publics à la clôture : page de résultats et données ouvertes dès que le questionnaire est clos',
  },
  {
    value: 'public_live',
    label: 'Publics pendant la consultation : chacun voit les résultats en direct, même juste après avoir répondu',
  },
  { value: 'private', label: 'Privés : réservés à l’équipe, jamais publiés' },
];

/** The questions a cross-tabulation may split by: single choice and yes/no, once saved (they need their id). */
const breakdownOptions = (draft: QuestionnaireDraft): Option[] =>
  draft.questions.flatMap((q, i) =>
    q.id && (q.kind === 'single_choice' || q.kind === 'yes_no')
      ? [{ value: q.id, label: `Question ${i + 1} : ${q.prompt}` }]
      : [],
  );

const Breakdown: FC<BuilderProps> = ({ draft, violations = [], smallGroupThreshold = 5 }) => (
  <SelectField
    name="breakdownBy"
    label="Tableau croisé (facultatif)"
    hint={
      'Les résultats publics sont aussi présentés groupe par groupe, selon la réponse à cette question (choix unique ' +
      `ou oui/non ; une question nouvelle apparaît ici une fois enregistrée). Pour protéger les petits groupes, ` +
      `aucun groupe de moins de ${smallGroupThreshold} personnes n’est montré : ni nombre, ni part.`
    }
    value={draft.breakdownBy}
    options={breakdownOptions(draft)}
    empty="Aucun"
    violations={violations}
  />
);

/**
 * The questions a condition of question `index` may name: the saved choice and yes/no questions
 * before it (their answers as saved: an option gets its id once saved), and the one it names now.
 */
function conditionCandidates(
  draft: QuestionnaireDraft,
  known: readonly Question[],
  index: number,
): ConditionCandidate[] {
  const named = new Set(conditionsOf(draft.questions[index]!).keys());
  return draft.questions.flatMap((q, i) => {
    const saved = q.id ? known.find((k) => k.id === q.id) : undefined;
    if (i === index || !saved || !(CONDITION_KINDS as readonly string[]).includes(saved.kind)) return [];
    if (i > index && !named.has(saved.id)) return [];
    return [{ id: saved.id, label: `Question ${i + 1} : ${saved.prompt}`, answers: conditionAnswers(saved) }];
  });
}

const Questions: FC<BuilderProps> = ({ draft, violations = [], frozen, readOnly, known = [] }) => {
  const own = violations.filter((v) => v.field === 'questions');
  return (
    <section aria-labelledby="questions-titre" id="champ-questions">
      <h2 id="questions-titre">Questions</h2>
      {own.length > 0 && <p class="error">{own.map((v) => v.message).join(' ; ')}</p>}
      {frozen ? (
        <>
          <p class="notice warning">{frozen}</p>
          <FrozenQuestions questions={draft.questions} known={known} />
        </>
      ) : (
        <>
          <p class="hint">
            De 1 à 10 questions. Une question laissée entièrement vide est ignorée. Les questions ne peuvent plus
            changer une fois le questionnaire ouvert.
          </p>
          {draft.questions.map((question, index) => (
            <QuestionFields
              index={index}
              question={question}
              count={draft.questions.length}
              violations={violations}
              candidates={conditionCandidates(draft, known, index)}
            />
          ))}
          {!readOnly && draft.questions.length < MAX_QUESTIONS && (
            <button type="submit" name="action" value="ajouter" class="secondary">
              Ajouter une question
            </button>
          )}
        </>
      )}
    </section>
  );
};

const Fields: FC<BuilderProps> = (props) => {
  const { draft, violations = [], demarches } = props;
  return (
    <>
      <TextField name="title" label="Titre" value={draft.title} maxLength={200} violations={violations} />
      <TextArea
        name="intro"
        label="Introduction (facultative)"
        hint="Montrée avant la première question."
        value={draft.intro}
        maxLength={1000}
        rows={3}
        violations={violations}
      />
      <SelectField
        name="demarcheSlug"
        label="Démarche liée (facultative)"
        value={draft.demarcheSlug}
        options={demarches}
        empty="Aucune"
        violations={violations}
      />
      <div class="inline-fields">
        <TextField
          name="opensAt"
          label="Ouverture (heure de Paris)"
          type="datetime-local"
          value={draft.opensAt}
          violations={violations}
        />
        <TextField
          name="closesAt"
          label="Clôture (heure de Paris)"
          type="datetime-local"
          value={draft.closesAt}
          violations={violations}
        />
      </div>
      <Questions {...props} />
      <h2>Résultats et suite</h2>
      <Choices
        name="resultsPolicy"
        label="Résultats"
        hint="Passer de « privés » à publics demande une confirmation : les réponses déjà reçues, promises privées, le restent."
        type="radio"
        options={RESULTS_OPTIONS}
        checked={[draft.resultsPolicy]}
        violations={violations}
      />
      <Breakdown {...props} />
      <TextArea
        name="nextSteps"
        label="« Et après ? »"
        hint="Ce que deviennent les réponses : envoyé à chaque participant·e après sa dernière réponse."
        value={draft.nextSteps}
        maxLength={1000}
        rows={4}
        violations={violations}
      />
    </>
  );
};

export const QuestionnaireBuilder: FC<BuilderProps> = (props) => {
  const { id, version, violations = [], problem, readOnly, frozen, draft, known } = props;
  const action =
    id === undefined ? '/console/questionnaires/nouveau' : `/console/questionnaires/${encodeURIComponent(id)}`;
  return (
    <>
      <ProblemBox problem={problem} />
      <ErrorSummary violations={problem ? [] : violations} />
      <div class="builder">
        <form
          method="post"
          action={action}
          class="stack"
          novalidate
          data-live={readOnly || frozen ? undefined : PREVIEW_PATH}
          data-live-target="apercu-contenu"
        >
          {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
          {id !== undefined && <input type="hidden" name="questionnaireId" value={id} />}
          {readOnly ? (
            <fieldset disabled class="read-only">
              <legend>Lecture seule : votre rôle permet de consulter ce questionnaire, pas de le modifier.</legend>
              <Fields {...props} />
            </fieldset>
          ) : (
            <Fields {...props} />
          )}
          {!readOnly && (
            <div class="actions">
              <button type="submit" name="action" value="enregistrer">
                {id === undefined ? 'Créer le questionnaire' : 'Enregistrer les modifications'}
              </button>
              <button type="submit" name="action" value="apercu" class="secondary">
                Mettre à jour l’aperçu
              </button>
              <a class="button secondary" href="/console/questionnaires">
                Annuler
              </a>
            </div>
          )}
        </form>
        <aside class="preview-pane" aria-labelledby="apercu-titre">
          <h2 id="apercu-titre">Aperçu dans Telegram</h2>
          <div id="apercu-contenu" aria-live="polite">
            <QuestionnairePreview draft={draft} known={known} />
          </div>
        </aside>
      </div>
    </>
  );
};
