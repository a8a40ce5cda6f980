// Admin routes for a campaign being sent: pause, resume (cancel is with the other moves, in
// campaigns.ts) and its progress, which the console polls while it leaves.
import { Campaign } from '#core/campaigns/campaign';
import { pauseCampaign, resumeCampaign } from '#core/campaigns/sending-control';
import { CampaignProgress, getCampaignProgress } from '#core/delivery/progress';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonResponse } from '../route';
import { versioned } from './common';

const tag = 'Campagnes';
const CampaignSchema = Campaign.meta({ id: 'Campaign' });
const CampaignId = IdParam('de la campagne');

const move = (verb: 'pause' | 'resume', summary: string, description: string) =>
  adminRoute({
    method: 'post',
    path: `/api/v1/campaigns/{id}/${verb}`,
    operationId: `${verb}Campaign`,
    tag,
    role: 'editor',
    summary,
    description,
    request: { params: CampaignId },
    responses: { 200: jsonResponse(CampaignSchema, 'La campagne dans son nouvel état', true) },
  });

const pause = move(
  'pause',
  'Mettre en pause une campagne en cours d’envoi',
  'Aucun nouvel envoi ne part au-delà de quelques secondes ; ceux en cours se terminent et sont comptés. ' +
    'Seule une campagne en cours d’envoi peut être mise en pause (règle `transition_<état>_to_paused`).',
);
const resume = move(
  'resume',
  'Reprendre l’envoi d’une campagne en pause',
  'Le reste de l’audience (ni servi, ni en cours) repart dans les secondes qui suivent, une fois par abonné·e.',
);

const progress = adminRoute({
  method: 'get',
  path: '/api/v1/campaigns/{id}/progress',
  operationId: 'getCampaignProgress',
  tag,
  role: 'viewer',
  summary: 'Suivre l’envoi : envoyés, échecs, restants par canal, rythme, fin estimée, échecs par raison',
  description: 'À interroger toutes les 2 secondes pendant l’envoi : lu dans le registre des envois.',
  request: { params: CampaignId },
  responses: {
    200: jsonResponse(CampaignProgress.meta({ id: 'CampaignProgress' }), 'L’avancement, par canal de la campagne'),
  },
});

export function campaignSendingRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(pause, async (c) =>
    c.json(versioned(c, await pauseCampaign(deps, c.get('agent'), c.req.valid('param').id)), 200),
  );
  app.openapi(resume, async (c) =>
    c.json(versioned(c, await resumeCampaign(deps, c.get('agent'), c.req.valid('param').id)), 200),
  );
  app.openapi(progress, async (c) => c.json(await getCampaignProgress(deps, c.req.valid('param').id), 200));
}
