// The console's moderation overview: every questionnaire with written answers, how many of its
// texts wait for a decision, and the home page's small count of texts waiting.
import type { Context } from 'hono';
import { type QuestionnaireModeration, moderationOverview } from '#core/moderation/use-cases';
import { questionnairePhase } from '#core/questionnaires/questionnaire';
import type { HttpDeps } from '../../../deps';
import type { ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { countOf, formatNumber } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';
import { queueHref } from './queue-page';

const PHASE_LABELS = { upcoming: 'À venir', open: 'Ouvert', closed: 'Clos' } as const;

const OverviewTable = ({ rows, now }: { rows: readonly QuestionnaireModeration[]; now: Date }) => (
  <ScrollRegion label="Questionnaires à modérer">
    <table>
      <caption>Réponses écrites par questionnaire : textes distincts à modérer, approuvés et rejetés</caption>
      <thead>
        <tr>
          <th scope="col">Questionnaire</th>
          <th scope="col">État</th>
          <th scope="col" class="num">
            À modérer
          </th>
          <th scope="col" class="num">
            Approuvés
          </th>
          <th scope="col" class="num">
            Rejetés
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ questionnaire, counts }) => {
          const phase = questionnairePhase(questionnaire, now);
          return (
            <tr>
              <td>
                <a href={queueHref(questionnaire.id)}>{questionnaire.title}</a>
              </td>
              <td>
                <span class={`badge phase-${phase}`}>{PHASE_LABELS[phase]}</span>
              </td>
              <td class="num">{counts.pending > 0 ? <strong>{formatNumber(counts.pending)}</strong> : '0'}</td>
              <td class="num">{formatNumber(counts.approved)}</td>
              <td class="num">{formatNumber(counts.rejected)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </ScrollRegion>
);

export async function overviewPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const rows = await moderationOverview(deps);
  const pending = rows.reduce((sum, row) => sum + row.counts.pending, 0);
  return page(
    c,
    'Modération',
    'moderation',
    <>
      <h1>Modération des réponses écrites</h1>
      <p>
        Une réponse écrite n’est publiée (page de résultats, données ouvertes, messages) qu’une fois approuvée. Les
        textes identiques sont regroupés ; les numéros de téléphone, adresses e-mail et adresses postales sont masqués
        automatiquement.
      </p>
      {rows.length === 0 ? (
        <p class="muted">Aucun questionnaire n’a encore reçu de réponse écrite.</p>
      ) : (
        <>
          <p>{countOf(pending, 'texte attend une décision.', 'textes attendent une décision.')}</p>
          <OverviewTable rows={rows} now={deps.clock.now()} />
        </>
      )}
    </>,
  );
}

/** The home page's section: how many texts wait, and the way to them. */
export const ModerationWidget = async ({ deps }: { deps: HttpDeps }) => {
  const rows = await moderationOverview(deps);
  const pending = rows.reduce((sum, row) => sum + row.counts.pending, 0);
  const waiting = rows.filter((row) => row.counts.pending > 0).length;
  return (
    <section aria-labelledby="moderation-attente">
      <h2 id="moderation-attente">Réponses écrites à modérer</h2>
      <p>
        {pending === 0 ? (
          'Aucun texte n’attend de décision.'
        ) : (
          <>
            <strong>{countOf(pending, 'texte', 'textes')}</strong> {pending > 1 ? 'attendent' : 'attend'} une décision,
            dans {countOf(waiting, 'questionnaire', 'questionnaires')}.
          </>
        )}{' '}
        <a href="/console/moderation">Ouvrir la modération</a>
      </p>
    </section>
  );
};
