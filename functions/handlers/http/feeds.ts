// GET /feeds/{rss.xml,atom.xml,feed.json}, and the same under /feeds/demarches/:slug/,
// /feeds/themes/:theme/ and /feeds/territoires/:slug/: the public feeds. Readers
// poll them every few minutes, so an unchanged feed answers 304 without being rendered at all.
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { FEED_FORMATS, renderFeed } from '#adapters/feeds/render';
import { THEMES } from '#core/demarches/places';
import { type FeedView, readFeed, readFilteredFeed } from '#core/feeds/read';
import { isDomainError } from '#core/shared/errors';
import { Slug } from '#core/shared/schema';
import type { HttpDeps } from './deps';
import { FEED_ROUTES, type FeedFormat, type FeedScopeKind } from './feeds-document';

const CACHE_CONTROL = 'public, max-age=300';
// Bump when the rendering changes, so a strong ETag never names two different bodies.
const RENDERING_VERSION = '2';
// Rendered bodies kept by ETag: readers that poll without validators cost one render per change.
const REMEMBERED_BODIES = 32;

export function feedRoutes(deps: HttpDeps): Hono {
  const app = new Hono();
  const bodies = new Map<string, string>();
  // Exactly the routes the OpenAPI document describes (feeds-document.ts).
  for (const { format, scope, honoPath } of FEED_ROUTES)
    app.get(honoPath, (c) =>
      serveFeed(c, deps, bodies, format, scope ? { kind: scope, key: c.req.param('key') ?? '' } : undefined),
    );
  return app;
}

/** A feed narrower than the global one: one démarche, one theme, one territory (commune or quartier). */
interface FeedScope {
  kind: FeedScopeKind;
  key: string;
}

const readScoped = (deps: HttpDeps, scope?: FeedScope): Promise<FeedView> => {
  if (!scope) return readFeed(deps);
  if (scope.kind === 'demarches') return readFeed(deps, { demarcheSlug: scope.key });
  return readFilteredFeed(deps, scope.kind === 'themes' ? { theme: scope.key } : { territory: scope.key });
};

async function serveFeed(
  c: Context,
  deps: HttpDeps,
  bodies: Map<string, string>,
  format: FeedFormat,
  scope?: FeedScope,
) {
  if (scope !== undefined && !Slug.safeParse(scope.key).success) return unknownScope(c, scope);
  let view: FeedView;
  try {
    view = await readScoped(deps, scope);
  } catch (error) {
    if (isDomainError(error) && error.code === 'NotFound') return unknownScope(c, scope);
    deps.logger.error('feed unavailable', { path: c.req.path, error: error as Error });
    return c.text('Flux momentanément indisponible, réessayez dans quelques minutes.', 503, { 'Retry-After': '60' });
  }

  const path =
    scope === undefined
      ? `/feeds/${FEED_FORMATS[format].file}`
      : `/feeds/${scope.kind}/${scope.key}/${FEED_FORMATS[format].file}`;
  const options = {
    id: view.id,
    title: view.title,
    description: view.description,
    selfUrl: `${deps.publicUrl}${path}`,
    siteUrl: view.link ?? deps.publicUrl,
    items: view.items,
    // An empty global feed has no date of its own; it then changes every request and is never 304.
    updated: view.updated ?? deps.clock.now().toISOString(),
  };
  const etag = etagOf(format, options);
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  const lastModified = view.updated ? new Date(view.updated) : undefined;
  if (lastModified) c.header('Last-Modified', lastModified.toUTCString());
  if (isNotModified(c, etag, lastModified)) return c.body(null, 304);

  let body = bodies.get(etag);
  if (body === undefined) {
    body = renderFeed(format, options);
    if (bodies.size >= REMEMBERED_BODIES) bodies.delete(bodies.keys().next().value!);
    bodies.set(etag, body);
  }
  c.header('Content-Type', FEED_FORMATS[format].contentType);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(body, 200);
}

const UNKNOWN: Record<FeedScope['kind'], string> = {
  demarches: 'Démarche introuvable : ce flux n’existe pas.',
  themes: `Thème inconnu : ce flux n’existe pas. Thèmes : ${Object.keys(THEMES).join(', ')}.`,
  territoires: 'Commune ou quartier inconnu : ce flux n’existe pas.',
};
const unknownScope = (c: Context, scope: FeedScope | undefined) => c.text(UNKNOWN[scope?.kind ?? 'demarches'], 404);

/**
 * A strong validator computed from what the body is made of, before rendering it: every item is
 * (id, updatedAt) because a correction always bumps `updatedAt`; the rest is the feed's own text.
 */
function etagOf(
  format: FeedFormat,
  o: {
    id: string;
    title: string;
    description: string;
    selfUrl: string;
    siteUrl: string;
    updated: string;
    items: { id: string; updatedAt: string }[];
  },
) {
  const hash = createHash('sha256');
  hash.update([RENDERING_VERSION, format, o.id, o.title, o.description, o.selfUrl, o.siteUrl, o.updated].join('\n'));
  for (const item of o.items) hash.update(`\n${item.id}@${item.updatedAt}`);
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}

// RFC 9110 §13.1: If-None-Match wins over If-Modified-Since, and compares weakly (W/ ignored).
export function isNotModified(c: Context, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch !== undefined)
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  const ifModifiedSince = c.req.header('If-Modified-Since');
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds: compare the Last-Modified we actually sent.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
