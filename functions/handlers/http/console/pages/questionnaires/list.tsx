// The list of questionnaires: each with its phase (à venir, ouvert, clos), its dates and its results.
import type { FC } from 'hono/jsx';
import {
  type Questionnaire,
  type QuestionnairePhase,
  questionCountRange,
  questionnairePhase,
} from '#core/questionnaires/questionnaire';
import { formatShortDateTime } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

const PHASE_LABELS: Record<QuestionnairePhase, string> = { upcoming: 'À venir', open: 'Ouvert', closed: 'Clos' };

/** « 4 », or with skip logic « 2 à 5 » (the questions a citizen may be asked, by their answers). */
const QuestionCount: FC<{ questions: Questionnaire['questions'] }> = ({ questions }) => {
  const { min, max } = questionCountRange(questions);
  return <>{min === max ? max : `${min} à ${max}`}</>;
};

export const QuestionnaireTable: FC<{ questionnaires: readonly Questionnaire[]; now: Date }> = ({
  questionnaires,
  now,
}) => (
  <ScrollRegion label="Questionnaires">
    <table>
      <caption>Questionnaires et leur période de réponse (heure de Paris)</caption>
      <thead>
        <tr>
          <th scope="col">Questionnaire</th>
          <th scope="col">État</th>
          <th scope="col">Ouverture</th>
          <th scope="col">Clôture</th>
          <th scope="col" class="num">
            Questions
          </th>
          <th scope="col">Résultats</th>
        </tr>
      </thead>
      <tbody>
        {questionnaires.map((q) => {
          const phase = questionnairePhase(q, now);
          return (
            <tr>
              <td>
                <a href={`/console/questionnaires/${encodeURIComponent(q.id)}`}>{q.title}</a>
              </td>
              <td>
                <span class={`badge phase-${phase}`}>{PHASE_LABELS[phase]}</span>
              </td>
              <td>{formatShortDateTime(q.opensAt)}</td>
              <td>{formatShortDateTime(q.closesAt)}</td>
              <td class="num">
                <QuestionCount questions={q.questions} />
              </td>
              <td>
                <a href={`/console/questionnaires/${encodeURIComponent(q.id)}/resultats`}>
                  Résultats<span class="visually-hidden"> de « {q.title} »</span>
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </ScrollRegion>
);
