// Benchmark: a feed reader polling an unchanged feed. Through the Hono routes of the feeds Lambda
// (handlers/http/feeds.ts) on the embedded store holding 1,000 published items: the first GET gets
// 200 with an ETag and Last-Modified, every conditional GET after it must get 304 without a body.
// Measures the latency of the 304 (and of the 200, for comparison) and the store reads per request.
import { pathToFileURL } from 'node:url';
import { loadConfig, openDataSettings } from '#config';
import { feedRoutes } from '#handlers/http/feeds';
import type { FeedItem } from '#core/feeds/feed-item';
import { startCountingStore } from './counting-store';
import { benchCore, silentLogger } from './scenario';
import { type Summary, forEachConcurrently, round, summarize } from './stats';

const ITEMS = 1000;
const WARMUP = 20;
const RUNS = 200;
const PATH = '/feeds/rss.xml';

export interface FeedRevalidationResults {
  path: string;
  itemsStored: number;
  firstStatus: number;
  /** Status of every conditional GET with the ETag received (all must be 304). */
  conditionalStatuses: Record<string, number>;
  /** Same with If-Modified-Since only. */
  ifModifiedSinceStatus: number;
  notModifiedMs: Summary;
  /** A 200 without validators: the route keeps rendered bodies by ETag, so this is the read and the hash, not a render. */
  okCachedMs: Summary;
  bodyBytes: number;
  readsPerNotModified: number;
  writesPerNotModified: number;
}

export async function benchFeedRevalidation(): Promise<FeedRevalidationResults> {
  const counting = await startCountingStore({ tableName: 'porte-voix-bench-feeds' });
  try {
    const core = benchCore(counting.store);
    const start = Date.parse('2026-01-05T08:00:00Z');
    await forEachConcurrently(
      Array.from({ length: ITEMS }, (_, i) => i),
      16,
      async (i) => {
        const at = new Date(start + i * 3_600_000).toISOString();
        const item: FeedItem = {
          id: `bench${i.toString().padStart(6, '0')}`,
          title: `Atelier n° ${i} : aménagement des bords de Loire & mobilités douces`,
          text: 'La métropole invite les habitants à un atelier participatif sur le réaménagement des quais. Inscriptions ouvertes jusqu’au 30 novembre.',
          link: `https://dialoguecitoyen.example/projets/bords-de-loire/actu-${i}`,
          themes: ['mobilites'],
          territories: ['nantes'],
          publishedAt: at,
          updatedAt: at,
        };
        await counting.store.feedItems.create(item);
      },
    );
    const app = feedRoutes({
      ...core,
      publicUrl: 'https://porte-voix.example',
      logger: silentLogger(),
      openData: openDataSettings(loadConfig({})),
    });
    const get = (headers: Record<string, string> = {}) => app.request(PATH, { headers });

    const first = await get();
    const bodyBytes = (await first.arrayBuffer()).byteLength;
    const etag = first.headers.get('ETag') ?? '';
    const lastModified = first.headers.get('Last-Modified') ?? '';

    const okTimes: number[] = [];
    for (let i = 0; i < WARMUP + RUNS / 4; i++) {
      const started = performance.now();
      const res = await get();
      await res.arrayBuffer();
      if (i >= WARMUP) okTimes.push(performance.now() - started);
    }

    const statuses: Record<string, number> = {};
    const times: number[] = [];
    for (let i = 0; i < WARMUP; i++) await get({ 'If-None-Match': etag });
    counting.reset();
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const res = await get({ 'If-None-Match': etag });
      const body = await res.arrayBuffer();
      times.push(performance.now() - started);
      const key = body.byteLength === 0 ? String(res.status) : `${res.status} with a body`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    const counts = counting.counts();
    const ims = await get({ 'If-Modified-Since': lastModified });
    return {
      path: PATH,
      itemsStored: ITEMS,
      firstStatus: first.status,
      conditionalStatuses: statuses,
      ifModifiedSinceStatus: ims.status,
      notModifiedMs: summarize(times),
      okCachedMs: summarize(okTimes),
      bodyBytes,
      readsPerNotModified: round(counts.reads / RUNS, 2),
      writesPerNotModified: round(counts.writes / RUNS, 2),
    };
  } finally {
    await counting.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchFeedRevalidation(), null, 2));
}
