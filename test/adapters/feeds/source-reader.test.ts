// The source feed reader against a local server serving recorded real-world-shaped documents and
// the failures of real servers: every outcome is entries, "nothing new", or a plain reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicAddressesOnly } from '#adapters/feeds/source-address';
import { createFeedReader } from '#adapters/feeds/source-reader';
import type { FeedReadResult } from '#core/imports/ports';
import { type FeedServer, fixture, onlyPort, serve, startFeedServer } from '../../support/feed-server';
import { VirtualTimers } from '../../support/virtual-timers';

let server: FeedServer;
let other: FeedServer;
const timers = new VirtualTimers();
let reader: ReturnType<typeof createFeedReader>;

const entriesOf = (result: FeedReadResult) => {
  if (result.kind !== 'feed') throw new Error(`expected a feed, got ${JSON.stringify(result)}`);
  return result.entries;
};
const reasonOf = (result: FeedReadResult) => (result.kind === 'failed' ? result.reason : `not failed: ${result.kind}`);

beforeAll(async () => {
  other = await startFeedServer({ '/rss.xml': serve(fixture('platform-rss.xml')) });
  server = await startFeedServer({
    '/rss.xml': serve(fixture('platform-rss.xml'), 'application/rss+xml; charset=utf-8'),
    '/atom.xml': serve(fixture('platform-atom.xml'), 'application/atom+xml'),
    '/latin1-utf8.xml': serve(fixture('declared-latin1-but-utf8.xml'), 'text/xml'),
    '/cp1252.xml': serve(fixture('windows-1252.xml'), 'application/xml; charset=ISO-8859-1'),
    '/page.html': serve(fixture('not-a-feed.html'), 'text/html; charset=utf-8'),
    '/etag.xml': serve(fixture('platform-rss.xml'), 'application/rss+xml', { etag: '"v1"' }),
    '/500': (_req, res) => void res.writeHead(500).end('boom'),
    '/huge.xml': (_req, res) => {
      // No Content-Length: the cap must stop the download itself.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
      const chunk = `<item><title>${'x'.repeat(64 * 1024)}</title></item>`;
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      res.on('error', () => undefined);
      pump();
    },
    '/slow.xml': () => void timers.advance(10_000), // never answers; the deadline passes meanwhile
    '/to-metadata': (_req, res) =>
      void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-loopback': (_req, res) => void res.writeHead(301, { location: other.url('/rss.xml') }).end(),
    '/to-atom': (_req, res) => void res.writeHead(302, { location: '/atom.xml' }).end(),
    '/loop': (_req, res) => void res.writeHead(302, { location: '/loop' }).end(),
  });
  reader = createFeedReader({ policy: onlyPort(server.port), timers, maxBytes: 2 * 1024 * 1024 });
});
afterAll(async () => {
  await server.close();
  await other.close();
});

describe('reading source feeds', () => {
  it('reads RSS 2.0: CDATA and HTML titles as text, relative links made absolute, odd or missing dates kept out', async () => {
    const entries = entriesOf(await reader.read(server.url('/rss.xml'), {}));
    expect(entries).toEqual([
      {
        guid: 'https://dialoguecitoyen.example/?p=1203',
        title: 'Bords de Loire : la synthèse est en ligne',
        text: expect.stringContaining('Merci aux 1\u00a0204 participant·es'),
        link: server.url('/actualites/bords-de-loire-synthese'),
        publishedAt: '2026-12-01T08:30:00.000Z',
      },
      {
        title: 'Atelier mobilités & quartiers',
        text: 'Un atelier ouvert à toutes et tous, samedi à 10 h.',
        link: 'https://dialoguecitoyen.example/actualites/atelier-mobilites',
        rawDate: 'le 28 novembre',
      },
      { title: 'Questionnaire sur les parcs', text: 'Sans lien ni guid ni date.' },
    ]);
  });

  it('reads Atom: HTML and XHTML titles, links against xml:base, an odd date without losing the feed', async () => {
    const entries = entriesOf(await reader.read(server.url('/atom.xml'), {}));
    expect(entries).toEqual([
      {
        guid: 'tag:participer.example,2026:entry-42',
        title: 'Budget participatif 2027 : déposez vos idées',
        text: 'Jusqu’au 15 janvier.',
        link: 'https://participer.example/projets/budget-2027',
        publishedAt: '2026-12-01T07:00:00.000Z',
      },
      {
        guid: 'tag:participer.example,2026:entry-41',
        title: 'Réunion publique',
        text: 'Salle des fêtes, 19\u00a0h.',
        link: 'https://participer.example/reunion-publique',
      },
    ]);
  });

  it('decodes a document declared ISO-8859-1 that is UTF-8, and a real Windows-1252 one', async () => {
    expect(entriesOf(await reader.read(server.url('/latin1-utf8.xml'), {}))[0]?.title).toBe(
      'Concertation : l’été à Rezé',
    );
    expect(entriesOf(await reader.read(server.url('/cp1252.xml'), {}))[0]?.title).toBe(
      '“Fête du quartier” : 5 € l’entrée',
    );
  });

  it('follows a redirect on the same server, with the final URL as the base of relative links', async () => {
    const entries = entriesOf(await reader.read(server.url('/to-atom'), {}));
    expect(entries).toHaveLength(2);
  });

  it('answers "nothing new" to a conditional GET the server answers 304, and sends the validators', async () => {
    const first = await reader.read(server.url('/etag.xml'), {});
    expect(first).toMatchObject({ kind: 'feed', etag: '"v1"' });
    expect(
      await reader.read(server.url('/etag.xml'), { etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 08:00:00 GMT' }),
    ).toEqual({
      kind: 'not_modified',
    });
    expect(server.requests.filter((r) => r.path === '/etag.xml').at(-1)).toMatchObject({
      ifNoneMatch: '"v1"',
      ifModifiedSince: 'Tue, 01 Dec 2026 08:00:00 GMT',
    });
  });

  it('gives a plain reason for what is not a feed and for servers that fail', async () => {
    expect(reasonOf(await reader.read(server.url('/page.html'), {}))).toBe(
      'l’adresse renvoie une page web (HTML), pas un flux RSS ou Atom',
    );
    expect(reasonOf(await reader.read(server.url('/500'), {}))).toBe('le serveur du flux est en erreur (HTTP 500)');
    expect(reasonOf(await reader.read(server.url('/gone.xml'), {}))).toBe(
      'le flux est introuvable (HTTP 404) : a-t-il changé d’adresse ?',
    );
    expect(reasonOf(await reader.read(server.url('/loop'), {}))).toBe('trop de redirections');
  });

  it('stops reading a body past the size cap', async () => {
    expect(reasonOf(await reader.read(server.url('/huge.xml'), {}))).toBe(
      'le flux dépasse la taille maximale (2 Mo) : il n’est pas lu',
    );
  });

  it('gives up on a server that does not answer within the deadline', async () => {
    expect(reasonOf(await reader.read(server.url('/slow.xml'), {}))).toBe('le serveur n’a pas répondu en 10 s');
  });

  it('refuses redirects to the metadata service or to another service of this machine', async () => {
    expect(reasonOf(await reader.read(server.url('/to-metadata'), {}))).toBe(
      'redirection refusée : l’adresse 169.254.169.254 est privée ou réservée : seules les adresses publiques sont acceptées',
    );
    expect(reasonOf(await reader.read(server.url('/to-loopback'), {}))).toBe(
      'redirection refusée : l’adresse 127.0.0.1 est privée ou réservée : seules les adresses publiques sont acceptées',
    );
    expect(other.requests).toEqual([]);
  });

  it('refuses, in production, every private, loopback, link-local, unique-local, CGNAT or multicast address', async () => {
    const production = createFeedReader({
      policy: publicAddressesOnly,
      // A name that resolves to the loopback: refused as its address, never connected to.
      resolve: (host) => Promise.resolve(host === 'feeds.example' ? [{ address: '127.0.0.1', family: 4 }] : []),
    });
    for (const url of [
      'http://127.0.0.1/feed',
      'http://10.0.0.8/feed',
      'http://192.168.1.1/feed',
      'http://169.254.169.254/latest',
      'http://100.64.0.1/feed',
      'http://[::1]/feed',
      'http://[fe80::1]/feed',
      'http://[fd00::1]/feed',
      'http://[::ffff:127.0.0.1]/feed',
      'http://224.0.0.1/feed',
      'http://0.0.0.0/feed',
    ])
      expect(await production.refusal(url), url).toMatch(/privée ou réservée/);
    expect(await production.refusal('http://feeds.example/rss')).toBe(
      '« feeds.example » désigne une adresse privée ou réservée (127.0.0.1) : seules les adresses publiques sont acceptées',
    );
    expect(reasonOf(await production.read('http://feeds.example/rss', {}))).toMatch(/désigne une adresse privée/);
    expect(await production.refusal('ftp://example.org/feed')).toBe(
      'seules les adresses http et https sont acceptées (pas « ftp »)',
    );
    expect(await production.refusal('http://nowhere.example/rss')).toBe(
      'le nom « nowhere.example » est introuvable (DNS)',
    );
    expect(await production.refusal('http://93.184.215.14/feed')).toBeUndefined();
  });
});
