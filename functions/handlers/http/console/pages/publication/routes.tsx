// Publishing a questionnaire's results from the console: a preview of the three things it creates
// (« Voici ce que vous avez dit » as a Telegram bubble with its recipients, the feed item, the X
// draft with its weighted count and cost), a warning while written answers await moderation, then
// « Publier les résultats » (editors). The same core plan (core/restitution/plan.ts) makes both.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { type PublicationPlan, planPublication } from '#core/restitution/plan';
import { publicationBlocker, publishResults } from '#core/restitution/publish';
import { isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { ActionButton, ErrorSummary } from '../../ui/forms';
import { formatDateTime } from '../../ui/format';
import { campaignPath } from '../campaigns/campaign-page';
import { PublicationPreviews } from './previews';
import { pendingCount } from '#core/moderation/use-cases';

export const publicationPath = (id: string) => `/console/questionnaires/${id}/publier`;
export const moderationPath = (id: string) => `/console/questionnaires/${id}/moderation`;

/** Why « Publier » is not offered, or undefined when it is: the use case's own rule. */
function blocker(plan: PublicationPlan, now: Date): string | undefined {
  const { questionnaire } = plan;
  if (questionnaire.publishedAt)
    return `Les résultats ont été publiés le ${formatDateTime(questionnaire.publishedAt)}.`;
  const refusal = publicationBlocker(questionnaire, now);
  return refusal && `${refusal.message.charAt(0).toUpperCase()}${refusal.message.slice(1)}.`;
}

async function publicationPage(c: Context<ConsoleEnv>, deps: HttpDeps, problem?: { message: string }) {
  const plan = await planPublication(deps, c.req.param('id')!);
  const { questionnaire } = plan;
  const pending = await pendingCount(deps, questionnaire);
  const refused = blocker(plan, deps.clock.now());
  const canPublish = hasRole(c.get('agent').role, 'editor') && !refused;
  return page(
    c,
    `Publier les résultats — ${questionnaire.title}`,
    'questionnaires',
    <>
      <p class="breadcrumb">
        <a href={`/console/questionnaires/${questionnaire.id}/resultats`}>Retour aux résultats</a>
      </p>
      <h1>Publier les résultats : {questionnaire.title}</h1>
      <ErrorSummary violations={[]} message={problem?.message} />
      <p>
        Publier crée trois choses : un article dans les flux (ceux de la démarche compris), un brouillon de publication
        X à relire puis programmer, et le message « Voici ce que vous avez dit » aux personnes qui ont répondu,
        programmé quelques minutes plus tard (vous pouvez encore le déprogrammer depuis sa page).
      </p>
      {pending > 0 && (
        <div class="notice warning" role="status">
          {pending > 1
            ? `${pending} réponses écrites attendent la modération : elles ne paraîtront dans aucun résultat public tant qu’un·e agent·e ne les a pas approuvées.`
            : '1 réponse écrite attend la modération : elle ne paraîtra dans aucun résultat public tant qu’un·e agent·e ne l’a pas approuvée.'}{' '}
          <a href={moderationPath(questionnaire.id)}>Modérer les réponses écrites</a>
        </div>
      )}
      {refused && <p class="notice">{refused}</p>}
      {questionnaire.restitution && (
        <p>
          « Voici ce que vous avez dit » a déjà été créé le {formatDateTime(questionnaire.restitution.at)}
          {questionnaire.restitution.trigger === 'step'
            ? ', à l’étape de synthèse ou de décision de la démarche'
            : ''}{' '}
          : il ne partira pas une seconde fois.{' '}
          <a href={campaignPath(questionnaire.restitution.campaignId)}>Voir sa campagne</a>
        </p>
      )}
      <PublicationPreviews plan={plan} />
      {canPublish && <ActionButton action={publicationPath(questionnaire.id)} label="Publier les résultats" />}
    </>,
    problem ? 409 : 200,
  );
}

async function publish(c: Context<ConsoleEnv>, deps: HttpDeps) {
  authorize(c.get('agent'), 'editor');
  const id = c.req.param('id')!;
  try {
    await publishResults(deps, c.get('agent'), id);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'Conflict') throw error;
    return publicationPage(c, deps, { message: `Les résultats n’ont pas été publiés : ${error.message}` });
  }
  setNotice(c, 'Résultats publiés : article dans les flux, brouillon X et « Voici ce que vous avez dit » programmé');
  return c.redirect(`/console/questionnaires/${id}/resultats`, 303);
}

export function publicationPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/questionnaires/:id/publier', (c) => publicationPage(c, deps));
  app.post('/console/questionnaires/:id/publier', (c) => publish(c, deps));
}
