// One poll of one source: read the feed (conditional GET), import what is new, record the outcome
// in the source's status. Whatever goes wrong becomes the status's plain reason; nothing escapes,
// so a broken source never stops the round.
import type { CampaignDeps } from '../campaigns/use-cases';
import { isDomainError } from '../shared/errors';
import type { FeedSource, FeedSourceStatus } from './feed-source';
import { type EntryContext, importEntry } from './import-entry';
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
  let imported = 0;
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
      imported = await importEntries(
        deps,
        { source, demarche, firstPoll: !source.status.lastSuccessAt },
        result.entries,
      );
      // The validators are kept only once every entry is in: a 304 must never hide one left behind.
      status = {
        ...base,
        lastSuccessAt: now,
        etag: result.etag,
        lastModified: result.lastModified,
        entriesSeen: result.entries.length,
        entriesImported: source.status.entriesImported + imported,
      };
    }
  } catch (caught) {
    error = caught;
    status = failed(base, now, reasonOf(caught));
  }
  await deps.store.feedSources.setStatus(source.id, status);
  return { source: { ...source, status }, imported, ...(error === undefined ? {} : { error }) };
}

async function importEntries(deps: ImportDeps, context: EntryContext, entries: FeedEntry[]): Promise<number> {
  let imported = 0;
  // Oldest first, so the feed items come out in the source's order.
  for (const entry of entries.slice(0, MAX_ENTRIES_PER_POLL).reverse())
    if (await importEntry(deps, context, entry)) imported++;
  return imported;
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
