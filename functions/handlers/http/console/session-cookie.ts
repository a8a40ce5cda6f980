// The session cookie and the middleware that turns it into the signed-in agent. A request whose
// session is missing or expired goes to sign-in, which brings the agent back to where they were.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticateSession } from '#core/agents/sessions';
import { isDomainError } from '#core/shared/errors';
import type { CoreContext } from '#core/context';
import type { ConsoleEnv } from './env';

const SESSION_COOKIE = 'pv_session';
const NOTICE_COOKIE = 'pv_notice';
const PATH = '/console';

const secure = (c: Context, publicUrl: string) =>
  new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:');

export const readSessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE);

/** `lifetimeMs` rather than an end date: the browser's clock may be off, or (in tests) far from the server's. */
export function setSessionCookie(c: Context, token: string, lifetimeMs: number, publicUrl: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(c, publicUrl),
    path: PATH,
    maxAge: Math.max(0, Math.floor(lifetimeMs / 1000)),
  });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: PATH });

/** A one-shot message for the next page (« Campagne programmée »), after a redirect. */
export function setNotice(c: Context, text: string) {
  setCookie(c, NOTICE_COOKIE, encodeURIComponent(text), { httpOnly: true, sameSite: 'Strict', path: PATH });
}

/** The notice left by the previous request, read once. */
export function takeNotice(c: Context): string | undefined {
  const notice = getCookie(c, NOTICE_COOKIE);
  if (!notice) return undefined;
  deleteCookie(c, NOTICE_COOKIE, { path: PATH });
  try {
    return decodeURIComponent(notice);
  } catch {
    return undefined;
  }
}

/** Only a console path may be returned to after sign-in: never another site (open redirect). */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith('/console') || value.startsWith('//') || /[\\\r\n]/.test(value)) return '/console';
  return value;
}

/** Where to come back after signing in: the page asked for, or for a form sent, the page it was sent from. */
function returnPath(c: Context): string {
  if (c.req.method === 'GET') {
    const url = new URL(c.req.url);
    return url.pathname + url.search;
  }
  const referer = c.req.header('referer');
  try {
    const url = referer ? new URL(referer) : undefined;
    return url && url.origin === new URL(c.req.url).origin ? url.pathname + url.search : '/console';
  } catch {
    return '/console';
  }
}

export const isFragmentRequest = (c: Context) => c.req.header('x-console-fragment') === '1';

export const requireSession =
  (ctx: CoreContext, bootstrapTokenHash: string | undefined): MiddlewareHandler<ConsoleEnv> =>
  async (c, next) => {
    try {
      c.set('agent', await authenticateSession(ctx, readSessionCookie(c), bootstrapTokenHash));
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Unauthenticated') throw error;
      clearSessionCookie(c);
      if (isFragmentRequest(c)) return c.text(error.message, 401);
      const back = safeReturnPath(returnPath(c));
      const query = back === '/console' ? '' : `?suite=${encodeURIComponent(back)}`;
      setNotice(c, error.message);
      return c.redirect(`/console/connexion${query}`, 303);
    }
    const notice = takeNotice(c);
    if (notice) c.set('notice', notice);
    await next();
  };
