// What the import asks of the network: read a source feed (fetch, decode, parse) and judge an address.
// The adapter (adapters/feeds/source-*.ts) keeps the SSRF, size and time limits; the core only sees
// entries, "nothing new" (304), or a failure with a reason an agent can read.

/** One entry of a source feed, as text: HTML already stripped, links already absolute. */
export interface FeedEntry {
  guid?: string;
  link?: string;
  title: string;
  text: string;
  /** The entry's date when it parses (ISO-8601 UTC); absent when missing or odd. */
  publishedAt?: string;
  /** The date as written, when it does not parse: it still tells two same-titled entries apart. */
  rawDate?: string;
}

/** The validators of the last response, sent back as If-None-Match / If-Modified-Since. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FeedReadResult =
  | { kind: 'not_modified' }
  | ({ kind: 'feed'; entries: FeedEntry[] } & FeedValidators)
  | { kind: 'failed'; reason: string };

export interface FeedReader {
  read(url: string, validators: FeedValidators): Promise<FeedReadResult>;
  /** Why this URL may not be a source (not http(s), a private address, a name that does not resolve), or undefined. */
  refusal(url: string): Promise<string | undefined>;
}
