// The simulator's HTTP face: the Bot API at /bot<token>/<method> as api.telegram.org serves it (GET or POST; JSON,
// url-encoded or multipart), and the simulator's own controls under /simulator/ (citizens, inspection, faults).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { BotApi } from './bot-api';
import { notFound, TelegramApiError, unauthorized } from './errors';
import { decodeParams } from './params';

/** The Bot API accepts uploads up to 50 MB; a bigger body is refused before it is buffered. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export interface HttpDeps {
  token: string;
  api: BotApi;
  control(method: string, segments: string[], body: unknown): Promise<ControlAnswer>;
}

const BOT_PATH = /^\/bot([^/]*)\/(?:test\/)?([A-Za-z]*)\/?$/;

export function createRequestListener(deps: HttpDeps): RequestListener {
  return (req, res) => {
    route(deps, req, res).catch((error: Error) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${error.message}` });
    });
  };
}

async function route(deps: HttpDeps, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const bot = BOT_PATH.exec(url.pathname);
  if (bot) return botApi(deps, decodeURIComponent(bot[1]!), bot[2]!, url.searchParams, req, res);
  if (url.pathname === '/simulator' || url.pathname.startsWith('/simulator/')) {
    const segments = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    return control(deps, segments, req, res);
  }
  req.resume();
  sendJson(res, 404, notFound().toResponse());
}

async function botApi(
  deps: HttpDeps,
  token: string,
  method: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const body = await readBody(req);
  if (body === 'too large')
    return sendJson(res, 413, { ok: false, error_code: 413, description: 'Request Entity Too Large' });
  if (token !== deps.token) return sendJson(res, 401, unauthorized().toResponse());
  if (method === '') return sendJson(res, 404, notFound().toResponse());
  let params;
  try {
    params = await decodeParams(req.headers['content-type'], body, query);
  } catch (error) {
    if (error instanceof TelegramApiError) return sendJson(res, error.errorCode, error.toResponse());
    throw error;
  }
  const outcome = await deps.api.invoke(method, params);
  // An injected drop: the client sees a reset connection and cannot know whether the call took effect.
  if (outcome.kind === 'drop') return req.socket.destroy();
  sendJson(res, outcome.status, outcome.body);
}

async function control(deps: HttpDeps, segments: string[], req: IncomingMessage, res: ServerResponse) {
  const raw = await readBody(req);
  if (raw === 'too large') return sendJson(res, 413, { ok: false, error: 'body too large' });
  let body: unknown;
  try {
    body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    return sendJson(res, 400, { ok: false, error: 'body must be JSON' });
  }
  const answer = await deps.control(req.method ?? 'GET', segments, body);
  sendJson(res, answer.status, answer.body);
}

/** Events rather than an async iterator: at thousands of calls per second the iterator's bookkeeping shows. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      return resolve('too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? 'too large' : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
