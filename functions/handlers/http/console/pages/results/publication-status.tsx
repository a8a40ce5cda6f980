// The results' way to the public, on the console's results page: the policy, whether and since when
// the results are public, the public page's address, the publication (and « Voici ce que vous avez
// dit ») with their campaigns, and the ways to publish and to moderate the written answers.
import type { FC } from 'hono/jsx';
import { RESULTS_POLICY_LABELS, type Questionnaire } from '#core/questionnaires/questionnaire';
import { publicResultsPaths } from '#core/results/paths';
import type { ResultsVisibility } from '#core/results/visibility';
import { derivedId } from '#core/restitution/restitution';
import { formatDateTime } from '../../ui/format';
import { campaignPath } from '../campaigns/campaign-page';
import { moderationPath, publicationPath } from '../publication/routes';

function visibilityText(visibility: ResultsVisibility): string {
  if (visibility.visible) return 'Les résultats sont publics maintenant.';
  if (visibility.reason === 'private') return 'Les résultats restent privés : aucune adresse publique ne les montre.';
  return `Les résultats seront publics le ${formatDateTime(visibility.from)} (heure de Paris).`;
}

export const PublicationStatus: FC<{
  questionnaire: Questionnaire;
  visibility: ResultsVisibility;
  publicUrl: string;
  canPublish: boolean;
  /** No rule stops a publication now (`publicationBlocker`): results public, questionnaire closed. */
  publishable: boolean;
  hasTexts: boolean;
}> = ({ questionnaire: q, visibility, publicUrl, canPublish, publishable, hasTexts }) => {
  const publicPage = `${publicUrl}${publicResultsPaths(q.id).page}`;
  return (
    <section aria-labelledby="publication">
      <h2 id="publication">Publication</h2>
      <dl class="summary">
        <dt>Politique de résultats</dt>
        <dd>{RESULTS_POLICY_LABELS[q.resultsPolicy]}</dd>
        <dt>Aujourd’hui</dt>
        <dd>{visibilityText(visibility)}</dd>
        {q.resultsPolicy !== 'private' && (
          <>
            <dt>Page publique</dt>
            <dd>
              <a href={publicPage}>{publicPage}</a>
            </dd>
          </>
        )}
        <dt>Résultats publiés</dt>
        <dd>
          {q.publishedAt ? (
            <>
              le {formatDateTime(q.publishedAt)} —{' '}
              <a href={campaignPath(derivedId('x-draft', q.id))}>brouillon X à relire et programmer</a>
            </>
          ) : (
            'pas encore'
          )}
        </dd>
        <dt>« Voici ce que vous avez dit »</dt>
        <dd>
          {q.restitution ? (
            <>
              créé le {formatDateTime(q.restitution.at)}
              {q.restitution.trigger === 'step' ? ' (étape de synthèse ou de décision)' : ' (publication)'} —{' '}
              <a href={campaignPath(q.restitution.campaignId)}>voir la campagne</a>
            </>
          ) : (
            'pas encore envoyé'
          )}
        </dd>
      </dl>
      <ul>
        {canPublish && !q.publishedAt && publishable && (
          <li>
            <a href={publicationPath(q.id)}>Publier les résultats</a> (aperçu avant publication)
          </li>
        )}
        {hasTexts && (
          <li>
            <a href={moderationPath(q.id)}>Modérer les réponses écrites</a> : seules celles approuvées paraissent en
            public
          </li>
        )}
      </ul>
    </section>
  );
};
