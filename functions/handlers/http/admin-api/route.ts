// A route of the admin API, declared once with `@hono/zod-openapi`: the same declaration checks the
// role, validates path, query, headers and body with zod, types the handler, and documents itself
// in the OpenAPI document. Nothing is described by hand that the code does not do.
// Schemas are named and described with zod's own `.meta()` (read by zod-to-openapi), never with
// `.openapi()`: that method is patched onto zod by importing @hono/zod-openapi, and zod 4 copies it
// only onto schemas built afterwards, so the core's schemas (built first by the local runtime) lack it.
import { type RouteConfig, createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '#core/agents/agent';
import { type AuthenticatedAgent, authorize } from '#core/agents/use-cases';
import { ShortId, Slug } from '#core/shared/schema';

/** What the authentication middleware leaves for the routes. */
export interface AdminEnv {
  Variables: { agent: AuthenticatedAgent };
}

const requireRole =
  (role: Role): MiddlewareHandler<AdminEnv> =>
  async (c, next) => {
    authorize(c.get('agent'), role);
    await next();
  };

// Shared answers, declared once under components/responses.
const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

type AdminRouteSpec = Omit<RouteConfig, 'tags' | 'middleware'> & { tag: string; role: Role };

/**
 * Declares an admin route: `Rôle requis` in its description, the role checked before anything is
 * read, and the errors every route can answer (400 when it validates input, 401, 403, 404 when it
 * names a resource, 409 when it writes, 413/415 when it reads a body, 429 from the gateway).
 */
export function adminRoute<const S extends AdminRouteSpec>(spec: S) {
  const { tag, role, responses, ...route } = spec;
  const request: NonNullable<RouteConfig['request']> = route.request ?? {};
  const validates = Object.keys(request).length > 0;
  const writes = route.method !== 'get';
  const declared = createRoute({
    ...route,
    tags: [tag],
    description: [route.description, `Rôle requis : ${role}.`].filter(Boolean).join('\n\n'),
    middleware: [requireRole(role)],
    responses: {
      ...responses,
      ...(validates && { 400: ref('Invalid') }),
      401: ref('Unauthenticated'),
      403: ref('Forbidden'),
      ...(route.path.includes('{') && { 404: ref('NotFound') }),
      ...(writes && { 409: ref('Conflict') }),
      ...(request.body && { 413: ref('PayloadTooLarge'), 415: ref('UnsupportedMediaType') }),
      429: ref('TooManyRequests'),
    },
  });
  // The handler is typed from the route's own request and success answers; errors are thrown.
  return declared as unknown as Omit<S, 'tag' | 'role'> & {
    middleware: MiddlewareHandler<AdminEnv>[];
    getRoutingPath(): string;
  };
}

/** A JSON request body validated by `schema`, the same schema the document shows. */
export const jsonBody = <S extends z.ZodType>(schema: S, description: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema } },
});

/** A JSON response typed and documented by `schema`; with `versioned`, it carries the ETag for If-Match. */
export const jsonResponse = <S extends z.ZodType>(schema: S, description: string, versioned = false) => ({
  description,
  content: { 'application/json': { schema } },
  ...(versioned && {
    headers: {
      ETag: { description: 'Version de l’objet, à renvoyer dans If-Match', schema: { type: 'string' as const } },
    },
  }),
});

// Path parameters: the same schemas as the ids in bodies, so a 2,000-character id is a 400, never
// a key DynamoDB refuses (2,048 bytes at most).
export const SlugParam = z.object({ slug: Slug.meta({ param: { description: 'Slug de la démarche' } }) });
export const IdParam = (what: string) =>
  z.object({ id: ShortId.meta({ param: { description: `Identifiant ${what}` } }) });

/** `If-Match: "3"` (or W/"3"): the version the agent read, for optimistic locking. */
export const IfMatchHeader = z.object({
  'If-Match': z
    .string()
    .refine((tag) => /^(W\/)?"?[1-9]\d{0,8}"?$/.test(tag), {
      message: 'If-Match attend la version de l’objet, par exemple "3"',
      params: { rule: 'if_match_version' },
    })
    .transform((tag) => Number(tag.replace(/^W\//, '').replaceAll('"', '')))
    .optional()
    .meta({ param: { description: 'Version attendue, par exemple "3" : refusée (409) si l’objet a changé' } }),
});
