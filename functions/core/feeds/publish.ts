// Publishing an update to the feeds: validates it, stamps its permanent id and dates, and stores it
// once (conditional create). Campaigns with the feed channel and agents both publish through here.
import * as z from 'zod';
import type { CoreContext } from '../context';
import type { Demarche } from '../demarches/demarche';
import { Territory, Theme } from '../demarches/places';
import { isDomainError, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import { ShortId } from '../shared/schema';
import { FeedItem } from './feed-item';

export const FeedItemInput = FeedItem.omit({ id: true, publishedAt: true, updatedAt: true }).extend({
  // A caller that may retry (a queued campaign) passes its own id: a replay then finds the item
  // already published instead of publishing a twin under a new guid.
  id: ShortId.optional().describe(
    'Identifiant choisi par l’appelant, pour qu’une nouvelle tentative ne publie pas deux fois',
  ),
  // Absent means "those of the démarche"; an explicit empty list means none.
  themes: z.array(Theme).max(10).optional(),
  territories: z.array(Territory).max(35).optional(),
});
export type FeedItemInput = z.input<typeof FeedItemInput>;

export async function publishFeedItem(ctx: CoreContext, input: unknown): Promise<FeedItem> {
  const data = parseOrThrow(FeedItemInput, input, 'l’article du flux');
  // An item filed under a démarche nobody can read would be lost to followers: refuse it.
  let demarche: Demarche | undefined;
  if (data.demarcheSlug) {
    demarche = await ctx.store.demarches.get(data.demarcheSlug);
    if (!demarche) throw notFound('Démarche', data.demarcheSlug);
  }
  const now = ctx.clock.now().toISOString();
  const item: FeedItem = {
    id: data.id ?? ctx.ids.next(),
    title: data.title,
    text: data.text,
    link: data.link,
    ...(data.imageUrl ? { imageUrl: data.imageUrl } : {}),
    ...(data.demarcheSlug ? { demarcheSlug: data.demarcheSlug } : {}),
    themes: data.themes ?? demarche?.themes ?? [],
    territories: data.territories ?? demarche?.territories ?? [],
    ...(data.campaignId ? { campaignId: data.campaignId } : {}),
    publishedAt: now,
    updatedAt: now,
  };
  try {
    await ctx.store.feedItems.create(item);
    return item;
  } catch (error) {
    if (data.id && isDomainError(error) && error.code === 'Conflict') {
      const existing = await ctx.store.feedItems.get(data.id);
      if (existing) return existing;
    }
    throw error;
  }
}
