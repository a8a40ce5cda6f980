// Admin routes for the timeline's announcements: their templates (read, save: an unknown
// placeholder is a 400 naming it), the pending ones (drafts to approve, scheduled ones to come),
// and approving a draft. An announcement is a campaign: /api/v1/campaigns/{id}/schedule approves
// it too while its time is ahead; /approve also moves a time that passed within the grace.
import { z } from '@hono/zod-openapi';
import { approveAnnouncement, listPendingAnnouncements } from '#core/announcements/listing';
import { AnnouncementTemplateInput, PLACEHOLDERS, TemplateKeySchema } from '#core/announcements/template';
import {
  getAnnouncementTemplate,
  listAnnouncementTemplates,
  saveAnnouncementTemplate,
} from '#core/announcements/template-use-cases';
import { AnnouncementRule, Campaign } from '#core/campaigns/campaign';
import { StepKind } from '#core/demarches/demarche';
import { Instant, Slug } from '#core/shared/schema';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonBody, jsonResponse } from '../route';
import { versioned } from './common';

const tag = 'Annonces';

const TemplateSchema = AnnouncementTemplateInput.extend({
  key: TemplateKeySchema,
  custom: z.boolean().describe('Modèle enregistré par un·e agent·e (sinon, le texte par défaut)'),
  updatedAt: Instant.optional(),
  updatedBy: z.string().optional(),
}).meta({ id: 'AnnouncementTemplate' });

const TemplatesSchema = z
  .object({
    items: z.array(TemplateSchema),
    placeholders: z
      .record(z.string(), z.string())
      .describe('Champs utilisables entre accolades, et ce qu’ils deviennent'),
  })
  .meta({ id: 'AnnouncementTemplates' });

const AnnouncementSchema = z
  .object({
    campaign: Campaign,
    rule: AnnouncementRule,
    demarche: z.object({ slug: Slug, title: z.string() }),
    step: z
      .object({ id: z.string(), title: z.string(), kind: StepKind })
      .optional()
      .describe('Absente si l’étape a été supprimée'),
  })
  .meta({ id: 'Announcement' });

const KeyParam = z.object({ key: TemplateKeySchema.meta({ param: { description: 'Règle et type d’étape' } }) });

const listTemplates = adminRoute({
  method: 'get',
  path: '/api/v1/announcements/templates',
  operationId: 'listAnnouncementTemplates',
  tag,
  role: 'viewer',
  summary: 'Lister les modèles d’annonces (par règle et type d’étape) et les champs utilisables',
  responses: { 200: jsonResponse(TemplatesSchema, 'Les modèles, enregistrés ou par défaut') },
});

const readTemplate = adminRoute({
  method: 'get',
  path: '/api/v1/announcements/templates/{key}',
  operationId: 'getAnnouncementTemplate',
  tag,
  role: 'viewer',
  summary: 'Lire un modèle d’annonce',
  request: { params: KeyParam },
  responses: { 200: jsonResponse(TemplateSchema, 'Le modèle') },
});

const saveTemplate = adminRoute({
  method: 'put',
  path: '/api/v1/announcements/templates/{key}',
  operationId: 'saveAnnouncementTemplate',
  tag,
  role: 'editor',
  summary: 'Enregistrer un modèle d’annonce (français, anglais, texte X facultatif)',
  description:
    'Un champ inconnu entre accolades, ou un texte vide, est refusé (400). Les annonces à venir sont réécrites au prochain passage de la tâche d’envoi.',
  request: {
    params: KeyParam,
    body: jsonBody(AnnouncementTemplateInput.meta({ id: 'AnnouncementTemplateInput' }), 'Le modèle'),
  },
  responses: { 200: jsonResponse(TemplateSchema, 'Le modèle enregistré') },
});

const listPending = adminRoute({
  method: 'get',
  path: '/api/v1/announcements',
  operationId: 'listAnnouncements',
  tag,
  role: 'viewer',
  summary: 'Annonces en attente : brouillons à approuver et annonces programmées, les plus proches d’abord',
  responses: {
    200: jsonResponse(z.object({ items: z.array(AnnouncementSchema) }).meta({ id: 'Announcements' }), 'Les annonces'),
  },
});

const approve = adminRoute({
  method: 'post',
  path: '/api/v1/announcements/drafts/{id}/approve',
  operationId: 'approveAnnouncement',
  tag,
  role: 'editor',
  summary: 'Approuver une annonce en brouillon : elle est programmée',
  description:
    'Comme /api/v1/campaigns/{id}/schedule ; une annonce dont l’heure vient de passer (dans son délai de grâce) part une minute plus tard, une annonce périmée est refusée (409).',
  request: { params: IdParam('de l’annonce (campagne)') },
  responses: { 200: jsonResponse(Campaign, 'La campagne programmée', true) },
});

export function announcementRoutes(app: AdminApp, deps: HttpDeps) {
  app.openapi(listTemplates, async (c) =>
    c.json({ items: await listAnnouncementTemplates(deps), placeholders: { ...PLACEHOLDERS } }, 200),
  );
  app.openapi(readTemplate, async (c) => c.json(await getAnnouncementTemplate(deps, c.req.valid('param').key), 200));
  app.openapi(saveTemplate, async (c) =>
    c.json(await saveAnnouncementTemplate(deps, c.get('agent'), c.req.valid('param').key, c.req.valid('json')), 200),
  );
  app.openapi(listPending, async (c) => c.json({ items: await listPendingAnnouncements(deps) }, 200));
  app.openapi(approve, async (c) =>
    c.json(versioned(c, await approveAnnouncement(deps, c.get('agent'), c.req.valid('param').id)), 200),
  );
}
