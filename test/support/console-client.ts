// An in-process client of the agents' console, as a browser uses it: it keeps the cookies the app
// sets, sends `Origin` with every form like a browser does, and follows nothing by itself, so a test
// sees each redirect. Browser-level checks (axe, keyboard, JavaScript) live in the Chromium suite.
import type { Hono } from 'hono';
import { hashToken } from '#core/agents/tokens';
import { createHttpApp } from '#handlers/http/app';
import { startHttpDeps } from './http-deps';

export const CONSOLE_ORIGIN = 'http://localhost:3000';

export interface ConsoleClient {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Posts an urlencoded form; repeated names take an array. */
  post(path: string, form?: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Response>;
  /** Signs in with an agent token; throws unless the console accepted it. */
  signIn(token: string): Promise<void>;
  cookies: Map<string, string>;
}

export function consoleClient(app: Hono): ConsoleClient {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, value = ''] = pair!.split('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value === '') cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value);
    }
    return response;
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const client: ConsoleClient = {
    cookies,
    async get(path, headers = {}) {
      return remember(await app.request(path, { headers: { cookie: cookieHeader(), ...headers } }));
    },
    async post(path, form = {}, headers = {}) {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(form))
        for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      return remember(
        await app.request(path, {
          method: 'POST',
          body,
          headers: {
            cookie: cookieHeader(),
            origin: CONSOLE_ORIGIN,
            'content-type': 'application/x-www-form-urlencoded',
            ...headers,
          },
        }),
      );
    },
    async signIn(token) {
      const response = await client.post('/console/connexion', { jeton: token });
      if (response.status !== 303) throw new Error(`sign-in refused: ${response.status} ${await response.text()}`);
    },
  };
  return client;
}

/** The whole app on the test deps (embedded store, pinned clock), accepting `adminToken` as the bootstrap admin's. */
export async function startConsole(adminToken: string, now?: string) {
  const env = await startHttpDeps(now);
  return { ...env, app: createHttpApp(env.deps, { bootstrapTokenHash: hashToken(adminToken) }) };
}
export type ConsoleTestEnv = Awaited<ReturnType<typeof startConsole>>;
