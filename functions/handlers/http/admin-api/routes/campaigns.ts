// Admin routes for campaigns: write, correct, schedule, unschedule, cancel.
import { Campaign, CampaignInput, CampaignStatus } from '#core/campaigns/campaign';
import {
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  scheduleCampaign,
  unscheduleCampaign,
  updateCampaign,
} from '#core/campaigns/use-cases';
import * as z from 'zod';
import { previewCampaign } from '#core/campaigns/preview';
import { defineRoute } from '../route';
import { Patch, listOptions, pageBody, pageOf, paginationQuery } from './common';

const tag = 'Campagnes';

const lifecycleRoute = (verb: 'schedule' | 'unschedule' | 'cancel', summary: string, run: typeof scheduleCampaign) =>
  defineRoute({
    method: 'post',
    path: `/api/v1/campaigns/:id/${verb}`,
    tag,
    role: 'editor',
    summary,
    response: { status: 200, description: 'La campagne dans son nouvel état', schema: Campaign },
    handle: async ({ deps, agent, params }) => {
      const campaign = await run(deps, agent, params.id!);
      return { body: campaign, version: campaign.version };
    },
  });

export const campaignRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/campaigns',
    tag,
    role: 'viewer',
    summary: 'Lister les campagnes, les plus récentes d’abord',
    query: { ...paginationQuery, status: { description: 'Filtrer par état', schema: CampaignStatus } },
    response: { status: 200, description: 'Une page de campagnes', schema: pageOf(Campaign) },
    handle: async ({ deps, query }) => ({
      body: pageBody(
        await listCampaigns(deps, { ...listOptions(query), status: CampaignStatus.optional().parse(query.status) }),
      ),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/campaigns',
    tag,
    role: 'editor',
    summary: 'Créer une campagne (brouillon) ; la programmer ensuite avec /schedule',
    body: CampaignInput,
    response: { status: 201, description: 'La campagne créée, en brouillon', schema: Campaign },
    handle: async ({ deps, agent, body }) => {
      const campaign = await createCampaign(deps, agent, body);
      return { status: 201, body: campaign, version: campaign.version };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/campaigns/:id',
    tag,
    role: 'viewer',
    summary: 'Lire une campagne, son état et ses compteurs d’envoi',
    response: { status: 200, description: 'La campagne', schema: Campaign },
    handle: async ({ deps, params }) => {
      const campaign = await getCampaign(deps, params.id!);
      return { body: campaign, version: campaign.version };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/campaigns/:id',
    tag,
    role: 'editor',
    summary: 'Modifier une campagne en brouillon ou programmée (pas une campagne en cours d’envoi ou envoyée)',
    body: Patch,
    response: { status: 200, description: 'La campagne modifiée', schema: Campaign },
    handle: async ({ deps, agent, params, body, expectedVersion }) => {
      const campaign = await updateCampaign(deps, agent, params.id!, body, expectedVersion);
      return { body: campaign, version: campaign.version };
    },
  }),
  lifecycleRoute('schedule', 'Programmer l’envoi (l’heure doit être à venir)', scheduleCampaign),
  lifecycleRoute('unschedule', 'Déprogrammer : la campagne redevient un brouillon', unscheduleCampaign),
  lifecycleRoute('cancel', 'Annuler la campagne', cancelCampaign),
  defineRoute({
    method: 'get',
    path: '/api/v1/campaigns/:id/preview',
    tag,
    role: 'viewer',
    summary: 'Aperçu avant envoi : le message sur chaque canal, le décompte X et son coût, le nombre de destinataires',
    response: { status: 200, description: 'L’aperçu', schema: z.record(z.string(), z.unknown()) },
    handle: async ({ deps, params }) => ({ body: await previewCampaign(deps, await getCampaign(deps, params.id!)) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/x/outbox',
    tag: 'X',
    role: 'viewer',
    summary:
      'Publications X : en attente (sans identifiants X configurés), publiées ou en échec, les plus récentes d’abord',
    query: paginationQuery,
    response: {
      status: 200,
      description: 'Une page de publications',
      schema: z.object({ items: z.array(z.record(z.string(), z.unknown())), next: z.string().optional() }),
    },
    handle: async ({ deps, query }) => ({ body: pageBody(await deps.store.xOutbox.list(listOptions(query))) }),
  }),
];
