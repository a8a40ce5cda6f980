// Maps the domain's errors to HTTP, once, for every route: status, a French message, and the
// violated rules so an agent (or the console) can point at the field to fix. Also what the HTTP
// layer itself refuses before any use case runs: malformed JSON, a body too large, a wrong type.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { type DomainErrorCode, isDomainError } from '#core/shared/errors';
import { invalidInput } from '#core/shared/parse';

const STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  Invalid: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Closed: 409,
};

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('Invalid, Unauthenticated, Forbidden, NotFound, Conflict, Closed, PayloadTooLarge…'),
    message: z.string().describe('Explication en français'),
    violations: z
      .array(
        z.object({
          field: z.string().describe('Chemin du champ, par exemple `message.title` ; vide pour l’ensemble'),
          rule: z.string().describe('Règle enfreinte, par exemple `send_at_in_future` ou `unknown_field`'),
          message: z.string(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const httpError = (code: string, message: string, rule: string): ErrorBody => ({
  error: { code, message, violations: [{ field: '', rule, message }] },
});

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** 413, answered as soon as the size is known to exceed the limit: the rest is never read. */
export const bodyTooLarge = (c: Context) =>
  c.json(httpError('PayloadTooLarge', 'le corps de la requête dépasse 1 Mo', 'body_max_1mb'), 413);

const WHAT: Record<string, string> = {
  json: 'le corps de la requête',
  param: 'le chemin',
  query: 'les paramètres de la requête',
  header: 'les en-têtes',
};

/** The validation hook of every admin route: a zod failure becomes `Invalid`, naming each field. */
export function refuseInvalid(result: { success: boolean; error?: z.ZodError; target: string }) {
  if (result.success || !result.error) return;
  throw invalidInput(result.error, WHAT[result.target] ?? 'la requête');
}

export function errorResponse(c: Context, error: unknown, logger: Logger) {
  if (isDomainError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, violations: error.violations } };
    if (error.code === 'Unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="porte-voix"');
    return c.json(body, STATUS[error.code]);
  }
  if (error instanceof SyntaxError || (error instanceof HTTPException && error.status === 400))
    return c.json(httpError('Invalid', 'le corps de la requête n’est pas du JSON valide', 'json_body'), 400);
  if (error instanceof HTTPException && error.status === 413) return bodyTooLarge(c);
  if (error instanceof HTTPException && error.status === 415)
    return c.json(
      httpError(
        'UnsupportedMediaType',
        'le corps doit être du JSON (Content-Type: application/json)',
        'content_type_json',
      ),
      415,
    );
  logger.error('unexpected error', { path: c.req.path, method: c.req.method, error: error as Error });
  return c.json(
    { error: { code: 'Internal', message: 'erreur interne : elle a été journalisée' } } satisfies ErrorBody,
    500,
  );
}
