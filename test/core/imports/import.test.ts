// The import of source feeds on the real store, from a local server: each entry imported once
// across restarts and overlapping runs, conditional GET, one broken source beside a working one,
// and the démarche's policy deciding between drafts and scheduled campaigns.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { Demarche } from '#core/demarches/demarche';
import type { ImportDeps } from '#core/imports/check-source';
import { entryItemId } from '#core/imports/entry-key';
import { IMPORT_ACTOR } from '#core/imports/import-entry';
import { checkFeedSourceNow, createFeedSource, pollFeedSources } from '#core/imports/use-cases';
import { DomainError } from '#core/shared/errors';
import { startTestStore, type TestStore } from '../../support/dynalite';
import { type FeedServer, fixture, onlyPort, serve, startFeedServer } from '../../support/feed-server';

const NOW = '2026-11-30T10:00:00.000Z';
let server: FeedServer;
let testStore: TestStore;
let deps: ImportDeps;

const demarche = (slug: string, policy?: 'auto' | 'review'): Demarche => ({
  slug,
  title: `Démarche ${slug}`,
  summary: 'Résumé',
  link: `https://dialoguecitoyen.example/${slug}`,
  themes: ['loire'],
  territories: ['nantes-ile-de-nantes'],
  steps: [],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  version: 1,
  ...(policy ? { announcementPolicy: policy } : {}),
});

/** Deps as a fresh process builds them on the same store (a restart). */
const depsAt = (now: string): ImportDeps => ({
  store: testStore.store,
  clock: fixedClock(now),
  ids: randomIds,
  telegramFormat: telegramCampaignFormat,
  feedReader: createFeedReader({ policy: onlyPort(server.port) }),
});

const campaignsOf = async () => (await testStore.store.campaigns.list({ limit: 100 })).items;

beforeAll(async () => {
  server = await startFeedServer({
    '/rss.xml': serve(fixture('platform-rss.xml')),
    '/atom.xml': serve(fixture('platform-atom.xml'), 'application/atom+xml', { etag: '"atom-1"' }),
    '/500': (_req, res) => void res.writeHead(500).end(),
    '/page.html': serve(fixture('not-a-feed.html'), 'text/html'),
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  testStore = await startTestStore();
  deps = depsAt(NOW);
  await testStore.store.demarches.create(demarche('bords-de-loire', 'auto'));
  await testStore.store.demarches.create(demarche('parcs'));
});
afterEach(() => testStore.close());

describe('importing a source', () => {
  it('imports every entry as a feed item once, through restarts and overlapping runs', async () => {
    const source = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/rss.xml'), label: 'Actualités' });
    const [first, overlapping] = await Promise.all([
      checkFeedSourceNow(deps, source.id),
      checkFeedSourceNow(deps, source.id),
    ]);
    expect(first.imported + overlapping.imported).toBe(3);
    // A restart: new deps on the same store, a later time.
    const again = await checkFeedSourceNow(depsAt('2026-11-30T10:15:00.000Z'), source.id);
    expect(again.imported).toBe(0);
    const items = await testStore.store.feedItems.listRecent({ limit: 10 });
    expect(items.map((i) => i.title).sort()).toEqual([
      'Atelier mobilités & quartiers',
      'Bords de Loire : la synthèse est en ligne',
      'Questionnaire sur les parcs',
    ]);
    expect(items.find((i) => i.title === 'Questionnaire sur les parcs')?.link).toBe(server.url('/rss.xml'));
    expect(again.source.status).toMatchObject({
      lastSuccessAt: '2026-11-30T10:15:00.000Z',
      entriesSeen: 3,
      entriesImported: 3,
    });
  });

  it('completes on the next run an entry claimed by a run that crashed before publishing it', async () => {
    const source = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/atom.xml'), label: 'Projets' });
    const entry = {
      guid: 'tag:participer.example,2026:entry-42',
      title: 'Budget participatif 2027 : déposez vos idées',
      text: '',
    };
    const { entryKey } = await import('#core/imports/entry-key');
    await testStore.store.feedSources.claimEntry({
      sourceId: source.id,
      key: entryKey(entry),
      itemId: entryItemId(source.url, entry),
      title: entry.title,
      state: 'pending',
      claimedAt: NOW,
    });
    // The same minute: the claim may belong to a run still at work, left alone.
    expect((await checkFeedSourceNow(deps, source.id)).imported).toBe(1);
    expect(await testStore.store.feedItems.get(entryItemId(source.url, entry))).toBeUndefined();
    // A restart later: the run that claimed it is gone, this one completes it.
    expect((await checkFeedSourceNow(depsAt('2026-11-30T10:15:00.000Z'), source.id)).imported).toBe(1);
    expect(await testStore.store.feedItems.get(entryItemId(source.url, entry))).toMatchObject({
      title: 'Budget participatif 2027 : déposez vos idées',
    });
    expect(await testStore.store.feedSources.getEntry(source.id, entryKey(entry))).toMatchObject({ state: 'done' });
  });

  it('sends the validators back and takes a 304 as nothing new', async () => {
    const source = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/atom.xml'), label: 'Projets' });
    await checkFeedSourceNow(deps, source.id);
    const second = await checkFeedSourceNow(depsAt('2026-11-30T10:15:00.000Z'), source.id);
    expect(server.requests.at(-1)).toMatchObject({ path: '/atom.xml', ifNoneMatch: '"atom-1"' });
    expect(second.imported).toBe(0);
    expect(second.source.status).toMatchObject({ etag: '"atom-1"', lastSuccessAt: '2026-11-30T10:15:00.000Z' });
  });

  it('keeps polling the others when one source fails, and records its reason and last success', async () => {
    const broken = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/500'), label: 'En panne' });
    const html = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/page.html'), label: 'Page' });
    const good = await createFeedSource(deps, IMPORT_ACTOR, { url: server.url('/rss.xml'), label: 'Actualités' });
    const outcomes = await pollFeedSources(deps);
    const statusOf = (id: string) => outcomes.find((o) => o.source.id === id)?.source.status;
    expect(statusOf(broken.id)).toEqual({
      lastCheckedAt: NOW,
      lastErrorAt: NOW,
      lastError: 'le serveur du flux est en erreur (HTTP 500)',
      entriesSeen: 0,
      entriesImported: 0,
    });
    expect(statusOf(html.id)?.lastError).toBe('l’adresse renvoie une page web (HTML), pas un flux RSS ou Atom');
    expect(statusOf(good.id)).toMatchObject({ lastSuccessAt: NOW, entriesImported: 3 });
    expect((await testStore.store.feedSources.get(broken.id))?.status.lastError).toBe(
      'le serveur du flux est en erreur (HTTP 500)',
    );
  });

  it('refuses at creation a URL that is not http(s) or names a private address, in words, on the url field', async () => {
    const production = {
      ...deps,
      feedReader: createFeedReader({ policy: (a) => a !== '169.254.169.254' && a !== '127.0.0.1' }),
    };
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:8080/feed'])
      await expect(createFeedSource(production, IMPORT_ACTOR, { url, label: 'x' })).rejects.toMatchObject({
        code: 'Invalid',
        violations: [{ field: 'url', rule: 'public_feed_url', message: expect.stringMatching(/privée ou réservée/) }],
      });
    await expect(
      createFeedSource(deps, IMPORT_ACTOR, { url: 'file:///etc/passwd', label: 'x' }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe('announcing imported entries', () => {
  it('announces nothing on the first poll older than the source; later entries per the démarche policy', async () => {
    // The source is added before the Atom feed's entry-42 (2026-12-01T07:00Z) but after nothing else.
    const auto = await createFeedSource(depsAt('2026-11-30T10:00:00.000Z'), IMPORT_ACTOR, {
      url: server.url('/atom.xml'),
      demarcheSlug: 'bords-de-loire',
      label: 'Projets',
    });
    const review = await createFeedSource(depsAt('2026-11-30T10:00:00.000Z'), IMPORT_ACTOR, {
      url: server.url('/rss.xml'),
      demarcheSlug: 'parcs',
      label: 'Actualités',
    });
    await pollFeedSources(depsAt('2026-12-01T09:00:00.000Z'));
    const campaigns = await campaignsOf();
    // Atom: entry-42 is newer than the source (announced, `auto`: scheduled); entry-41 has no usable date (first poll: not announced).
    // RSS: only the synthesis (2026-12-01T08:30Z) is newer than the source (`review`: a draft).
    expect(campaigns.map((c) => [c.origin, c.status, c.channels, c.audience]).sort()).toEqual(
      [
        [
          { kind: 'import', sourceId: auto.id, entryKey: expect.any(String) },
          'scheduled',
          ['telegram'],
          { kind: 'followers', demarches: ['bords-de-loire'], themes: [], territories: [] },
        ],
        [
          { kind: 'import', sourceId: review.id, entryKey: expect.any(String) },
          'draft',
          ['telegram'],
          { kind: 'followers', demarches: ['parcs'], themes: [], territories: [] },
        ],
      ].sort(),
    );
    const scheduled = campaigns.find((c) => c.status === 'scheduled');
    expect(scheduled).toMatchObject({
      sendAt: '2026-12-01T09:05:00.000Z',
      demarcheSlug: 'bords-de-loire',
      message: {
        title: 'Budget participatif 2027 : déposez vos idées',
        link: 'https://participer.example/projets/budget-2027',
      },
    });
    // The feed item carries its démarche's categories (the theme and place feeds include it).
    expect(await testStore.store.feedItems.get(scheduled!.id)).toMatchObject({
      demarcheSlug: 'bords-de-loire',
      themes: ['loire'],
    });
  });

  it('drafts what a global source brings', async () => {
    await createFeedSource(depsAt('2026-11-01T00:00:00.000Z'), IMPORT_ACTOR, {
      url: server.url('/rss.xml'),
      label: 'Tout',
    });
    await pollFeedSources(depsAt('2026-12-01T09:00:00.000Z'));
    const campaigns = await campaignsOf();
    expect(campaigns.map((c) => [c.status, c.audience])).toEqual([['draft', { kind: 'everyone' }]]);
  });
});
