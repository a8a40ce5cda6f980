// Where the console proposes an évaluation: on the home page (every démarche due one) and on a
// démarche's page (its own). Each reads what it needs, so its host page adds one line.
import type { FC } from 'hono/jsx';
import type { Demarche } from '#core/demarches/demarche';
import { allQuestionnaires, evaluationOf, evaluationProposals, lastStepReached } from '#core/evaluation/proposals';
import type { HttpDeps } from '../../../deps';
import { formatDate } from '../../ui/format';

export const evaluationPath = (slug: string) => `/console/demarches/${encodeURIComponent(slug)}/evaluation`;

const ProposalLink: FC<{ demarche: Pick<Demarche, 'slug' | 'title'> }> = ({ demarche }) => (
  <a href={evaluationPath(demarche.slug)}>
    proposer l’évaluation<span class="visually-hidden"> de « {demarche.title} »</span>
  </a>
);

/** Home page: the démarches whose last step is reached and that have no évaluation yet. */
export const EvaluationProposalsNotice: FC<{ deps: HttpDeps }> = async ({ deps }) => {
  const proposals = await evaluationProposals(deps, deps.clock.now());
  if (proposals.length === 0) return null;
  return (
    <section class="notice" aria-labelledby="evaluations-a-proposer">
      <h2 id="evaluations-a-proposer">Évaluations à proposer</h2>
      <ul>
        {proposals.map(({ demarche, lastStep }) => (
          <li>
            « {demarche.title} » ({lastStep.title}, {formatDate(lastStep.start)}) — La dernière étape est atteinte :{' '}
            <ProposalLink demarche={demarche} />
          </li>
        ))}
      </ul>
    </section>
  );
};

/** A démarche's page: its évaluation if it has one, else the proposal once its last step is reached. */
export const DemarcheEvaluationNotice: FC<{ deps: HttpDeps; demarche: Demarche }> = async ({ deps, demarche }) => {
  const evaluation = evaluationOf(await allQuestionnaires(deps), demarche.slug);
  if (evaluation)
    return (
      <p class="notice">
        Évaluation de la démarche :{' '}
        <a href={`/console/questionnaires/${encodeURIComponent(evaluation.id)}`}>{evaluation.title}</a> (
        <a href={`/console/questionnaires/${encodeURIComponent(evaluation.id)}/resultats`}>résultats</a>,{' '}
        <a href="/console/evaluations">comparaison avec les autres démarches</a>).
      </p>
    );
  if (!lastStepReached(demarche, deps.clock.now())) return null;
  return (
    <p class="notice">
      La dernière étape est atteinte : <ProposalLink demarche={demarche} />
    </p>
  );
};
