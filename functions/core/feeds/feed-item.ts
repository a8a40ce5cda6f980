// A feed item: one published update, as RSS/Atom/JSON Feed readers will see it forever.
// Its id is its permanent guid: never reused, never changed when the item is corrected.
import * as z from 'zod';
import { HttpUrl, Instant, ShortId, Slug } from '../shared/schema';
import { Territory, Theme } from '../demarches/places';

export const FeedItem = z.object({
  id: ShortId,
  title: z.string().min(1).max(200),
  text: z.string().min(1),
  link: HttpUrl,
  imageUrl: HttpUrl.optional(),
  demarcheSlug: Slug.optional(),
  themes: z.array(Theme).default([]),
  territories: z.array(Territory).default([]),
  campaignId: ShortId.optional(),
  publishedAt: Instant,
  updatedAt: Instant,
});
export type FeedItem = z.infer<typeof FeedItem>;
