// One new entry of a source feed: claimed in the store first (so no other run imports it), then
// published as a feed item and, unless it predates the source, announced on Telegram per the
// démarche's policy. Both writes are keyed by the derived id, so a run that crashed after the
// claim is completed by the next one without a twin.
import type { Actor } from '../context';
import { createCampaign } from '../campaigns/use-cases';
import type { CampaignDeps } from '../campaigns/use-cases';
import { type Demarche, announcementPolicyOf } from '../demarches/demarche';
import { publishFeedItem } from '../feeds/publish';
import { isDomainError } from '../shared/errors';
import type { FeedSource, ImportedEntry } from './feed-source';
import { entryItemId, entryKey } from './entry-key';
import type { FeedEntry } from './ports';

export const IMPORT_ACTOR: Actor = { agentId: 'system:import', name: 'Import de flux' };

/** An auto announcement leaves a few minutes after the import: time for an agent to cancel a mistake. */
export const AUTO_ANNOUNCE_DELAY_MS = 5 * 60_000;
/** A draft's proposed time; the agent who approves it chooses the real one. */
export const REVIEW_ANNOUNCE_DELAY_MS = 60 * 60_000;
const MAX_TEXT = 1000;
/**
 * A `pending` record younger than this belongs to a run still at work (overlapping polls): left to
 * it. Older, its run died between the claim and the writes: this run completes it.
 */
export const PENDING_GRACE_MS = 2 * 60_000;

export interface EntryContext {
  source: FeedSource;
  demarche?: Demarche;
  /** No success yet: this poll reads the feed's past, which is imported but never announced. */
  firstPoll: boolean;
}

/** What became of an entry: imported by this run, already imported, or being imported by another run. */
export type EntryOutcome = 'imported' | 'known' | 'in_progress';

/** Imports the entry unless a run already did or is doing it. */
export async function importEntry(deps: CampaignDeps, context: EntryContext, entry: FeedEntry): Promise<EntryOutcome> {
  const { source } = context;
  const key = entryKey(entry);
  const known = await deps.store.feedSources.getEntry(source.id, key);
  if (known?.state === 'done') return 'known';
  if (known && deps.clock.now().getTime() - Date.parse(known.claimedAt) < PENDING_GRACE_MS) return 'in_progress';
  const record: ImportedEntry = known ?? {
    sourceId: source.id,
    key,
    itemId: entryItemId(source.url, entry),
    title: entry.title.slice(0, 200),
    state: 'pending',
    claimedAt: deps.clock.now().toISOString(),
  };
  // A `pending` record left by a crashed run is completed here: the writes below are keyed by its itemId.
  if (!known && !(await deps.store.feedSources.claimEntry(record))) return 'in_progress';
  await publishFeedItem(deps, {
    id: record.itemId,
    title: entry.title,
    text: entry.text ? entry.text.slice(0, MAX_TEXT) : entry.title,
    link: entry.link ?? source.url,
    ...(source.demarcheSlug ? { demarcheSlug: source.demarcheSlug } : {}),
  });
  if (worthAnnouncing(context, entry)) await announce(deps, context, entry, record);
  await deps.store.feedSources.completeEntry({ ...record, state: 'done', doneAt: deps.clock.now().toISOString() });
  return 'imported';
}

/** Old news is not news: entries older than the source, or undated ones on the first poll, are only imported. */
function worthAnnouncing({ source, firstPoll }: EntryContext, entry: FeedEntry): boolean {
  if (entry.publishedAt) return entry.publishedAt >= source.createdAt;
  return !firstPoll;
}

async function announce(
  deps: CampaignDeps,
  { source, demarche }: EntryContext,
  entry: FeedEntry,
  record: ImportedEntry,
) {
  // A global source has no démarche to say `auto`: an agent reviews what it brings.
  const policy = demarche ? announcementPolicyOf(demarche) : 'review';
  const now = deps.clock.now().getTime();
  const delay = policy === 'auto' ? AUTO_ANNOUNCE_DELAY_MS : REVIEW_ANNOUNCE_DELAY_MS;
  const input = {
    message: {
      title: entry.title,
      text: entry.text ? entry.text.slice(0, MAX_TEXT) : entry.title,
      link: entry.link ?? source.url,
    },
    // Telegram only: the entry already is a feed item, the `feeds` channel would publish it twice.
    channels: ['telegram'],
    audience: demarche ? { kind: 'followers', demarches: [demarche.slug] } : { kind: 'everyone' },
    sendAt: new Date(now + delay).toISOString(),
    ...(demarche ? { demarcheSlug: demarche.slug } : {}),
  };
  try {
    await createCampaign(deps, IMPORT_ACTOR, input, {
      id: record.itemId,
      schedule: policy === 'auto',
      origin: { kind: 'import', sourceId: source.id, entryKey: record.key },
    });
  } catch (error) {
    // Made by an earlier run that crashed before completing the record: nothing left to do.
    if (isDomainError(error) && error.code === 'Conflict' && (await deps.store.campaigns.get(record.itemId))) return;
    throw error;
  }
}
