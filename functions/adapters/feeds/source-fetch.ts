// Fetches a source feed within limits: http(s) only, every hop's address checked (source-address.ts)
// and connected to as checked, redirects followed by hand (each re-checked, at most a few), one
// deadline for the whole fetch, a size cap that aborts the download, and a conditional GET.
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type Timers, systemTimers } from '#adapters/system/timers';
import type { FeedValidators } from '#core/imports/ports';
import {
  type AddressPolicy,
  AddressRefused,
  type Resolve,
  addressRefusal,
  checkedLookup,
  portOf,
} from './source-address';

export interface SourceFetchOptions {
  policy: AddressPolicy;
  /** The whole fetch, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Bytes of body read at most (default 2 MB). */
  maxBytes?: number;
  maxRedirects?: number;
  resolve?: Resolve;
  timers?: Timers;
}

export type FetchResult =
  | { kind: 'not_modified' }
  | ({ kind: 'ok'; body: Buffer; contentType?: string; url: string } & FeedValidators)
  | { kind: 'failed'; reason: string };

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Porte-voix (import de flux ; +https://github.com/porte-voix)';

class FetchRefused extends Error {}

export async function fetchSource(
  url: string,
  validators: FeedValidators,
  options: SourceFetchOptions,
): Promise<FetchResult> {
  const timers = options.timers ?? systemTimers;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const done = new AbortController();
  timers.sleep(timeoutMs, done.signal).then(
    () => deadline.abort(new FetchRefused(`le serveur n’a pas répondu en ${Math.round(timeoutMs / 1000)} s`)),
    () => undefined,
  );
  try {
    return await follow(new URL(url), validators, options, deadline.signal);
  } catch (error) {
    if (error instanceof FetchRefused || error instanceof AddressRefused)
      return { kind: 'failed', reason: error.message };
    if (deadline.signal.aborted) return { kind: 'failed', reason: (deadline.signal.reason as Error).message };
    return { kind: 'failed', reason: networkReason(error) };
  } finally {
    done.abort();
  }
}

async function follow(start: URL, validators: FeedValidators, options: SourceFetchOptions, signal: AbortSignal) {
  let url = start;
  for (let hop = 0; ; hop++) {
    const refusal = await addressRefusal(url, options.policy, options.resolve);
    if (refusal) throw new FetchRefused(hop === 0 ? refusal : `redirection refusée : ${refusal}`);
    const response = await get(url, validators, options, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.resume();
      if (hop >= (options.maxRedirects ?? 3)) throw new FetchRefused('trop de redirections');
      url = new URL(location, url);
      continue;
    }
    if (status === 304) return (response.resume(), { kind: 'not_modified' } as const);
    if (status < 200 || status > 299) {
      response.resume();
      throw new FetchRefused(statusReason(status));
    }
    const body = await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES);
    const header = (name: string) => {
      const value = response.headers[name];
      return typeof value === 'string' && value ? value : undefined;
    };
    return {
      kind: 'ok',
      body,
      url: url.href,
      contentType: header('content-type'),
      etag: header('etag'),
      lastModified: header('last-modified'),
    } as const;
  }
}

function get(url: URL, validators: FeedValidators, options: SourceFetchOptions, signal: AbortSignal) {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      signal,
      // The address checked is the address connected to: Node connects to what this lookup answers.
      lookup: checkedLookup(options.policy, portOf(url), options.resolve),
      headers: {
        'user-agent': USER_AGENT,
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
        'accept-encoding': 'identity',
        ...(validators.etag ? { 'if-none-match': validators.etag } : {}),
        ...(validators.lastModified ? { 'if-modified-since': validators.lastModified } : {}),
      },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooBig = () =>
    new FetchRefused(`le flux dépasse la taille maximale (${Math.round(maxBytes / 1024 / 1024)} Mo) : il n’est pas lu`);
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    throw tooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Stop reading at once: a huge or endless body never sits in memory.
    if (size > maxBytes) {
      response.destroy();
      throw tooBig();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function statusReason(status: number): string {
  if (status === 404 || status === 410) return `le flux est introuvable (HTTP ${status}) : a-t-il changé d’adresse ?`;
  if (status === 401 || status === 403) return `le serveur refuse l’accès au flux (HTTP ${status})`;
  if (status >= 500) return `le serveur du flux est en erreur (HTTP ${status})`;
  return `réponse inattendue du serveur (HTTP ${status})`;
}

function networkReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED') return 'le serveur du flux refuse la connexion';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'le serveur du flux a coupé la connexion';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'le nom du serveur du flux est introuvable (DNS)';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT'))
    return 'le certificat HTTPS du serveur du flux est invalide';
  return 'le serveur du flux est injoignable';
}
