// The public results page of a questionnaire, and its two other states: not public yet (when it
// will be) and not found (unknown or private alike, one body for every public URL).
import type { FC } from 'hono/jsx';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { OPEN_DATA_PATHS, publicResultsPaths } from '#core/results/paths';
import type { PublicResults } from '#core/results/public-results';
import { formatDate, formatDateTime, formatNumber } from '../console/ui/format';
import { renderPublicPage } from './layout';
import { CrossTabView, QuestionView } from './question-views';

/** Multi-line text as the agent wrote it: one paragraph per line. */
const Paragraphs: FC<{ text: string }> = ({ text }) => (
  <>
    {text
      .split(/\n+/)
      .filter((line) => line.trim())
      .map((line) => (
        <p>{line}</p>
      ))}
  </>
);

const WhatNext: FC<{ nextSteps: string; nextStep?: PublicResults['nextStep'] }> = ({ nextSteps, nextStep }) => (
  <section aria-labelledby="et-apres">
    <h2 id="et-apres">Et après ?</h2>
    <Paragraphs text={nextSteps} />
    {nextStep && (
      <p>
        <strong>Prochaine étape :</strong> {nextStep.title}, le {formatDate(nextStep.date)}.
      </p>
    )}
  </section>
);

const Status: FC<{ r: PublicResults }> = ({ r }) =>
  r.phase === 'open' ? (
    <p class="notice warning" role="note">
      Résultats provisoires : le questionnaire est ouvert jusqu’au {formatDateTime(r.closesAt)} (heure de Paris), les
      chiffres évoluent avec les réponses.
    </p>
  ) : (
    <p>
      Questionnaire clos le {formatDateTime(r.closesAt)} (heure de Paris), ouvert depuis le {formatDate(r.opensAt)}.
    </p>
  );

export function resultsPage(r: PublicResults): Promise<string> {
  const paths = publicResultsPaths(r.questionnaireId);
  return renderPublicPage(
    `Résultats : ${r.title}`,
    <>
      <h1>Résultats : {r.title}</h1>
      {r.demarche && (
        <p>
          Démarche : <a href={r.demarche.link}>{r.demarche.title}</a>
        </p>
      )}
      <Status r={r} />
      <section aria-labelledby="repondants">
        <h2 id="repondants">Participation</h2>
        <p>
          <strong>{formatNumber(r.respondents)}</strong>{' '}
          {r.respondents > 1 ? 'personnes ont répondu' : 'personne a répondu'} à au moins une question, dont{' '}
          <strong>{formatNumber(r.complete)}</strong> à toutes les questions
          {r.questions.some((q) => q.shownTo !== undefined) ? ' qui leur ont été posées (selon leurs réponses)' : ''}.
        </p>
      </section>
      <section aria-labelledby="par-question">
        <h2 id="par-question">Réponses par question</h2>
        <p class="muted">
          Les parts sont calculées sur les personnes qui ont répondu à la question. Chaque graphique est suivi d’un
          tableau avec les mêmes chiffres.
        </p>
        {r.questions.map((q, index) => (
          <QuestionView q={q} index={index} />
        ))}
      </section>
      {r.breakdown && r.breakdown.tables.length > 0 && (
        <section aria-labelledby="tableau-croise">
          <h2 id="tableau-croise">Selon la réponse à « {r.breakdown.by.prompt} »</h2>
          <CrossTabView breakdown={r.breakdown} threshold={r.smallGroupThreshold} />
        </section>
      )}
      <WhatNext nextSteps={r.nextSteps} nextStep={r.nextStep} />
      <section aria-labelledby="donnees">
        <h2 id="donnees">Données ouvertes</h2>
        <ul>
          <li>
            <a href={paths.json}>Résultats (JSON)</a>
          </li>
          <li>
            <a href={paths.csv}>Réponses, une ligne par personne sous pseudonyme (CSV)</a>
          </li>
          <li>
            <a href={OPEN_DATA_PATHS.html}>Tous les jeux de données</a>
          </li>
        </ul>
        <p class="muted">
          Licence : <a href={r.dataset.licence.url}>{r.dataset.licence.title}</a>. Producteur : {r.dataset.publisher}.
          Extraction du {formatDateTime(r.extractedAt)} (heure de Paris).
        </p>
      </section>
    </>,
  );
}

/** Public after close, still open: when the results will be published, and no figure. */
export function notYetPage(q: Questionnaire, from: string): Promise<string> {
  return renderPublicPage(
    `Résultats : ${q.title}`,
    <>
      <h1>Résultats : {q.title}</h1>
      <p>
        Les résultats de ce questionnaire seront publiés ici le {formatDateTime(from)} (heure de Paris), à sa
        {from === q.opensAt ? ' ouverture' : ' clôture'}.
      </p>
      <WhatNext nextSteps={q.nextSteps} />
    </>,
  );
}

/** Unknown and private answer exactly this, on every public URL: nothing tells them apart. */
export const notFoundPage = () =>
  renderPublicPage(
    'Résultats introuvables',
    <>
      <h1>Résultats introuvables</h1>
      <p>Il n’y a pas de résultats publics à cette adresse.</p>
      <p>
        <a href={OPEN_DATA_PATHS.html}>Voir les résultats publiés</a>
      </p>
    </>,
  );
