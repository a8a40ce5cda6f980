// What twitter-api-v2 throws, turned into the core's `XPublishError` in words an agent can act on,
// with the retry decision the dispatcher needs (429: when; 401/403: which credential to fix).
import type { IncomingHttpHeaders } from 'node:http';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, type TwitterApiErrorData } from 'twitter-api-v2';
import { XPublishError } from '#core/campaigns/x-publisher';

const CREDENTIAL_VARIABLES = 'X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN et X_ACCESS_SECRET';
/** X's post window is 15 minutes: the wait when a 429 carries no reset header. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000;

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** Maps a failed call to X; anything that is not an X failure is a bug of ours and is rethrown. */
export function toXPublishError(error: unknown, now: Date): XPublishError {
  if (error instanceof ApiResponseError) return fromResponse(error, now);
  if (error instanceof ApiRequestError || error instanceof ApiPartialResponseError)
    return new XPublishError(
      'unreachable',
      `X n’a pas répondu (${error.message}) : la publication a peut-être abouti ; ` +
        'une nouvelle tentative sera alors refusée comme doublon',
      true,
    );
  throw error;
}

function fromResponse(error: ApiResponseError, now: Date): XPublishError {
  const status = error.code;
  const says = xDetail(error);
  if (status === 429) {
    const retryAt = rateLimitReset(error.headers, now);
    const when = parisTime.format(new Date(retryAt));
    return new XPublishError(
      'rate_limited',
      `X limite le rythme des publications (429) : nouvel essai possible à partir du ${when} (heure de Paris)`,
      true,
      retryAt,
    );
  }
  if (status === 401)
    return new XPublishError(
      'unauthorized',
      `X refuse les identifiants (401) : vérifiez ${CREDENTIAL_VARIABLES} (clés régénérées ou jetons révoqués ?)${says}`,
      false,
    );
  if (status === 403 && /duplicate/i.test(says))
    return new XPublishError(
      'duplicate',
      'X refuse un doublon (403) : ce texte est déjà publié sur le compte ; ' +
        `si c’est une nouvelle tentative, la première a abouti${says}`,
      false,
    );
  if (status === 403 && /oauth1|permission/i.test(`${errorData(error).type ?? ''} ${says}`))
    return new XPublishError(
      'forbidden',
      'X refuse la publication (403) : l’application X doit avoir la permission « Read and write », et ' +
        `X_ACCESS_TOKEN et X_ACCESS_SECRET doivent avoir été régénérés après ce réglage${says}`,
      false,
    );
  // Other 403s (account restricted, text refused…): X's own words say which.
  if (status === 403) return new XPublishError('forbidden', `X refuse la publication (403)${says}`, false);
  if (status === 402)
    return new XPublishError(
      'payment_required',
      `les crédits de l’API X sont épuisés (402) : rechargez le compte développeur X, puis relancez${says}`,
      false,
    );
  if (status >= 500)
    return new XPublishError('unavailable', `X est indisponible (${status}) : nouvel essai plus tard${says}`, true);
  return new XPublishError('rejected', `X refuse la publication (${status})${says}`, false);
}

/** X's own explanation (in English), quoted and kept short: it names the exact problem. */
function xDetail(error: ApiResponseError): string {
  const data = errorData(error);
  const first = data.errors?.[0];
  const detail = data.detail ?? data.title ?? (first && 'message' in first ? first.message : undefined) ?? data.error;
  if (!detail) return '';
  return ` ; X : « ${detail.length > 200 ? `${detail.slice(0, 199)}…` : detail} »`;
}

// A body that is not JSON (a proxy's HTML page) leaves `data` a string or empty.
const errorData = (error: ApiResponseError): TwitterApiErrorData =>
  typeof error.data === 'object' && error.data !== null ? error.data : {};

/**
 * When posting is possible again. A 429 on posts may come from the 15-minute window or from the
 * 24-hour caps per user and per app; the exhausted one with the latest reset decides.
 */
function rateLimitReset(headers: IncomingHttpHeaders, now: Date): string {
  const windows = ['x-rate-limit', 'x-user-limit-24hour', 'x-app-limit-24hour']
    .map((prefix) => ({
      remaining: numberHeader(headers, `${prefix}-remaining`),
      reset: numberHeader(headers, `${prefix}-reset`),
    }))
    .filter((w): w is { remaining: number | undefined; reset: number } => w.reset !== undefined);
  const exhausted = windows.filter((w) => w.remaining === 0);
  const resets = (exhausted.length > 0 ? exhausted : windows).map((w) => w.reset * 1000);
  const at = resets.length > 0 ? Math.max(...resets) : now.getTime() + DEFAULT_RATE_LIMIT_WAIT_MS;
  // A reset already past (clocks disagree) still means "not before now".
  return new Date(Math.max(at, now.getTime())).toISOString();
}

function numberHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || !Number.isFinite(value) ? undefined : value;
}
