// The console's browser-facing protections, in one place: a Content Security Policy with no inline
// script or style (every text an agent or a citizen wrote is escaped by JSX; the CSP is the second
// wall), no framing, no caching of pages, and a cross-site request forgery check on every write.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const consoleHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
  });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes come only from the console's own pages. Browsers send `Origin` with every POST; a page of
 * another site cannot forge it. The session cookie is also `SameSite=Strict`: two walls, either
 * enough. A request without `Origin` is refused unless the browser vouches it is same-origin
 * (`Sec-Fetch-Site`); scripts and curl use the API with a bearer token, not the console.
 */
export const rejectCrossSiteWrites =
  (publicUrlOf: () => string): MiddlewareHandler =>
  async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    // Read per request: the local runtime learns its URL (port 0) after the app is built. Without
    // one, the request's own origin is the only one allowed.
    const publicUrl = publicUrlOf();
    const allowed = new Set([new URL(c.req.url).origin, ...(publicUrl ? [new URL(publicUrl).origin] : [])]);
    const sameOrigin = origin ? allowed.has(origin) : c.req.header('sec-fetch-site') === 'same-origin';
    if (!sameOrigin)
      return c.text(
        'Requête refusée : elle ne vient pas d’une page de la console (en-tête Origin absent ou étranger).',
        403,
      );
    return next();
  };
