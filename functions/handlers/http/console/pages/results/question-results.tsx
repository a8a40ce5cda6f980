// One question's results: a bar chart and the same numbers in a table (its text alternative) for
// choices, yes/no and scales (with the mean); a ranking as a table by mean rank; to how many a
// conditional question was put; for short texts, their number, and the texts
// themselves only for editors, marked as not public (their moderation is a later issue).
import type { FC } from 'hono/jsx';
import type { QuestionResult } from '#core/questionnaires/results';
import { type Bar, BarChart, CountsTable } from '../../ui/charts';
import { countOf, formatNumber, formatPercent, formatShortDateTime } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

const means = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
/** Beyond this, the texts are in the CSV export: a page of thousands of answers helps nobody. */
const TEXTS_SHOWN = 100;

export interface ShortText {
  text: string;
  at: string;
}

const shareOf = (count: number, answered: number) => (answered > 0 ? count / answered : 0);

function barsOf(result: QuestionResult): Bar[] {
  const bar = (label: string, count: number) => ({ label, count, share: shareOf(count, result.answered) });
  switch (result.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return result.options.map((o) => bar(o.label, o.count));
    case 'yes_no':
      return [bar('Oui', result.yes), bar('Non', result.no)];
    case 'scale':
      return result.distribution.map((d) => bar(String(d.value), d.count));
    case 'short_text':
    case 'ranking':
      return [];
  }
}

/** A ranking: options from the best mean rank, with how often each came first (a table, no chart). */
const Ranking: FC<{ id: string; index: number; result: Extract<QuestionResult, { kind: 'ranking' }> }> = ({
  id,
  index,
  result,
}) => {
  const ranked = [...result.options].sort((a, b) => (a.meanRank ?? Infinity) - (b.meanRank ?? Infinity));
  return (
    <ScrollRegion label={`Question ${index + 1} : classement`}>
      <table id={`${id}-classement`}>
        <caption>
          Question {index + 1} : options par rang moyen (1 = toujours classée première, {result.options.length} =
          toujours dernière)
        </caption>
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
              <td class="num">{o.meanRank === null ? 'aucun classement' : means.format(o.meanRank)}</td>
              <td class="num">
                {formatNumber(o.first)} ({formatPercent(shareOf(o.first, result.answered))})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
};

const ShortTexts: FC<{ id: string; texts: readonly ShortText[]; canRead: boolean }> = ({ id, texts, canRead }) => {
  if (!canRead)
    return (
      <p class="muted">
        Les réponses libres ne sont lisibles que par les rédacteur·rices et les administrateur·rices, avant leur
        modération.
      </p>
    );
  if (texts.length === 0) return <p class="muted">Aucune réponse libre pour l’instant.</p>;
  const shown = [...texts].sort((a, b) => b.at.localeCompare(a.at)).slice(0, TEXTS_SHOWN);
  return (
    <>
      <div class="notice warning" role="note">
        Ces réponses ne sont pas publiques : elles n’ont pas encore été modérées. Ne les citez pas telles quelles.
      </div>
      <ul class="short-texts" aria-labelledby={`${id}-titre-question`}>
        {shown.map((t) => (
          <li>
            <span class="short-text">{t.text}</span> <span class="muted">— {formatShortDateTime(t.at)}</span>
          </li>
        ))}
      </ul>
      {texts.length > shown.length && (
        <p class="muted">
          Les {formatNumber(shown.length)} plus récentes sont affichées ; toutes sont dans l’export CSV.
        </p>
      )}
    </>
  );
};

export const QuestionResults: FC<{
  index: number;
  result: QuestionResult;
  texts: readonly ShortText[];
  canReadTexts: boolean;
}> = ({ index, result, texts, canReadTexts }) => {
  const id = `question-${index + 1}`;
  const answered = countOf(result.answered, 'réponse', 'réponses');
  const bars = barsOf(result);
  const head = result.kind === 'scale' ? 'Note' : result.kind === 'yes_no' ? 'Réponse' : 'Option';
  return (
    <section class="card question-results" aria-labelledby={`${id}-titre-question`}>
      <h3 id={`${id}-titre-question`}>
        <span class="muted">Question {index + 1} — </span>
        {result.prompt}
      </h3>
      <p>
        {answered}
        {result.kind === 'multiple_choice' && ' — plusieurs choix possibles : le total des parts dépasse 100 %'}
      </p>
      {result.kind === 'scale' && (
        <p>
          <strong>Moyenne : {result.mean === null ? 'aucune note' : means.format(result.mean)}</strong>
          {result.mean !== null &&
            ` sur une échelle de ${result.distribution[0]?.value} à ${result.distribution.at(-1)?.value}`}
        </p>
      )}
      {result.shownTo !== undefined && (
        <p class="asked-to">
          Question conditionnelle : posée à {countOf(result.shownTo, 'personne', 'personnes')} selon leurs réponses
          précédentes ; les parts se calculent sur celles et ceux qui y ont répondu.
        </p>
      )}
      {result.kind === 'short_text' ? (
        <ShortTexts id={id} texts={texts} canRead={canReadTexts} />
      ) : result.kind === 'ranking' ? (
        <Ranking id={id} index={index} result={result} />
      ) : (
        <>
          <BarChart
            id={id}
            title={`Question ${index + 1} : ${result.prompt}`}
            description={`${answered}. ${bars.map((b) => `${b.label} : ${formatPercent(b.share)}`).join(' ; ')}. Les mêmes chiffres sont dans le tableau qui suit.`}
            bars={bars}
          />
          <CountsTable
            id={id}
            caption={`Question ${index + 1} : réponses par ${head.toLowerCase()} (parts sur ${answered})`}
            head={head}
            bars={bars}
          />
        </>
      )}
    </section>
  );
};
