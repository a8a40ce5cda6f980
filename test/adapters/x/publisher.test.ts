// The X channel through twitter-api-v2 against recorded X answers (X cannot be reached from here),
// with its outbox on the real store (dynalite): what is sent, what is recorded, how failures read.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '#config';
import { type XPublishError, isXPublishError } from '#core/campaigns/x-publisher';
import type { XPost } from '#core/store';
import { type XConfig, createXPublisher } from '#adapters/x/publisher';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { RECORDED_POST_ID, type XRecordedApi, startXRecordedApi, xReplies } from '../../support/x-recorded-api';

const NOW = new Date('2026-11-25T17:00:00.000Z');
const clock = { now: () => NOW };
const credentials = {
  appKey: 'app-key',
  appSecret: 'app-secret',
  accessToken: '1234-token',
  accessSecret: 'token-secret',
};
const TEXT = 'Parc des Chantiers\n\nDonnez votre avis d’ici au 15 décembre 🗳️\n\nhttps://nantes.fr/parc-des-chantiers';

let t: TestStore;
let api: XRecordedApi;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());
beforeEach(async () => {
  api = await startXRecordedApi({ credentials });
});
afterEach(() => api.close());

const configFor = (root: string, over: Partial<XConfig> = {}): XConfig => ({
  X_APP_KEY: credentials.appKey,
  X_APP_SECRET: credentials.appSecret,
  X_ACCESS_TOKEN: credentials.accessToken,
  X_ACCESS_SECRET: credentials.accessSecret,
  X_API_ROOT: root,
  ...over,
});
const publisher = (over: Partial<XConfig> = {}) => createXPublisher(configFor(api.root, over), t.store.xOutbox, clock);

async function outboxOf(campaignId: string): Promise<XPost[]> {
  const { items } = await t.store.xOutbox.list({ limit: 100 });
  return items.filter((p) => p.campaignId === campaignId);
}

async function failure(promise: Promise<unknown>): Promise<XPublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isXPublishError(error)) throw new Error(`expected an XPublishError, got ${String(error)}`);
  return error;
}

describe('with X credentials', () => {
  it('posts the text through the X API v2, OAuth 1.0a signed, and records the post id', async () => {
    const x = publisher();
    expect(x.mode).toBe('api');
    await expect(x.publish({ campaignId: 'camp1', text: TEXT })).resolves.toEqual({
      status: 'posted',
      postId: RECORDED_POST_ID,
    });

    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/2/tweets', body: { text: TEXT } });
    expect(request?.contentType).toMatch(/^application\/json/);
    expect(request?.authorization).toMatch(/^OAuth /);
    expect(request?.authorization).toContain('oauth_consumer_key="app-key"');

    expect(await outboxOf('camp1')).toEqual([
      {
        id: expect.stringMatching(/^camp1-[0-9a-f]{12}$/),
        campaignId: 'camp1',
        text: TEXT,
        status: 'posted',
        postId: RECORDED_POST_ID,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    ]);
  });

  it('on 429, records the failure and says when to retry (the window reset)', async () => {
    const reset = Date.parse('2026-11-25T17:15:00Z') / 1000;
    api.reply(xReplies.rateLimited(reset));
    const error = await failure(publisher().publish({ campaignId: 'camp429', text: TEXT }));
    expect(error).toMatchObject({ reason: 'rate_limited', retryable: true, retryAt: '2026-11-25T17:15:00.000Z' });
    expect(error.message).toContain('(429)');
    expect(error.message).toContain('25/11/2026 18:15 (heure de Paris)');
    expect(await outboxOf('camp429')).toMatchObject([{ status: 'failed', error: error.message }]);
  });

  it('on 429 from the 24-hour cap, waits for that cap rather than the 15-minute window', async () => {
    const windowReset = Date.parse('2026-11-25T17:15:00Z') / 1000;
    const dailyReset = Date.parse('2026-11-26T08:00:00Z') / 1000;
    api.reply(xReplies.dailyCapReached(windowReset, dailyReset));
    const error = await failure(publisher().publish({ campaignId: 'campcap', text: TEXT }));
    expect(error).toMatchObject({ reason: 'rate_limited', retryable: true, retryAt: '2026-11-26T08:00:00.000Z' });
  });

  it('a retry after a failure updates the same outbox line', async () => {
    api.reply(xReplies.rateLimited(NOW.getTime() / 1000 + 60));
    const x = publisher();
    await failure(x.publish({ campaignId: 'campretry', text: TEXT }));
    expect(await outboxOf('campretry')).toMatchObject([{ status: 'failed' }]);
    await x.publish({ campaignId: 'campretry', text: TEXT });
    const lines = await outboxOf('campretry');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 'posted', postId: RECORDED_POST_ID });
  });

  it('on 403 duplicate content, says the text is already on the account, without retry', async () => {
    api.reply(xReplies.duplicate());
    const error = await failure(publisher().publish({ campaignId: 'campdup', text: TEXT }));
    expect(error).toMatchObject({ reason: 'duplicate', retryable: false });
    expect(error.message).toContain('X refuse un doublon (403)');
    expect(error.message).toContain('You are not allowed to create a Tweet with duplicate content.');
    expect(await outboxOf('campdup')).toMatchObject([{ status: 'failed', error: error.message }]);
  });

  it('on 403 from a read-only app, names the permission and the tokens to regenerate', async () => {
    api.reply(xReplies.readOnlyApp());
    const error = await failure(publisher().publish({ campaignId: 'campro', text: TEXT }));
    expect(error).toMatchObject({ reason: 'forbidden', retryable: false });
    expect(error.message).toContain('« Read and write »');
    expect(error.message).toContain('X_ACCESS_TOKEN et X_ACCESS_SECRET');
  });

  it('on 401 (here a wrong secret, refused by the signature check), names the credentials', async () => {
    const error = await failure(
      publisher({ X_APP_SECRET: 'not-the-secret' }).publish({ campaignId: 'camp401', text: TEXT }),
    );
    expect(error).toMatchObject({ reason: 'unauthorized', retryable: false });
    expect(error.message).toContain('X refuse les identifiants (401)');
    expect(error.message).toContain('X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN et X_ACCESS_SECRET');
    expect(await outboxOf('camp401')).toMatchObject([{ status: 'failed' }]);
  });

  it('on 5xx, fails as retryable', async () => {
    api.reply(xReplies.unavailable());
    const error = await failure(publisher().publish({ campaignId: 'camp503', text: TEXT }));
    expect(error).toMatchObject({ reason: 'unavailable', retryable: true });
  });

  it('when X cannot be reached, fails as retryable with an unknown outcome', async () => {
    const closed = await startXRecordedApi();
    await closed.close();
    const x = createXPublisher(configFor(closed.root), t.store.xOutbox, clock);
    const error = await failure(x.publish({ campaignId: 'campdown', text: TEXT }));
    expect(error).toMatchObject({ reason: 'unreachable', retryable: true });
    expect(error.message).toContain('la publication a peut-être abouti');
    expect(await outboxOf('campdown')).toMatchObject([{ status: 'failed' }]);
  });
});

describe('without X credentials', () => {
  it('queues the post in the outbox and calls nobody', async () => {
    const x = publisher({
      X_APP_KEY: undefined,
      X_APP_SECRET: undefined,
      X_ACCESS_TOKEN: undefined,
      X_ACCESS_SECRET: undefined,
    });
    expect(x.mode).toBe('outbox');
    await expect(x.publish({ campaignId: 'campq', text: TEXT })).resolves.toEqual({ status: 'queued' });
    expect(api.requests).toEqual([]);
    expect(await outboxOf('campq')).toMatchObject([
      { campaignId: 'campq', text: TEXT, status: 'queued', createdAt: NOW.toISOString() },
    ]);
  });
});

describe('configuration', () => {
  it('refuses a partial set of credentials, naming what is missing', () => {
    expect(() => publisher({ X_ACCESS_SECRET: undefined, X_ACCESS_TOKEN: undefined })).toThrow(ConfigError);
    expect(() => publisher({ X_ACCESS_SECRET: undefined, X_ACCESS_TOKEN: undefined })).toThrow(
      /X_ACCESS_TOKEN, X_ACCESS_SECRET: manquant/,
    );
  });

  it('refuses an X_API_ROOT that is not an http(s) URL', () => {
    expect(() => publisher({ X_API_ROOT: 'api.x.com' })).toThrow(/X_API_ROOT/);
    expect(() => publisher({ X_API_ROOT: 'ftp://api.x.com' })).toThrow(/X_API_ROOT/);
  });
});
