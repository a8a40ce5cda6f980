// Pieces several admin routes share: pagination, a page's JSON shape.
import * as z from 'zod';
import type { Page } from '#core/store';

export const paginationQuery = {
  limit: {
    description: 'Nombre d’éléments par page (1–100, 50 par défaut)',
    schema: z.coerce.number().int().min(1).max(100),
  },
  cursor: { description: 'Curseur de la page suivante (champ `next` de la page précédente)', schema: z.string() },
};

export const listOptions = (query: Record<string, string>) => ({
  limit: query.limit ? Number(query.limit) : undefined,
  cursor: query.cursor,
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().optional() });

export const pageBody = <T>(page: Page<T>) => ({ items: page.items, next: page.next });

/** PATCH bodies: any subset of the entity's fields; the whole is validated after merging. */
export const Patch = z.record(z.string(), z.unknown());
