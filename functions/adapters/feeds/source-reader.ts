// The import's `FeedReader` port on the network: fetch within limits, decode, parse.
import type { FeedReader } from '#core/imports/ports';
import { addressRefusal, anyAddress, publicAddressesOnly } from './source-address';
import { decodeFeed } from './source-decode';
import { type SourceFetchOptions, fetchSource } from './source-fetch';
import { parseFeed } from './source-parse';

export type FeedReaderOptions = SourceFetchOptions;

export function createFeedReader(options: FeedReaderOptions): FeedReader {
  return {
    async read(url, validators) {
      const fetched = await fetchSource(url, validators, options);
      if (fetched.kind !== 'ok') return fetched;
      const parsed = await parseFeed(decodeFeed(fetched.body, fetched.contentType), fetched.url);
      if (parsed.kind === 'failed') return parsed;
      return { ...parsed, etag: fetched.etag, lastModified: fetched.lastModified };
    },
    async refusal(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return 'adresse web invalide';
      }
      return addressRefusal(parsed, options.policy, options.resolve);
    },
  };
}

/** The reader the configuration asks for: public addresses only, unless FEED_IMPORT_ALLOW_PRIVATE (local development). */
export const feedReaderFor = (config: { FEED_IMPORT_ALLOW_PRIVATE: boolean }): FeedReader =>
  createFeedReader({ policy: config.FEED_IMPORT_ALLOW_PRIVATE ? anyAddress : publicAddressesOnly });
