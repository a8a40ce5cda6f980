// The import Lambda inside its timeout, its budget on virtual time: once the budget is spent no source
// starts; the checks in flight end, the round is logged with how many sources wait for the next one
// and counted as a cut-off. A round that fits polls every source and cuts nothing.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { METRIC } from '#adapters/metrics/names';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { IMPORT_ACTOR } from '#core/imports/import-entry';
import { createFeedSource } from '#core/imports/use-cases';
import { type ImportTickDeps, createImportHandler } from '#handlers/imports/import-tick';
import { type CapturedLogs, captureLogs } from '../../support/captured-logs';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { type FeedServer, fixture, onlyPort, serve, startFeedServer } from '../../support/feed-server';
import { VirtualTimers } from '../../support/virtual-timers';

let server: FeedServer;
let testStore: TestStore;
let logs: CapturedLogs;
let deps: ImportTickDeps;
let open = () => {};
let held: Promise<void>;
let waiting = 0;

beforeAll(async () => {
  const rss = serve(fixture('platform-rss.xml'));
  // The slow platform: its answer waits until the test lets it go (requests arrive, nothing comes back).
  const slow: Parameters<typeof startFeedServer>[0] = {};
  for (const n of [1, 2, 3, 4, 5, 6])
    slow[`/slow-${n}.xml`] = (req, res) => {
      waiting++;
      void held.then(() => rss(req, res));
    };
  server = await startFeedServer({ '/rss.xml': rss, '/other.xml': rss, ...slow });
});
afterAll(() => server.close());
beforeEach(async () => {
  logs = captureLogs();
  testStore = await startTestStore();
  held = new Promise<void>((resolve) => (open = resolve));
  waiting = 0;
  deps = {
    store: testStore.store,
    clock: fixedClock('2026-11-30T10:00:00.000Z'),
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    feedReader: createFeedReader({ policy: onlyPort(server.port) }),
    logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'INFO' }),
    metrics: new Metrics({ namespace: 'PorteVoix', serviceName: 'porte-voix-test' }),
  };
});
afterEach(async () => {
  open();
  await testStore.close();
  logs.restore();
});

const addSources = async (paths: string[]) => {
  for (const path of paths) await createFeedSource(deps, IMPORT_ACTOR, { url: server.url(path), label: path });
};

it('starts no source past its budget: the sources left wait for the next round, logged and counted', async () => {
  // Six sources on the slow platform: four take the four workers, two wait behind them.
  await addSources([1, 2, 3, 4, 5, 6].map((n) => `/slow-${n}.xml`));
  const timers = new VirtualTimers('2026-11-30T10:00:00.000Z');
  const round = createImportHandler(deps, { budgetMs: 240_000, timers })();
  await vi.waitFor(() => expect(waiting === 4 && timers.sleeping === 1).toBe(true), { interval: 2 });
  timers.next(); // the 4 minutes are spent while the slow platform holds every worker
  open();

  expect(await round).toMatchObject({ checked: 4, leftOut: 2 });
  expect(logs.withMessage('feed import round cut off')).toEqual([
    expect.objectContaining({ polled: 4, leftOut: 2, budgetMs: 240_000, cutOff: true }),
  ]);
  expect(logs.metric(METRIC.cutOff)).toHaveLength(1);
});

it('polls every source of a round that fits its budget, and cuts nothing', async () => {
  await addSources(['/rss.xml', '/other.xml']);
  const timers = new VirtualTimers('2026-11-30T10:00:00.000Z');
  const summary = await createImportHandler(deps, { budgetMs: 240_000, timers })();
  expect(summary).toEqual({ checked: 2, imported: expect.any(Number), failing: 0 });
  expect(logs.withMessage('feed import round cut off')).toEqual([]);
  expect(timers.sleeping).toBe(0);
});
