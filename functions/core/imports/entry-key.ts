// How an imported entry is recognised on every later poll: by its guid, else its link, else its
// title and date. Ids are derived from the same key, so a retry finds what a crashed run made.
import { createHash } from 'node:crypto';
import type { FeedEntry } from './ports';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The entry's dedupe key as written (`guid:…`, `link:…` or `title:…`). */
export function rawEntryKey(entry: FeedEntry): string {
  if (entry.guid) return `guid:${entry.guid}`;
  if (entry.link) return `link:${entry.link}`;
  // A date that does not parse still counts as written: falling back to "now" would change the key at each poll.
  return `title:${entry.title}\n${entry.publishedAt ?? entry.rawDate ?? ''}`;
}

/** The key stored in the dedupe record (a hash: guids and links may be long). */
export const entryKey = (entry: FeedEntry): string => sha256(rawEntryKey(entry));

/**
 * The id of the entry's feed item and of its campaign (16 characters, a ShortId). Derived from the
 * source's URL rather than its id: a source removed and added again finds its items, not twins.
 */
export const entryItemId = (sourceUrl: string, entry: FeedEntry): string =>
  sha256(`import:${sourceUrl}\n${rawEntryKey(entry)}`).slice(0, 16);
