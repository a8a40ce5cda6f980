// Use cases of feed sources: agents attach, list, check and remove them; the schedule polls them all.
import type { Actor, CoreContext } from '../context';
import { invalid, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import { type CheckOutcome, type ImportDeps, checkFeedSource } from './check-source';
import { type FeedSource, FeedSourceInput, NEW_SOURCE_STATUS } from './feed-source';
import type { FeedReader } from './ports';

export async function createFeedSource(
  ctx: CoreContext & { feedReader: FeedReader },
  actor: Actor,
  input: unknown,
): Promise<FeedSource> {
  const data = parseOrThrow(FeedSourceInput, input, 'la source');
  // Refused here, in words, rather than failing at every poll: not http(s), private, unknown name.
  const refusal = await ctx.feedReader.refusal(data.url);
  if (refusal) throw invalid('url', 'public_feed_url', refusal);
  if (data.demarcheSlug && !(await ctx.store.demarches.get(data.demarcheSlug)))
    throw invalid('demarcheSlug', 'demarche_exists', `la démarche « ${data.demarcheSlug} » n’existe pas`);
  const source: FeedSource = {
    id: ctx.ids.next(),
    url: data.url,
    ...(data.demarcheSlug ? { demarcheSlug: data.demarcheSlug } : {}),
    label: data.label,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: actor.agentId,
    version: 1,
    status: NEW_SOURCE_STATUS,
  };
  await ctx.store.feedSources.create(source);
  return source;
}

export const listFeedSources = (ctx: CoreContext) => ctx.store.feedSources.list();

export async function getFeedSource(ctx: CoreContext, id: string): Promise<FeedSource> {
  const source = await ctx.store.feedSources.get(id);
  if (!source) throw notFound('Source', id);
  return source;
}

/** Removes the source; what it imported stays in the feeds (readers keep those guids forever). */
export async function deleteFeedSource(ctx: CoreContext, id: string): Promise<void> {
  await getFeedSource(ctx, id);
  await ctx.store.feedSources.delete(id);
}

/** « Vérifier maintenant »: one poll of one source, answered with its new status. */
export async function checkFeedSourceNow(deps: ImportDeps, id: string): Promise<CheckOutcome> {
  return checkFeedSource(deps, await getFeedSource(deps, id));
}

/** Sources polled at once: enough to hide one slow server, few enough for a small Lambda. */
const PARALLEL_CHECKS = 4;

/**
 * The scheduled round: every source, each on its own (one failing never stops the others). Once
 * `signal` aborts (the round's time is up) no source starts: those left are polled at the next round.
 */
export async function pollFeedSources(
  deps: ImportDeps,
  options: { signal?: AbortSignal } = {},
): Promise<CheckOutcome[]> {
  const queue = await listFeedSources(deps);
  const outcomes: CheckOutcome[] = [];
  const worker = async () => {
    for (let source = queue.shift(); source && !options.signal?.aborted; source = queue.shift())
      outcomes.push(await checkFeedSource(deps, source).catch((error: unknown) => ({ source, imported: 0, error })));
  };
  await Promise.all(Array.from({ length: PARALLEL_CHECKS }, worker));
  return outcomes;
}
