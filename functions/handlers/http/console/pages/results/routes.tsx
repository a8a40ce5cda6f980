// The results of a questionnaire in the console: respondents, each question's counts and shares
// (charts with their tables), respondents over time, their way to the public, and the CSV and JSON
// exports, downloaded under the agent's session (the CSV, with the original written answers, by
// editors only). Recounted from the responses by the core, as the API does.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { responsesCsv } from '#core/questionnaires/export';
import type { Questionnaire, QuestionnairePhase } from '#core/questionnaires/questionnaire';
import type { Response } from '#core/questionnaires/response';
import { tallyResponses } from '#core/questionnaires/results';
import { allResponses, getQuestionnaire } from '#core/questionnaires/use-cases';
import { resultsVisibility } from '#core/results/visibility';
import { authorize } from '#core/agents/use-cases';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { formatDateTime, formatNumber } from '../../ui/format';
import { RespondentsPerDay, respondentsPerDay } from './per-day';
import { PublicationStatus } from './publication-status';
import { QuestionResults, type ShortText } from './question-results';
import { publicationBlocker } from '#core/restitution/publish';

const PHASES: Record<QuestionnairePhase, string> = {
  upcoming: 'pas encore ouvert',
  open: 'ouvert aux réponses',
  closed: 'clos',
};

async function load(deps: HttpDeps, id: string) {
  const questionnaire = await getQuestionnaire(deps, id);
  const responses = await allResponses(deps, questionnaire.id);
  return { questionnaire, responses, results: tallyResponses(questionnaire, responses, deps.clock.now()) };
}

function shortTexts(questionnaire: Questionnaire, responses: readonly Response[]): Map<string, ShortText[]> {
  const texts = new Map<string, ShortText[]>();
  for (const q of questionnaire.questions.filter((q) => q.kind === 'short_text'))
    texts.set(
      q.id,
      responses.flatMap((r) => {
        const answer = r.answers[q.id];
        return typeof answer === 'string' ? [{ text: answer, at: r.updatedAt }] : [];
      }),
    );
  return texts;
}

/** A name a spreadsheet and every file system accept: the title without accents or punctuation. */
const fileStem = (prefix: string, q: Questionnaire) => {
  const title = q.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 50);
  return `${prefix}-${title || 'questionnaire'}-${q.id}`;
};
const attachment = (name: string) => `attachment; filename="${name}"`;

async function resultsPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const { questionnaire, responses, results } = await load(deps, c.req.param('id')!);
  const base = `/console/questionnaires/${questionnaire.id}`;
  const texts = shortTexts(questionnaire, responses);
  const canReadTexts = hasRole(c.get('agent').role, 'editor');
  return page(
    c,
    `Résultats — ${questionnaire.title}`,
    'questionnaires',
    <>
      <p class="breadcrumb">
        <a href={base}>Retour au questionnaire</a>
      </p>
      <h1>Résultats : {questionnaire.title}</h1>
      <p>
        Questionnaire {PHASES[results.phase]} — du {formatDateTime(questionnaire.opensAt)} au{' '}
        {formatDateTime(questionnaire.closesAt)} (heure de Paris).
      </p>
      <section aria-labelledby="repondants">
        <h2 id="repondants">Répondants</h2>
        <p class="big-numbers">
          <strong>{formatNumber(results.respondents)}</strong>{' '}
          {results.respondents > 1 ? 'abonné·es ont répondu' : 'abonné·e a répondu'} à au moins une question, dont{' '}
          <strong>{formatNumber(results.complete)}</strong> à toutes les questions
          {results.questions.some((q) => q.shownTo !== undefined)
            ? ' qui leur ont été posées (selon leurs réponses)'
            : ''}
          .
        </p>
      </section>
      <section aria-labelledby="par-question">
        <h2 id="par-question">Réponses par question</h2>
        <p class="muted">
          Les parts sont calculées sur les personnes qui ont répondu à la question. Chaque graphique est suivi d’un
          tableau avec les mêmes chiffres.
        </p>
        {results.questions.map((result, index) => (
          <QuestionResults
            index={index}
            result={result}
            texts={texts.get(result.questionId) ?? []}
            canReadTexts={canReadTexts}
          />
        ))}
      </section>
      <PublicationStatus
        questionnaire={questionnaire}
        visibility={resultsVisibility(questionnaire, deps.clock.now())}
        publicUrl={deps.publicUrl}
        canPublish={canReadTexts}
        publishable={!publicationBlocker(questionnaire, deps.clock.now())}
        hasTexts={texts.size > 0}
      />
      <section aria-labelledby="au-fil-des-jours">
        <h2 id="au-fil-des-jours">Répondants au fil des jours</h2>
        <RespondentsPerDay days={respondentsPerDay(responses)} />
      </section>
      <section aria-labelledby="exports">
        <h2 id="exports">Exports</h2>
        <ul>
          {canReadTexts && (
            <li>
              <a href={`${base}/reponses.csv`} download>
                Télécharger les réponses (CSV, une ligne par répondant·e, pseudonymisé, réponses écrites d’origine)
              </a>
            </li>
          )}
          <li>
            <a href={`${base}/resultats.json`} download>
              Télécharger les résultats (JSON)
            </a>
          </li>
        </ul>
      </section>
    </>,
  );
}

export function resultPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/questionnaires/:id/resultats', (c) => resultsPage(c, deps));
  // The same CSV as the API's /responses.csv: one export, whichever door it is asked through.
  app.get('/console/questionnaires/:id/reponses.csv', async (c) => {
    // The written answers as citizens wrote them, before moderation: editors only.
    authorize(c.get('agent'), 'editor');
    const questionnaire = await getQuestionnaire(deps, c.req.param('id'));
    const text = responsesCsv(questionnaire, await allResponses(deps, questionnaire.id));
    return c.body(text, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(`${fileStem('reponses', questionnaire)}.csv`),
      'Cache-Control': 'no-store',
    });
  });
  app.get('/console/questionnaires/:id/resultats.json', async (c) => {
    const { questionnaire, results } = await load(deps, c.req.param('id'));
    return c.body(JSON.stringify(results, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachment(`${fileStem('resultats', questionnaire)}.json`),
      'Cache-Control': 'no-store',
    });
  });
}
