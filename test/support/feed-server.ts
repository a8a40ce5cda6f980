// A local HTTP server on 127.0.0.1 serving recorded source feeds (test/fixtures/feeds/) and the
// misbehaviours of real servers (500, 404, redirects, huge or endless bodies, no answer at all).
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AddressPolicy, publicAddressesOnly } from '#adapters/feeds/source-address';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  url(path: string): string;
  port: number;
  /** Requests received, with their conditional headers. */
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

export const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));

/** Serves a fixture with a content type (and the validators given): 304 when the request's validators match. */
export const serve =
  (body: Buffer | string, contentType = 'application/rss+xml', validators: { etag?: string } = {}): Route =>
  (req, res) => {
    if (validators.etag && req.headers['if-none-match'] === validators.etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, ...(validators.etag ? { etag: validators.etag } : {}) });
    res.end(body);
  };

export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({
      path,
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
    });
    const route = table.get(path);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Introuvable</h1>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    route: (path, route) => void table.set(path, route),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** The tests' address policy: the feed server itself, and nothing else of this machine or network. */
export const onlyPort =
  (port: number): AddressPolicy =>
  (address, p) =>
    (address === '127.0.0.1' && p === port) || publicAddressesOnly(address, p);
