// Admin route to send a campaign's test to the acting agent's own Telegram chat (linked once
// through /api/v1/agents/me/telegram-link and the bot's /lier command).
import { z } from '@hono/zod-openapi';
import { sendCampaignTest } from '#core/campaigns/test-send';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonResponse } from '../route';

const test = adminRoute({
  method: 'post',
  path: '/api/v1/campaigns/{id}/test',
  operationId: 'sendCampaignTest',
  tag: 'Campagnes',
  role: 'editor',
  summary: 'Envoyer un test de la campagne à son propre chat Telegram',
  description:
    'Le message tel que les abonnés le recevront (en français, avec la première question du questionnaire ' +
    's’il est ouvert), titre préfixé « [TEST] ». Rien n’est compté ni écrit dans le registre des envois ; ' +
    'le journal d’audit garde l’action `campaign.test`. Refusé (409) sans chat lié (règle `telegram_not_linked`), ' +
    'si le bot est bloqué (`telegram_chat_blocked`), si l’envoi échoue (`telegram_test_sent`), ' +
    'ou si ce service n’a pas de jeton de bot (`telegram_configured`).',
  request: { params: IdParam('de la campagne') },
  responses: {
    200: jsonResponse(
      z
        .object({
          campaignId: z.string(),
          sentAt: z.string().describe('Heure de l’envoi (ISO-8601, UTC)'),
          withQuestion: z.boolean().describe('Le message portait la première question du questionnaire'),
        })
        .meta({ id: 'CampaignTest' }),
      'Le test est parti',
    ),
  },
});

export function campaignTestRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(test, async (c) => c.json(await sendCampaignTest(deps, c.get('agent'), c.req.valid('param').id), 200));
}
