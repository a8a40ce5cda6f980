// Maps the domain's errors to HTTP, once, for every route: status, a French message, and the
// violated rules so an agent (or the console) can point at the field to fix.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type DomainErrorCode, isDomainError } from '#core/shared/errors';

const STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  Invalid: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Closed: 409,
};

export interface ErrorBody {
  error: { code: string; message: string; violations?: { field: string; rule: string; message: string }[] };
}

export function errorResponse(c: Context, error: unknown, logger: Logger) {
  if (isDomainError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, violations: error.violations } };
    if (error.code === 'Unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="porte-voix"');
    return c.json(body, STATUS[error.code]);
  }
  if (error instanceof SyntaxError)
    return c.json(
      { error: { code: 'Invalid', message: 'le corps de la requête n’est pas du JSON valide' } } satisfies ErrorBody,
      400,
    );
  logger.error('unexpected error', { path: c.req.path, method: c.req.method, error: error as Error });
  return c.json(
    { error: { code: 'Internal', message: 'erreur interne : elle a été journalisée' } } satisfies ErrorBody,
    500,
  );
}
