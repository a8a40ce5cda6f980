// Pieces several admin routes share: pagination, a page's JSON shape, answering with an ETag.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Page } from '#core/store';

export const PaginationQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .meta({ param: { description: 'Nombre d’éléments par page (1–100, 50 par défaut)' } }),
  cursor: z
    .string()
    .min(1)
    .max(1024)
    .optional()
    .meta({ param: { description: 'Curseur de la page suivante (champ `next` de la page précédente)' } }),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next: z.string().optional().describe('Curseur de la page suivante ; absent sur la dernière page'),
  });

export const pageBody = <T>(page: Page<T>) => ({ items: page.items, next: page.next });

/** Sets the ETag an agent sends back in If-Match, then answers the entity. */
export function versioned<T extends { version: number }>(c: Context, entity: T): T {
  c.header('ETag', `"${entity.version}"`);
  return entity;
}
