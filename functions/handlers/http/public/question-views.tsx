// One question of the public results: a bar chart and, right after it, a table with the same
// numbers (its text alternative); a ranking as a table by mean rank; written answers as moderated,
// grouped when a group is big enough; to whom a conditional question was put; and the
// cross-tabulation, every hidden count saying why it is hidden.
import type { FC } from 'hono/jsx';
import type { CrossTabulation, PublicQuestion } from '#core/results/public-questions';
import { type ProtectedCount, hiddenLabel } from '#core/results/small-groups';
import { type Bar, BarChart, CountsTable } from '../console/ui/charts';
import { countOf, formatNumber } from '../console/ui/format';
import { ScrollRegion } from '../console/ui/scroll-region';

const decimals = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

interface Row {
  label: string;
  count: number;
  /** Percent, 0–100, as the JSON has it. */
  share: number;
}

function rowsOf(q: PublicQuestion): Row[] {
  switch (q.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return q.options;
    case 'yes_no':
      return [
        { label: 'Oui', ...q.yes },
        { label: 'Non', ...q.no },
      ];
    case 'scale':
      return q.distribution.map((d) => ({ ...d, label: String(d.value) }));
    case 'short_text':
    case 'ranking':
      return [];
  }
}

/** Skip logic, said where the numbers are: who was asked, and after which answer. */
const AskedTo: FC<{ q: PublicQuestion }> = ({ q }) =>
  q.shownTo === undefined ? null : (
    <p class="asked-to">
      Question posée à {countOf(q.shownTo, 'personne', 'personnes')} selon leurs réponses
      {q.shownIf &&
        ` : seulement après la réponse ${q.shownIf.answers.map((a) => `« ${a} »`).join(' ou ')} à « ${q.shownIf.prompt} »`}
      . Les parts se calculent sur celles et ceux qui y ont répondu.
    </p>
  );

/** A ranking: its options from the best mean rank, with how often each came first; a table says it all. */
const RankingView: FC<{ q: Extract<PublicQuestion, { kind: 'ranking' }>; id: string; index: number }> = ({
  q,
  id,
  index,
}) => {
  const ranked = [...q.options].sort((a, b) => (a.meanRank ?? Infinity) - (b.meanRank ?? Infinity));
  return (
    <>
      <p>
        {countOf(q.answered, 'classement', 'classements')} : chaque personne a ordonné les{' '}
        {formatNumber(q.options.length)} options, de la plus importante à la moins importante. Le rang moyen va de 1
        (toujours classée première) à {formatNumber(q.options.length)}.
      </p>
      <ScrollRegion label={`Question ${index + 1} : classement`}>
        <table id={`${id}-classement`}>
          <caption>Question {index + 1} : options par rang moyen</caption>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col" class="num">
                Rang moyen
              </th>
              <th scope="col" class="num">
                Classée première
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((o) => (
              <tr>
                <th scope="row">{o.label}</th>
                <td class="num">{o.meanRank === null ? 'aucun classement' : decimals.format(o.meanRank)}</td>
                <td class="num">
                  {countOf(o.first.count, 'fois', 'fois')} ({percent.format(o.first.share / 100)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
};

const TextList: FC<{ texts: readonly string[]; label: string }> = ({ texts, label }) => (
  <ul class="short-texts" aria-label={label}>
    {texts.map((text) => (
      <li>
        <span class="short-text">{text}</span>
      </li>
    ))}
  </ul>
);

const WrittenAnswers: FC<{ q: Extract<PublicQuestion, { kind: 'short_text' }>; id: string }> = ({ q, id }) => (
  <>
    <p>
      {countOf(q.answered, 'réponse écrite', 'réponses écrites')}, dont {formatNumber(q.published)} publiée
      {q.published > 1 ? 's' : ''} après relecture par l’équipe (coordonnées masquées).
    </p>
    {q.clusters.map((cluster, i) => (
      <>
        <h4 id={`${id}-groupe-${i + 1}`}>
          {cluster.label} ({countOf(cluster.count, 'réponse', 'réponses')})
        </h4>
        <TextList texts={cluster.texts} label={cluster.label} />
      </>
    ))}
    {q.others.length > 0 && (
      <>
        {q.clusters.length > 0 && <h4 id={`${id}-autres`}>Autres réponses</h4>}
        <TextList texts={q.others} label="Autres réponses" />
      </>
    )}
  </>
);

export const QuestionView: FC<{ q: PublicQuestion; index: number }> = ({ q, index }) => {
  const id = `question-${index + 1}`;
  const answered = countOf(q.answered, 'réponse', 'réponses');
  const rows = rowsOf(q);
  const bars: Bar[] = rows.map((r) => ({ label: r.label, count: r.count, share: r.share / 100 }));
  const head = q.kind === 'scale' ? 'Note' : q.kind === 'yes_no' ? 'Réponse' : 'Option';
  return (
    <section class="card question-results" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`}>
        <span class="muted">Question {index + 1} — </span>
        {q.prompt}
      </h3>
      <AskedTo q={q} />
      {q.kind === 'short_text' ? (
        <WrittenAnswers q={q} id={id} />
      ) : q.kind === 'ranking' ? (
        <RankingView q={q} id={id} index={index} />
      ) : (
        <>
          <p>
            {answered}
            {q.kind === 'multiple_choice' && ' — plusieurs choix possibles : le total des parts dépasse 100 %'}
          </p>
          {q.kind === 'scale' && (
            <p>
              <strong>Moyenne : {q.mean === null ? 'aucune note' : decimals.format(q.mean)}</strong> sur une échelle de{' '}
              {q.min} ({q.minLabel}) à {q.max} ({q.maxLabel})
            </p>
          )}
          <BarChart
            id={id}
            title={`Question ${index + 1} : ${q.prompt}`}
            description={`${answered}. ${rows.map((r) => `${r.label} : ${percent.format(r.share / 100)}`).join(' ; ')}. Les mêmes chiffres sont dans le tableau qui suit.`}
            bars={bars}
          />
          <CountsTable
            id={id}
            caption={`Question ${index + 1} : réponses par ${head.toLowerCase()} (parts sur ${answered})`}
            head={head}
            bars={bars}
            formatShare={(share) => percent.format(share)}
          />
        </>
      )}
    </section>
  );
};

const CountCell: FC<{ cell: ProtectedCount; threshold: number }> = ({ cell, threshold }) => (
  <td class="num">{cell.count === null ? <em>{hiddenLabel(cell, threshold)}</em> : formatNumber(cell.count)}</td>
);

export const CrossTabView: FC<{ breakdown: CrossTabulation; threshold: number }> = ({ breakdown, threshold }) => (
  <>
    <p class="muted">
      Pour protéger les petits groupes, un effectif inférieur à {threshold} est remplacé par « moins de {threshold} »,
      et un autre effectif est « masqué » quand il permettrait de le retrouver à partir des totaux.
    </p>
    {breakdown.tables.map((table) => (
      <ScrollRegion label={`Tableau croisé : ${table.prompt}`}>
        <table>
          <caption>
            {table.prompt} — selon la réponse à « {breakdown.by.prompt} »
          </caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              {table.columns.map((c) => (
                <th scope="col" class="num">
                  {c.label}
                </th>
              ))}
              <th scope="col" class="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr>
                <th scope="row">{breakdown.groups[i]?.label ?? row.groupId}</th>
                {row.cells.map((cell) => (
                  <CountCell cell={cell} threshold={threshold} />
                ))}
                <CountCell cell={row.total} threshold={threshold} />
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              {table.totals.map((cell) => (
                <CountCell cell={cell} threshold={threshold} />
              ))}
              <CountCell cell={table.total} threshold={threshold} />
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
    ))}
  </>
);
