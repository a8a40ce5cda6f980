// The local runtime's import timer: a poll round every FEED_IMPORT_EVERY_MINUTES of (virtual) time.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { IMPORT_ACTOR } from '#core/imports/import-entry';
import { createFeedSource } from '#core/imports/use-cases';
import { startLocalImports } from '#local/imports';
import { startTestStore, type TestStore } from '../support/dynalite';
import { type FeedServer, fixture, onlyPort, serve, startFeedServer } from '../support/feed-server';
import { VirtualTimers } from '../support/virtual-timers';

let server: FeedServer;
let testStore: TestStore;

beforeAll(async () => {
  server = await startFeedServer({ '/rss.xml': serve(fixture('platform-rss.xml')) });
  testStore = await startTestStore();
});
afterAll(async () => {
  await testStore.close();
  await server.close();
});

describe('local feed imports', () => {
  it('polls every source once per period, and not before', async () => {
    const timers = new VirtualTimers();
    const deps = {
      store: testStore.store,
      clock: fixedClock('2026-11-30T10:00:00.000Z'),
      ids: randomIds,
      telegramFormat: telegramCampaignFormat,
      feedReader: createFeedReader({ policy: onlyPort(server.port) }),
    };
    const source = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/rss.xml'), label: 'Actualités' });
    const config = loadConfig({ FEED_IMPORT_EVERY_MINUTES: '10' });
    const imports = startLocalImports(config, deps, new Logger({ logLevel: 'SILENT' }), { timers });
    await timers.advance(9 * 60_000);
    expect(server.requests).toEqual([]);
    await timers.advance(60_000);
    await imports.stop();
    expect(server.requests.map((r) => r.path)).toEqual(['/rss.xml']);
    expect((await testStore.store.feedSources.get(source.id))?.status.entriesImported).toBe(3);
  });
});
