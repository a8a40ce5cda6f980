// A stand-in of the stack's API Gateway HTTP API: a node:http server with the template's routes
// (`ANY /api/{proxy+}`, `POST /telegram/webhook`…), each request turned into the payload format 2.0
// event Lambda receives from API Gateway, the function invoked, and its answer (or failure) written
// back as API Gateway would: a function error or timeout is a 500 « Internal Server Error ».
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InvokeOutcome } from './lambda';
import { ACCOUNT } from './template';

export interface Route {
  /** As the template spells it: `ANY /api/{proxy+}`. */
  routeKey: string;
  invoke(event: unknown): Promise<InvokeOutcome>;
}

export interface HttpApiStandIn {
  readonly url: string;
  /** The routes are known once the functions are: set after start. */
  setRoutes(routes: Route[]): void;
  close(): Promise<void>;
}

/** Bodies API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

function match(routes: Route[], method: string, path: string): { route: Route; proxy?: string } | undefined {
  const candidates = routes.map((route) => {
    const [routeMethod, routePath] = route.routeKey.split(' ') as [string, string];
    return { route, routeMethod, routePath, greedy: routePath.endsWith('/{proxy+}') };
  });
  const methodOk = (m: string) => m === 'ANY' || m === method;
  // API Gateway prefers the most specific route: an exact path before a greedy one, longer prefixes first.
  const exact = candidates.find((c) => !c.greedy && c.routePath === path && methodOk(c.routeMethod));
  if (exact) return { route: exact.route };
  const greedy = candidates
    .filter((c) => c.greedy && methodOk(c.routeMethod))
    .map((c) => ({ ...c, prefix: c.routePath.slice(0, -'{proxy+}'.length) }))
    .filter((c) => path.startsWith(c.prefix) && path.length > c.prefix.length)
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return greedy && { route: greedy.route, proxy: path.slice(greedy.prefix.length) };
}

function eventOf(
  req: IncomingMessage,
  body: Buffer,
  routeKey: string,
  proxy: string | undefined,
  host: string,
  now: Date,
) {
  const url = new URL(req.url ?? '/', `https://${host}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (name !== 'cookie' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  Object.assign(headers, {
    host,
    'x-forwarded-for': '203.0.113.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const text = TEXT.test(String(req.headers['content-type'] ?? 'text/plain'));
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(proxy !== undefined ? { pathParameters: { proxy } } : {}),
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'standin',
      domainName: host,
      domainPrefix: host.split('.')[0],
      http: {
        method: req.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

function write(res: ServerResponse, outcome: InvokeOutcome) {
  if (outcome.error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ message: 'Internal Server Error' }));
  }
  const result = outcome.result;
  // Payload 2.0: a result without statusCode is taken as a JSON body with 200.
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(result));
  }
  const headers: Record<string, string | string[]> = { ...(result.headers ?? {}) };
  for (const [name, values] of Object.entries((result.multiValueHeaders ?? {}) as Record<string, string[]>))
    headers[name] = values;
  if (Array.isArray(result.cookies) && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode, headers);
  res.end(result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'));
}

/** `clock`: the deployment's, for the request's time and trace id. */
export async function startHttpApi(clock: () => number): Promise<HttpApiStandIn> {
  let routes: Route[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const found = match(routes, req.method ?? 'GET', path);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ message: 'Not Found' }));
    }
    const host = String(req.headers.host);
    write(
      res,
      await found.route.invoke(
        eventOf(req, Buffer.concat(chunks), found.route.routeKey, found.proxy, host, new Date(clock())),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setRoutes: (r) => void (routes = r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
