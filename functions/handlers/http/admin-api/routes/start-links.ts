// Admin routes of start links: deep links `t.me/<bot>?start=<id>` that subscribe to a démarche, a
// theme or a place, and their QR codes for print (core/links, adapters/qr). The bot's username comes
// from TELEGRAM_BOT_USERNAME (or the local bot's getMe); while it is unknown, links have no `url` and
// QR codes are refused in words, never printed broken.
import { z } from '@hono/zod-openapi';
import { qrPng, qrSvg } from '#adapters/qr/qr-code';
import { type StartLink, StartLinkInput, StartLink as StartLinkSchema, telegramStartUrl } from '#core/links/start-link';
import { createStartLink, deleteStartLink, getStartLink, listStartLinks } from '#core/links/use-cases';
import { conflict } from '#core/shared/errors';
import type { HttpDeps } from '../../deps';
import type { AdminApp } from '../app';
import { IdParam, adminRoute, jsonBody, jsonResponse } from '../route';

const TAG = 'Liens et QR codes';
const View = StartLinkSchema.extend({
  url: z
    .string()
    .optional()
    .describe(
      'Le lien https://t.me/<bot>?start=<id> ; absent tant que le nom du bot est inconnu (TELEGRAM_BOT_USERNAME)',
    ),
}).meta({ id: 'StartLink' });
const Id = IdParam('du lien');

const list = adminRoute({
  method: 'get',
  path: '/api/v1/start-links',
  operationId: 'listStartLinks',
  tag: TAG,
  role: 'viewer',
  summary: 'Lister les liens d’abonnement (affiches, flyers) et les abonnements que chacun a apportés',
  responses: {
    200: jsonResponse(
      z
        .object({
          items: z.array(View),
          botUsername: z.string().optional().describe('Le nom du bot Telegram ; absent s’il est inconnu'),
        })
        .meta({ id: 'StartLinkList' }),
      'Les liens, le plus récent d’abord',
    ),
  },
});

const create = adminRoute({
  method: 'post',
  path: '/api/v1/start-links',
  operationId: 'createStartLink',
  tag: TAG,
  role: 'editor',
  summary: 'Créer un lien qui abonne à une démarche, un thème ou un lieu (à imprimer en QR code)',
  description:
    'Le lien ouvre le bot : la personne accepte d’abord les conditions, puis suit ce que le lien nomme. ' +
    'Le compteur `subscriptions` ajoute un par personne qui s’est mise à suivre grâce à lui (pas par scan) ; rien n’est gardé sur qui.',
  request: { body: jsonBody(StartLinkInput.meta({ id: 'StartLinkInput' }), 'Le lien') },
  responses: { 201: jsonResponse(View, 'Le lien créé') },
});

const get = adminRoute({
  method: 'get',
  path: '/api/v1/start-links/{id}',
  operationId: 'getStartLink',
  tag: TAG,
  role: 'viewer',
  summary: 'Un lien et son compteur',
  request: { params: Id },
  responses: { 200: jsonResponse(View, 'Le lien') },
});

const remove = adminRoute({
  method: 'delete',
  path: '/api/v1/start-links/{id}',
  operationId: 'deleteStartLink',
  tag: TAG,
  role: 'editor',
  summary:
    'Supprimer un lien (une affiche qui le montre encore mène à l’inscription normale, avec « ce lien n’est plus valable »)',
  request: { params: Id },
  responses: { 204: { description: 'Lien supprimé' } },
});

const qrRoute = (format: 'png' | 'svg') =>
  adminRoute({
    method: 'get',
    path: `/api/v1/start-links/{id}/qr.${format}`,
    operationId: format === 'png' ? 'getStartLinkQrPng' : 'getStartLinkQrSvg',
    tag: TAG,
    role: 'viewer',
    summary:
      format === 'png'
        ? 'Le QR code du lien en PNG pour l’impression (1 200 px, correction d’erreur Q, marge de 4 modules)'
        : 'Le QR code du lien en SVG (vectoriel, à toute taille ; correction d’erreur Q, marge de 4 modules)',
    description: 'Refusé (409, règle `telegram_bot_username`) tant que le nom du bot est inconnu.',
    request: { params: Id },
    responses: {
      200: {
        description: format === 'png' ? 'Image PNG' : 'Image SVG',
        content:
          format === 'png'
            ? { 'image/png': { schema: z.string().meta({ format: 'binary' }) } }
            : { 'image/svg+xml': { schema: z.string() } },
      },
    },
  });

const usernameUnknown = () =>
  conflict(
    'le nom du bot Telegram est inconnu : définissez TELEGRAM_BOT_USERNAME (sans @) pour obtenir les liens et leurs QR codes',
    'telegram_bot_username',
  );

export function startLinkRoutes(app: AdminApp, deps: HttpDeps) {
  const username = () => deps.botUsername?.() ?? Promise.resolve(undefined);
  const view = (link: StartLink, bot: string | undefined) => {
    const url = telegramStartUrl(bot, link.id);
    return url ? { ...link, url } : link;
  };
  const urlOf = async (id: string) => {
    const url = telegramStartUrl(await username(), (await getStartLink(deps, id)).id);
    if (!url) throw usernameUnknown();
    return { url, id };
  };

  app.openapi(list, async (c) => {
    const bot = await username();
    const items = (await listStartLinks(deps)).map((link) => view(link, bot));
    return c.json(bot ? { items, botUsername: bot } : { items }, 200);
  });
  app.openapi(create, async (c) => {
    const link = await createStartLink(deps, c.get('agent'), c.req.valid('json'));
    return c.json(view(link, await username()), 201);
  });
  app.openapi(get, async (c) => c.json(view(await getStartLink(deps, c.req.valid('param').id), await username()), 200));
  app.openapi(remove, async (c) => {
    await deleteStartLink(deps, c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(qrRoute('png'), async (c) => {
    const { url, id } = await urlOf(c.req.valid('param').id);
    return c.body(new Uint8Array(await qrPng(url)), 200, {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="qr-${id}.png"`,
    });
  });
  app.openapi(qrRoute('svg'), async (c) => {
    const { url, id } = await urlOf(c.req.valid('param').id);
    return c.body(await qrSvg(url), 200, {
      'Content-Type': 'image/svg+xml',
      'Content-Disposition': `attachment; filename="qr-${id}.svg"`,
    });
  });
}
