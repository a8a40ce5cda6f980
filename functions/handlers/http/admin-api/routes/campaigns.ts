// Admin routes for campaigns: write, correct, preview, schedule, unschedule, cancel (the X outbox: x-outbox.ts).
// Pause, resume and progress while sending: campaigns-sending.ts.
import { Campaign, CampaignInput, CampaignStatus } from '#core/campaigns/campaign';
import { CampaignPreview, previewCampaign } from '#core/campaigns/preview';
import {
  CampaignPatch,
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  scheduleCampaign,
  unscheduleCampaign,
  updateCampaign,
} from '#core/campaigns/use-cases';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, IfMatchHeader, adminRoute, jsonBody, jsonResponse } from '../route';
import { campaignSendingRoutes } from './campaigns-sending';
import { PaginationQuery, pageBody, pageOf, versioned } from './common';

const tag = 'Campagnes';
const CampaignSchema = Campaign.meta({ id: 'Campaign' });
const CampaignId = IdParam('de la campagne');

const list = adminRoute({
  method: 'get',
  path: '/api/v1/campaigns',
  operationId: 'listCampaigns',
  tag,
  role: 'viewer',
  summary: 'Lister les campagnes, les plus récentes d’abord',
  request: {
    query: PaginationQuery.extend({
      status: CampaignStatus.optional().meta({ param: { description: 'Filtrer par état' } }),
    }),
  },
  responses: { 200: jsonResponse(pageOf(CampaignSchema), 'Une page de campagnes') },
});

const create = adminRoute({
  method: 'post',
  path: '/api/v1/campaigns',
  operationId: 'createCampaign',
  tag,
  role: 'editor',
  summary: 'Créer une campagne (brouillon) ; la programmer ensuite avec /schedule',
  description: 'L’heure d’envoi doit être à venir (règle `send_at_in_future`).',
  request: { body: jsonBody(CampaignInput.meta({ id: 'CampaignInput' }), 'La campagne') },
  responses: { 201: jsonResponse(CampaignSchema, 'La campagne créée, en brouillon', true) },
});

const read = adminRoute({
  method: 'get',
  path: '/api/v1/campaigns/{id}',
  operationId: 'getCampaign',
  tag,
  role: 'viewer',
  summary: 'Lire une campagne, son état et ses compteurs d’envoi',
  request: { params: CampaignId },
  responses: { 200: jsonResponse(CampaignSchema, 'La campagne', true) },
});

const update = adminRoute({
  method: 'patch',
  path: '/api/v1/campaigns/{id}',
  operationId: 'updateCampaign',
  tag,
  role: 'editor',
  summary: 'Modifier une campagne en brouillon ou programmée (JSON Merge Patch)',
  description:
    'Pas une campagne en cours d’envoi ou envoyée. Une heure d’envoi donnée doit être à venir. ' +
    'L’état change par /schedule, /unschedule et /cancel. Sans changement, rien n’est écrit.',
  request: {
    params: CampaignId,
    headers: IfMatchHeader,
    body: jsonBody(
      CampaignPatch.meta({ id: 'CampaignPatch' }),
      'Les champs à changer ; `null` retire un champ facultatif',
    ),
  },
  responses: { 200: jsonResponse(CampaignSchema, 'La campagne, modifiée ou inchangée', true) },
});

const lifecycle = (verb: 'schedule' | 'unschedule' | 'cancel', summary: string) =>
  adminRoute({
    method: 'post',
    path: `/api/v1/campaigns/{id}/${verb}`,
    operationId: `${verb}Campaign`,
    tag,
    role: 'editor',
    summary,
    request: { params: CampaignId },
    responses: { 200: jsonResponse(CampaignSchema, 'La campagne dans son nouvel état', true) },
  });

const preview = adminRoute({
  method: 'get',
  path: '/api/v1/campaigns/{id}/preview',
  operationId: 'previewCampaign',
  tag,
  role: 'viewer',
  summary: 'Aperçu avant envoi : le message sur chaque canal, le décompte X et son coût, le nombre de destinataires',
  request: { params: CampaignId },
  responses: { 200: jsonResponse(CampaignPreview.meta({ id: 'CampaignPreview' }), 'L’aperçu, par canal choisi') },
});

const moves = { schedule: scheduleCampaign, unschedule: unscheduleCampaign, cancel: cancelCampaign };
const lifecycleRoutes = [
  [lifecycle('schedule', 'Programmer l’envoi (l’heure doit être à venir)'), 'schedule'],
  [lifecycle('unschedule', 'Déprogrammer : la campagne redevient un brouillon'), 'unschedule'],
  [
    lifecycle(
      'cancel',
      'Annuler la campagne, ou arrêter son envoi (en cours ou en pause) : ce qui est parti reste compté',
    ),
    'cancel',
  ],
] as const;

export function campaignRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(list, async (c) => c.json(pageBody(await listCampaigns(deps, c.req.valid('query'))), 200));
  app.openapi(create, async (c) =>
    c.json(versioned(c, await createCampaign(deps, c.get('agent'), c.req.valid('json'))), 201),
  );
  app.openapi(read, async (c) => c.json(versioned(c, await getCampaign(deps, c.req.valid('param').id)), 200));
  app.openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const campaign = await updateCampaign(
      deps,
      c.get('agent'),
      id,
      c.req.valid('json'),
      c.req.valid('header')['If-Match'],
    );
    return c.json(versioned(c, campaign), 200);
  });
  for (const [route, verb] of lifecycleRoutes)
    app.openapi(route, async (c) =>
      c.json(versioned(c, await moves[verb](deps, c.get('agent'), c.req.valid('param').id)), 200),
    );
  app.openapi(preview, async (c) =>
    c.json(await previewCampaign(deps, await getCampaign(deps, c.req.valid('param').id)), 200),
  );
  campaignSendingRoutes(app, deps);
}
