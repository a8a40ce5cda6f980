// One poll of one source: read the feed (conditional GET), import what is new, record the outcome
// in the source's status. Whatever goes wrong becomes the status's plain reason; nothing escapes,
// so a broken source never stops the round.
import type { CampaignDeps } from '../campaigns/use-cases';
import { isDomainError } from '../shared/errors';
import type { FeedSource, FeedSourceStatus } from './feed-source';
import { type EntryContext, type EntryOutcome, importEntry } from './import-entry';
import type { FeedEntry, FeedReader } from './ports';

export interface ImportDeps extends CampaignDeps {
  feedReader: FeedReader;
}

/** The newest entries read per poll: a feed that dumps its whole archive is read in part. */
export const MAX_ENTRIES_PER_POLL = 100;

export interface CheckOutcome {
  source: FeedSource;
  imported: number;
  /** The unexpected error behind a failure (a store outage…), for the logs; the status has the reason. */
  error?: unknown;
}

export async function checkFeedSource(deps: ImportDeps, source: FeedSource): Promise<CheckOutcome> {
  const now = deps.clock.now().toISOString();
  const base: FeedSourceStatus = { ...source.status, lastCheckedAt: now };
  let status: FeedSourceStatus;
  // Filled as entries go: those imported before a failure still count.
  const outcomes: EntryOutcome[] = [];
  let error: unknown;
  try {
    const demarche = source.demarcheSlug ? await deps.store.demarches.get(source.demarcheSlug) : undefined;
    const result =
      source.demarcheSlug && !demarche
        ? ({ kind: 'failed', reason: `la démarche « ${source.demarcheSlug} » n’existe plus` } as const)
        : await deps.feedReader.read(source.url, source.status);
    if (result.kind === 'failed') status = failed(base, now, result.reason);
    else if (result.kind === 'not_modified') status = { ...base, lastSuccessAt: now };
    else {
      await importEntries(
        deps,
        { source, demarche, firstPoll: !source.status.lastSuccessAt },
        result.entries,
        outcomes,
      );
      // The validators are kept only once every entry is in: a 304 must never hide one left behind
      // (by a failure, or by another run still at work on it).
      const complete = !outcomes.includes('in_progress');
      status = {
        ...base,
        lastSuccessAt: now,
        etag: complete ? result.etag : source.status.etag,
        lastModified: complete ? result.lastModified : source.status.lastModified,
        entriesSeen: result.entries.length,
      };
    }
  } catch (caught) {
    error = caught;
    status = failed(base, now, reasonOf(caught));
  }
  const imported = outcomes.filter((o) => o === 'imported').length;
  // Counted up in the store: overlapping runs each add their own, none overwrites the other's.
  const stored = await deps.store.feedSources.setStatus(source.id, status, imported);
  return { source: { ...source, status: stored ?? status }, imported, ...(error === undefined ? {} : { error }) };
}

async function importEntries(deps: ImportDeps, context: EntryContext, entries: FeedEntry[], outcomes: EntryOutcome[]) {
  // Oldest first, so the feed items come out in the source's order.
  for (const entry of entries.slice(0, MAX_ENTRIES_PER_POLL).reverse())
    outcomes.push(await importEntry(deps, context, entry));
}

function reasonOf(error: unknown): string {
  if (isDomainError(error)) return `un article n’a pas pu être importé : ${error.message}`;
  return 'erreur inattendue pendant l’import (détail dans les journaux)';
}

const failed = (status: FeedSourceStatus, now: string, reason: string): FeedSourceStatus => ({
  ...status,
  lastErrorAt: now,
  lastError: reason.slice(0, 500),
});
