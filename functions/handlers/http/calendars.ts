// GET /feeds/calendar.ics and the same under /feeds/demarches/:slug/, /feeds/themes/:theme/ and
// /feeds/territoires/:slug/: the public calendars; and /feeds/index.html, the page that lists them
// with the feeds. Calendar applications poll them as feed readers
// do, so they get the feeds' validators: an unchanged calendar answers 304 without being rendered.
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { CALENDAR_CONTENT_TYPE, renderCalendar } from '#adapters/calendar/render';
import {
  type CalendarScope,
  type CalendarView,
  SUBSCRIPTIONS_PATHS,
  calendarPath,
  readCalendar,
} from '#core/calendars/read';
import { listSubscriptions } from '#core/calendars/subscriptions';
import { THEMES } from '#core/demarches/places';
import { isDomainError } from '#core/shared/errors';
import { Slug } from '#core/shared/schema';
import { CALENDAR_ROUTES } from './calendars-document';
import { consoleHeaders } from './console/security';
import type { HttpDeps } from './deps';
import { isNotModified } from './feeds';
import { subscriptionsPage } from './public/subscriptions-page';

const CACHE_CONTROL = 'public, max-age=300';
// Bump when the rendering changes, so a strong ETag never names two different bodies.
const RENDERING_VERSION = '1';

export function calendarRoutes(deps: HttpDeps): Hono {
  const app = new Hono();
  // The « S'abonner » page: both spellings locally; on AWS only /feeds/{proxy+} reaches this Lambda.
  const subscriptions = (c: Context) => serveSubscriptions(c, deps);
  for (const path of SUBSCRIPTIONS_PATHS) app.get(path, consoleHeaders(), subscriptions);
  for (const { scope, honoPath } of CALENDAR_ROUTES)
    app.get(honoPath, (c) =>
      serveCalendar(c, deps, scope ? { kind: scope, key: c.req.param('key') ?? '' } : undefined),
    );
  return app;
}

async function serveCalendar(c: Context, deps: HttpDeps, scope?: CalendarScope) {
  if (scope !== undefined && !Slug.safeParse(scope.key).success) return unknownScope(c, scope);
  let view: CalendarView;
  try {
    view = await readCalendar(deps, scope);
  } catch (error) {
    if (isDomainError(error) && error.code === 'NotFound') return unknownScope(c, scope);
    deps.logger.error('calendar unavailable', { path: c.req.path, error: error as Error });
    return c.text('Calendrier momentanément indisponible, réessayez dans quelques minutes.', 503, {
      'Retry-After': '60',
    });
  }
  const selfUrl = `${deps.publicUrl}${calendarPath(scope)}`;
  const etag = etagOf(selfUrl, view);
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  const lastModified = view.updated ? new Date(view.updated) : undefined;
  if (lastModified) c.header('Last-Modified', lastModified.toUTCString());
  if (isNotModified(c, etag, lastModified)) return c.body(null, 304);

  const body = renderCalendar({
    title: view.title,
    description: view.description,
    selfUrl,
    siteUrl: view.link ?? deps.publicUrl,
    events: view.events,
  });
  c.header('Content-Type', CALENDAR_CONTENT_TYPE);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(body, 200);
}

async function serveSubscriptions(c: Context, deps: HttpDeps) {
  const html = await subscriptionsPage(await listSubscriptions(deps), deps.publicUrl);
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 32)}"`;
  c.header('ETag', etag);
  // Revalidated at each visit: a new démarche shows at once, and a 304 costs no bytes.
  c.header('Cache-Control', 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
  if (isNotModified(c, etag, undefined)) return c.body(null, 304);
  return c.body(html, 200, { 'Content-Type': 'text/html; charset=utf-8' });
}

const UNKNOWN: Record<CalendarScope['kind'], string> = {
  demarches: 'Démarche introuvable : ce calendrier n’existe pas.',
  themes: `Thème inconnu : ce calendrier n’existe pas. Thèmes : ${Object.keys(THEMES).join(', ')}.`,
  territoires: 'Commune ou quartier inconnu : ce calendrier n’existe pas.',
};
const unknownScope = (c: Context, scope: CalendarScope | undefined) => c.text(UNKNOWN[scope?.kind ?? 'demarches'], 404);

/**
 * A strong validator from what the body is made of, before rendering it: each démarche shown is
 * (slug, version) — its version rises with every change, steps included — and the calendar's own text.
 */
function etagOf(selfUrl: string, view: CalendarView): string {
  const hash = createHash('sha256');
  hash.update([RENDERING_VERSION, selfUrl, view.title, view.description, view.link ?? ''].join('\n'));
  for (const d of view.demarches) hash.update(`\n${d.slug}@${d.version}`);
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}
