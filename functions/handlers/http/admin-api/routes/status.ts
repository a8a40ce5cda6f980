// GET /api/v1/status: whether each outbound channel can send right now, in the agents' words
// (« Telegram non configuré » after a first deploy, before the bot token is written), so a client of
// the API knows before it schedules that Telegram sends will wait.
import { readChannelStatus, channelStatusView, ChannelStatusView } from '../../channel-status';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { adminRoute, jsonResponse } from '../route';

const status = adminRoute({
  method: 'get',
  path: '/api/v1/status',
  operationId: 'getChannelStatus',
  tag: 'Service',
  role: 'viewer',
  summary: 'État des canaux : Telegram peut-il envoyer maintenant ? X publie-t-il ou remplit-il la boîte d’envoi ?',
  description:
    'Telegram est « non configuré » tant que le jeton du bot n’est pas enregistré (premier déploiement) : ' +
    'les campagnes restent acceptées et leurs envois Telegram attendent le jeton, sans rien perdre. ' +
    '« Indisponible » : le secret n’a pas pu être lu ; les envois reprennent seuls une fois la lecture rétablie.',
  responses: { 200: jsonResponse(ChannelStatusView, 'L’état de chaque canal') },
});

export function statusRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(status, async (c) => c.json(channelStatusView(await readChannelStatus(deps)), 200));
}
