// A route of the admin API, declared once: the same declaration validates the request, checks
// the role, runs the use case and documents itself in the OpenAPI document.
import type { Context } from 'hono';
import type * as z from 'zod';
import type { Role } from '#core/agents/agent';
import type { AuthenticatedAgent } from '#core/agents/use-cases';
import type { HttpDeps } from '../deps';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface RouteInput<B> {
  body: B;
  params: Record<string, string>;
  query: Record<string, string>;
  agent: AuthenticatedAgent;
  /** Version from `If-Match`, for optimistic locking; undefined when absent. */
  expectedVersion: number | undefined;
  deps: HttpDeps;
  c: Context;
}

export interface RouteResult {
  status?: 200 | 201 | 202 | 204;
  body?: unknown;
  /** Raw body (CSV export…) with its content type, instead of JSON. */
  raw?: { contentType: string; text: string; filename?: string };
  /** Entity version, sent back as an ETag for If-Match. */
  version?: number;
}

export interface RouteSpec<B extends z.ZodType = z.ZodType> {
  method: Method;
  /** Hono path, e.g. `/api/v1/demarches/:slug`. */
  path: string;
  tag: string;
  summary: string;
  role: Role;
  body?: B;
  query?: Record<string, { description: string; schema: z.ZodType }>;
  response: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  handle(input: RouteInput<z.output<B>>): Promise<RouteResult>;
}

export const defineRoute = <B extends z.ZodType>(spec: RouteSpec<B>): RouteSpec => spec;
