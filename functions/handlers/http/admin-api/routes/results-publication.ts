// Admin route publishing a questionnaire's results: the feed item, the X draft and « Voici ce que
// vous avez dit » to those who answered (core/restitution/publish.ts), once.
import { z } from '@hono/zod-openapi';
import { Campaign } from '#core/campaigns/campaign';
import { FeedItem } from '#core/feeds/feed-item';
import { Questionnaire } from '#core/questionnaires/questionnaire';
import { publishResults } from '#core/restitution/publish';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonResponse } from '../route';

const PublishedResults = z
  .object({
    questionnaire: Questionnaire.meta({ id: 'Questionnaire' }),
    feedItem: FeedItem.meta({ id: 'FeedItem' }),
    xDraft: Campaign.meta({ id: 'Campaign' }).describe(
      'Brouillon sur X : à relire (décompte, coût) puis programmer depuis la console ou l’API',
    ),
    restitution: Campaign.meta({ id: 'Campaign' }).describe(
      '« Voici ce que vous avez dit » aux personnes qui ont répondu, programmée quelques minutes plus tard (annulable)',
    ),
  })
  .meta({ id: 'PublishedResults' });

const publish = adminRoute({
  method: 'post',
  path: '/api/v1/questionnaires/{id}/publish',
  operationId: 'publishQuestionnaireResults',
  tag: 'Questionnaires',
  role: 'editor',
  summary: 'Publier les résultats : article dans les flux, brouillon X, « Voici ce que vous avez dit »',
  description:
    'Les résultats doivent être publics maintenant (sinon 409). Une seule publication par questionnaire : ' +
    'une seconde répond 409 en nommant la date de la première. « Voici ce que vous avez dit » part une fois au plus, ' +
    'même si l’étape de synthèse ou de décision de la démarche l’a déjà envoyé.',
  request: { params: IdParam('du questionnaire') },
  responses: { 200: jsonResponse(PublishedResults, 'Ce que la publication a créé') },
});

export function resultsPublicationRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(publish, async (c) => c.json(await publishResults(deps, c.get('agent'), c.req.valid('param').id), 200));
}
