// The évaluations side by side: one row per démarche, the same four questions' figures. A row under
// the small-group threshold shows « moins de N réponses » instead of any figure.
import type { FC } from 'hono/jsx';
import type { EvaluationRow } from '#core/evaluation/comparison';
import { formatDate, formatNumber, formatPercent } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

const grade = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const NoAnswer: FC = () => (
  <>
    —<span class="visually-hidden"> (aucune réponse)</span>
  </>
);

const Mean: FC<{ value: number | null }> = ({ value }) =>
  value === null ? (
    <NoAnswer />
  ) : (
    <>
      {grade.format(value)}
      <span class="muted"> / 5</span>
    </>
  );

const Figures: FC<{ row: EvaluationRow; threshold: number }> = ({ row, threshold }) => {
  const figures = row.figures;
  if (!figures)
    return (
      <td colspan={5} class="muted">
        moins de {threshold} réponses : chiffres non montrés, pour protéger les petits groupes
      </td>
    );
  return (
    <>
      <td class="num">{formatNumber(row.respondents)}</td>
      <td class="num">
        <Mean value={figures.clarity} />
      </td>
      <td class="num">
        <Mean value={figures.heard} />
      </td>
      <td class="num">{figures.again === null ? <NoAnswer /> : formatPercent(figures.again)}</td>
      <td class="num">{formatNumber(figures.written)}</td>
    </>
  );
};

export const EvaluationTable: FC<{ rows: readonly EvaluationRow[]; threshold: number }> = ({ rows, threshold }) => (
  <ScrollRegion label="Évaluations des démarches">
    <table>
      <caption>Évaluations des démarches : les mêmes questions, la plus récente d’abord</caption>
      <thead>
        <tr>
          <th scope="col">Démarche</th>
          <th scope="col">Période</th>
          <th scope="col" class="num">
            Répondant·es
          </th>
          <th scope="col" class="num">
            Clarté de l’information (moyenne)
          </th>
          <th scope="col" class="num">
            Sentiment d’avoir été écouté·e (moyenne)
          </th>
          <th scope="col" class="num">
            Participeraient à nouveau
          </th>
          <th scope="col" class="num">
            Réponses écrites
          </th>
          <th scope="col">Résultats</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row">
              <a href={`/console/demarches/${encodeURIComponent(row.demarcheSlug)}`}>{row.demarcheTitle}</a>
            </th>
            <td>
              {formatDate(row.opensAt)} – {formatDate(row.closesAt)}
            </td>
            <Figures row={row} threshold={threshold} />
            <td>
              <a href={`/console/questionnaires/${encodeURIComponent(row.questionnaireId)}/resultats`}>
                Résultats<span class="visually-hidden"> de l’évaluation de « {row.demarcheTitle} »</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);
