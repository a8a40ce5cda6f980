// The évaluation proposed for a démarche: the template's questions as they will be asked, its
// dates (editable), who the campaign will reach, and the one button that creates both.
import type { FC } from 'hono/jsx';
import type { Demarche, Step } from '#core/demarches/demarche';
import type { EvaluationAudience } from '#core/evaluation/start';
import type { Question, Questionnaire } from '#core/questionnaires/questionnaire';
import type { Violation } from '#core/shared/errors';
import { ErrorSummary, TextField } from '../../ui/forms';
import { countOf, formatDate } from '../../ui/format';
import { type Problem, ProblemBox } from '../../ui/problem';

export interface ProposalProps {
  demarche: Demarche;
  questions: readonly Question[];
  nextSteps: string;
  /** As typed (Paris wall time). */
  opensAt: string;
  closesAt: string;
  audience: EvaluationAudience;
  lastStep?: Step;
  existing?: Questionnaire;
  canEdit: boolean;
  violations?: readonly Violation[];
  problem?: Problem;
}

function howAnswered(q: Question): string {
  switch (q.kind) {
    case 'scale':
      return `échelle de ${q.min} (${q.minLabel}) à ${q.max} (${q.maxLabel})`;
    case 'yes_no':
      return 'oui ou non';
    case 'short_text':
      return `réponse écrite, ${q.maxLength} caractères au plus, publiée seulement après relecture`;
    default:
      return q.options.map((o) => o.label).join(', ');
  }
}

const Recipients: FC<{ audience: EvaluationAudience }> = ({ audience }) =>
  audience.source === 'respondents' ? (
    <>
      <p>
        Les personnes qui ont pris part à la démarche :{' '}
        {countOf(audience.recipients, 'abonné·e actif·ve aujourd’hui', 'abonné·es actif·ves aujourd’hui')}, qui ont
        répondu à au moins un de ces questionnaires :
      </p>
      <ul>
        {audience.questionnaires.map((q) => (
          <li>{q.title}</li>
        ))}
      </ul>
    </>
  ) : (
    <p class="notice warning">
      Personne n’a répondu aux questionnaires de cette démarche : la campagne ira aux personnes qui la suivent (
      {countOf(audience.recipients, 'abonné·e actif·ve aujourd’hui', 'abonné·es actif·ves aujourd’hui')}).
    </p>
  );

/** The dates, editable, and the button that creates the questionnaire and its campaign. */
const DatesForm: FC<ProposalProps> = ({ demarche, opensAt, closesAt, violations = [] }) => (
  <form
    method="post"
    action={`/console/demarches/${encodeURIComponent(demarche.slug)}/evaluation`}
    class="stack"
    novalidate
  >
    <h2>Dates</h2>
    <div class="inline-fields">
      <TextField
        name="opensAt"
        label="Ouverture (heure de Paris)"
        type="datetime-local"
        value={opensAt}
        violations={violations}
      />
      <TextField
        name="closesAt"
        label="Clôture (heure de Paris)"
        type="datetime-local"
        value={closesAt}
        violations={violations}
      />
    </div>
    <p class="hint">
      Le questionnaire et une campagne Telegram en brouillon sont créés ensemble ; la première question arrive avec le
      message. Vous relirez la campagne et la programmerez sur sa page.
    </p>
    <div class="actions">
      <button type="submit">Créer l’évaluation et sa campagne</button>
      <a class="button secondary" href={`/console/demarches/${encodeURIComponent(demarche.slug)}`}>
        Annuler
      </a>
    </div>
  </form>
);

export const EvaluationProposal: FC<ProposalProps> = (props) => {
  const { questions, lastStep, existing, canEdit, violations = [], problem } = props;
  return (
    <>
      <ProblemBox problem={problem} />
      <ErrorSummary violations={problem ? [] : violations} />
      {existing ? (
        <p class="notice">
          Cette démarche a déjà son évaluation :{' '}
          <a href={`/console/questionnaires/${encodeURIComponent(existing.id)}`}>{existing.title}</a>.
        </p>
      ) : lastStep ? (
        <p>
          La dernière étape, « {lastStep.title} », a commencé le {formatDate(lastStep.start)} : le moment de demander
          aux participant·es ce qu’ils et elles ont pensé de la démarche.
        </p>
      ) : (
        <p class="notice warning">
          La dernière étape de la démarche n’est pas encore atteinte : vous pouvez tout de même proposer l’évaluation.
        </p>
      )}
      <p>
        Les mêmes questions pour toutes les démarches, pour comparer leurs résultats (
        <a href="/console/evaluations">comparaison des évaluations</a>). Résultats publics à la clôture.
      </p>
      <h2>Questions</h2>
      <ol>
        {questions.map((q) => (
          <li>
            <strong>{q.prompt}</strong> <span class="muted">({howAnswered(q)})</span>
          </li>
        ))}
      </ol>
      <h2>« Et après ? »</h2>
      <p>{props.nextSteps}</p>
      <h2>Destinataires de la campagne</h2>
      <Recipients audience={props.audience} />
      {canEdit && !existing && <DatesForm {...props} />}
    </>
  );
};
