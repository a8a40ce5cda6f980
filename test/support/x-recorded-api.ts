// A stand-in for the X API v2 at the HTTP boundary, since X cannot be reached from here: a local
// server replaying answers recorded from X, keeping every request it gets, and checking OAuth 1.0a
// signatures (RFC 5849) as X does, so a swapped key or secret fails here as it would there.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface XReply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface XCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

export const RECORDED_POST_ID = '1861234567890123456';

const problem = (status: number, title: string, detail: string, type = 'about:blank') => ({
  detail,
  type,
  title,
  status,
});

/** POST /2/tweets limits as X sends them: a 15-minute window and a 24-hour cap per user. */
function limitHeaders(
  remaining: number,
  resetEpochSeconds: number,
  dailyRemaining = 99,
  dailyReset = resetEpochSeconds + 86_400,
) {
  return {
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(resetEpochSeconds),
    'x-user-limit-24hour-limit': '100',
    'x-user-limit-24hour-remaining': String(dailyRemaining),
    'x-user-limit-24hour-reset': String(dailyReset),
  };
}

// X's reset headers are real epochs, read by twitter-api-v2 against the system clock, not ours.
// eslint-disable-next-line no-restricted-properties -- a recorded X API answer needs a real epoch
const inFifteenMinutes = () => Math.floor(Date.now() / 1000) + 900;

/** Answers recorded from POST /2/tweets (bodies as X returns them). */
export const xReplies = {
  created: (text: string, id = RECORDED_POST_ID): XReply => ({
    status: 201,
    headers: limitHeaders(99, inFifteenMinutes()),
    body: { data: { edit_history_tweet_ids: [id], id, text } },
  }),
  /** The 15-minute window is spent; X says when it resets (epoch seconds). */
  rateLimited: (resetEpochSeconds: number): XReply => ({
    status: 429,
    headers: limitHeaders(0, resetEpochSeconds),
    body: problem(429, 'Too Many Requests', 'Too Many Requests'),
  }),
  /** The 24-hour cap is spent while the 15-minute window still has room: the later reset counts. */
  dailyCapReached: (windowReset: number, dailyReset: number): XReply => ({
    status: 429,
    headers: limitHeaders(57, windowReset, 0, dailyReset),
    body: problem(429, 'Too Many Requests', 'Too Many Requests'),
  }),
  duplicate: (): XReply => ({
    status: 403,
    body: problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'),
  }),
  /** Tokens generated while the app was read-only. */
  readOnlyApp: (): XReply => ({
    status: 403,
    body: problem(
      403,
      'Forbidden',
      'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.',
      'https://api.twitter.com/2/problems/oauth1-permissions',
    ),
  }),
  unauthorized: (): XReply => ({ status: 401, body: problem(401, 'Unauthorized', 'Unauthorized') }),
  unavailable: (): XReply => ({ status: 503, body: problem(503, 'Service Unavailable', 'Service Unavailable') }),
  /** A poll outside X's limits (2–4 options of ≤ 25 characters, 5–10,080 minutes). */
  invalidPoll: (): XReply => ({
    status: 400,
    body: {
      errors: [
        { message: 'poll options must be 2 to 4 strings of at most 25 characters; duration_minutes 5 to 10080' },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    },
  }),
};

/** X's checks of `poll` on POST /2/tweets (its documented limits). */
function pollAccepted(poll: unknown): boolean {
  const { options, duration_minutes: minutes } = (poll ?? {}) as { options?: unknown; duration_minutes?: unknown };
  return (
    Array.isArray(options) &&
    options.length >= 2 &&
    options.length <= 4 &&
    options.every((o) => typeof o === 'string' && o.length > 0 && [...o].length <= 25) &&
    typeof minutes === 'number' &&
    Number.isInteger(minutes) &&
    minutes >= 5 &&
    minutes <= 10_080
  );
}

export interface XRecordedApi {
  /** What to put in `X_API_ROOT`, e.g. `http://127.0.0.1:40123`. */
  root: string;
  requests: RecordedRequest[];
  /** Queues the next answers to POST /2/tweets; when none is queued, the post is created. */
  reply(...replies: XReply[]): void;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 and a free port. With `credentials`, a request whose OAuth 1.0a
 * signature does not match them is answered 401, as X does.
 */
export async function startXRecordedApi(options: { credentials?: XCredentials } = {}): Promise<XRecordedApi> {
  const requests: RecordedRequest[] = [];
  const queued: XReply[] = [];

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    const body = contentType?.startsWith('application/json') && raw ? JSON.parse(raw) : raw;
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
      contentType,
      body,
    });

    if (req.method !== 'POST' || url.pathname !== '/2/tweets')
      return send(res, {
        status: 404,
        body: problem(404, 'Not Found Error', `No route for ${req.method} ${url.pathname}`),
      });
    if (options.credentials && !signatureMatches(req, url, options.credentials))
      return send(res, xReplies.unauthorized());
    const text = (body as { text?: unknown }).text;
    if (typeof text !== 'string')
      return send(res, {
        status: 400,
        body: {
          errors: [{ message: 'text is required' }],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
      });
    const poll = (body as { poll?: unknown }).poll;
    if (poll !== undefined && !pollAccepted(poll)) return send(res, xReplies.invalidPoll());
    send(res, queued.shift() ?? xReplies.created(text));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => void queued.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The client keeps connections alive; close them or `close` would wait for their timeout.
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function send(res: ServerResponse, reply: XReply) {
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// ---- OAuth 1.0a, HMAC-SHA1 (RFC 5849 §3.4), written from the RFC rather than from the client's code.

const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const params = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([\w%]+)="([^"]*)"/g))
    params.set(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
  return params;
}

function signatureMatches(req: IncomingMessage, url: URL, credentials: XCredentials): boolean {
  const oauth = parseOAuthHeader(req.headers.authorization);
  const signature = oauth?.get('oauth_signature');
  if (!oauth || !signature) return false;
  if (oauth.get('oauth_consumer_key') !== credentials.appKey || oauth.get('oauth_token') !== credentials.accessToken)
    return false;
  if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1') return false;
  // A JSON body is not signed (only form bodies are): the parameters are the oauth_* ones and the query.
  const pairs = [...oauth].filter(([k]) => k !== 'oauth_signature');
  for (const [k, v] of url.searchParams) pairs.push([k, v]);
  const normalized = pairs
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const baseUrl = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  const base = [req.method ?? 'POST', encode(baseUrl), encode(normalized)].join('&');
  const expected = createHmac('sha1', `${encode(credentials.appSecret)}&${encode(credentials.accessSecret)}`)
    .update(base)
    .digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
