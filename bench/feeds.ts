// Benchmark: renders a 1,000-item feed in each format (DESIGN.md target: ≤ 20 ms) and prints one
// JSON line. Called by `npm run bench` (bench/run.ts); runs alone with `npx tsx bench/feeds.ts`.
import { pathToFileURL } from 'node:url';
import { type FeedFormat, renderFeed } from '#adapters/feeds/render';
import { TERRITORIES, THEMES, type Theme } from '#core/demarches/places';
import type { FeedItem } from '#core/feeds/feed-item';
import { feedGuid } from '#core/feeds/guids';

const ITEMS = 1000;
const WARMUP_RUNS = 5;
const RUNS = 50;
const TARGET_MS = 20;

// Realistic updates: a title, two short paragraphs, themes and places, an image on every other one.
function sampleItems(count: number): FeedItem[] {
  const themes = Object.keys(THEMES) as Theme[];
  const territories = Object.keys(TERRITORIES);
  const start = Date.parse('2026-01-05T08:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start + (count - i) * 3_600_000).toISOString();
    return {
      id: `bench${i.toString().padStart(6, '0')}`,
      title: `Atelier n° ${i} : aménagement des bords de Loire & mobilités douces`,
      text:
        'La métropole invite les habitants à un atelier participatif sur le réaménagement des quais. ' +
        'Inscriptions ouvertes jusqu’au 30 novembre, places limitées.\n\n' +
        'Le questionnaire en ligne reste ouvert : donnez votre avis en deux minutes, ' +
        'les résultats et la suite donnée seront publiés ici.',
      link: `https://dialoguecitoyen.example/projets/bords-de-loire/actu-${i}`,
      ...(i % 2 === 0 ? { imageUrl: `https://cdn.example/photos/atelier-${i}.jpg` } : {}),
      demarcheSlug: 'bords-de-loire',
      themes: [themes[i % themes.length]!, themes[(i + 3) % themes.length]!],
      territories: [territories[i % territories.length]!] as FeedItem['territories'],
      publishedAt: at,
      updatedAt: at,
    };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

export function benchFeeds(): Record<string, unknown> {
  const items = sampleItems(ITEMS);
  const results: Record<string, unknown> = { bench: 'feeds', items: ITEMS, runs: RUNS, targetMs: TARGET_MS };
  for (const format of ['rss', 'atom', 'json'] as FeedFormat[]) {
    const options = {
      id: feedGuid(),
      title: 'Porte-voix — Dialogue citoyen',
      description: 'Toutes les actualités des démarches de participation citoyenne',
      selfUrl: `http://localhost:3000/feeds/${format}`,
      siteUrl: 'http://localhost:3000',
      items,
      updated: items[0]!.updatedAt,
    };
    let bytes = 0;
    for (let i = 0; i < WARMUP_RUNS; i++) renderFeed(format, options);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      bytes = renderFeed(format, options).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 0.5);
    results[format] = {
      medianMs: round(median),
      p95Ms: round(percentile(times, 0.95)),
      chars: bytes,
      withinTarget: median <= TARGET_MS,
    };
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(benchFeeds()));
}
