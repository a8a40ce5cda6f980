// An X poll through twitter-api-v2 against the recorded X API (X cannot be reached from here): the
// POST carries `poll` in X's names, signed as X checks it; the outbox line keeps the poll and the cost,
// in API mode and in outbox mode (an agent posting by hand needs the options).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createXPublisher } from '#adapters/x/publisher';
import { isXPublishError } from '#core/campaigns/x-publisher';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { RECORDED_POST_ID, type XRecordedApi, startXRecordedApi } from '../../support/x-recorded-api';

const NOW = new Date('2026-11-25T17:00:00.000Z');
const clock = { now: () => NOW };
const credentials = {
  appKey: 'app-key',
  appSecret: 'app-secret',
  accessToken: '1234-token',
  accessSecret: 'token-secret',
};
const TEXT = 'Parc des Chantiers\n\nQue faire des grues ?\n\nhttps://nantes.fr/parc-des-chantiers';
const POLL = { options: ['Les garder', 'Les démonter', 'En garder une 🏗️'], durationMinutes: 1440 };

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

const withCredentials = () =>
  createXPublisher(
    {
      X_APP_KEY: credentials.appKey,
      X_APP_SECRET: credentials.appSecret,
      X_ACCESS_TOKEN: credentials.accessToken,
      X_ACCESS_SECRET: credentials.accessSecret,
      X_API_ROOT: api.root,
    },
    t.store.xOutbox,
    clock,
  );

const linesOf = async (campaignId: string) =>
  (await t.store.xOutbox.list({ limit: 100 })).items.filter((p) => p.campaignId === campaignId);

describe('X polls', () => {
  it('posts the poll with the text (X API v2 `poll`, `duration_minutes`), and keeps it on the line', async () => {
    const result = await withCredentials().publish({ campaignId: 'poll1', text: TEXT, poll: POLL, costUsd: 0.2 });
    expect(result).toEqual({ status: 'posted', postId: RECORDED_POST_ID });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.body).toEqual({
      text: TEXT,
      poll: { options: POLL.options, duration_minutes: 1440 },
    });
    expect(await linesOf('poll1')).toEqual([
      expect.objectContaining({ status: 'posted', postId: RECORDED_POST_ID, poll: POLL, costUsd: 0.2 }),
    ]);
  });

  it('posts a text alone without any `poll` key', async () => {
    await withCredentials().publish({ campaignId: 'plain', text: 'Réunion ce soir.' });
    expect(api.requests[0]?.body).toEqual({ text: 'Réunion ce soir.' });
  });

  it('says X’s refusal of a poll outside its limits (the recorded 400)', async () => {
    const error = await withCredentials()
      .publish({ campaignId: 'poll5', text: TEXT, poll: { options: ['a', 'b', 'c', 'd', 'e'], durationMinutes: 60 } })
      .catch((e: unknown) => e);
    expect(isXPublishError(error) && error.reason).toBe('rejected');
    expect(await linesOf('poll5')).toMatchObject([{ status: 'failed' }]);
  });

  it('without credentials, queues the post with its poll and cost for an agent', async () => {
    const none = {
      X_APP_KEY: undefined,
      X_APP_SECRET: undefined,
      X_ACCESS_TOKEN: undefined,
      X_ACCESS_SECRET: undefined,
    };
    const outbox = createXPublisher({ ...none, X_API_ROOT: undefined }, t.store.xOutbox, clock);
    expect(await outbox.publish({ campaignId: 'poll2', text: TEXT, poll: POLL, costUsd: 0.2 })).toEqual({
      status: 'queued',
    });
    expect(api.requests).toHaveLength(0);
    expect(await linesOf('poll2')).toEqual([expect.objectContaining({ status: 'queued', poll: POLL, costUsd: 0.2 })]);
  });
});

describe('a retry after a post made by hand', () => {
  it('keeps the agent’s line and reports the post as posted', async () => {
    const none = {
      X_APP_KEY: undefined,
      X_APP_SECRET: undefined,
      X_ACCESS_TOKEN: undefined,
      X_ACCESS_SECRET: undefined,
    };
    const outbox = createXPublisher({ ...none, X_API_ROOT: undefined }, t.store.xOutbox, clock);
    await outbox.publish({ campaignId: 'hand1', text: TEXT });
    const [line] = await linesOf('hand1');
    await t.store.xOutbox.put({ ...line!, status: 'posted', postId: '42', postUrl: 'https://x.com/n/status/42' });
    expect(await outbox.publish({ campaignId: 'hand1', text: TEXT })).toEqual({ status: 'posted', postId: '42' });
    expect(await linesOf('hand1')).toMatchObject([{ status: 'posted', postUrl: 'https://x.com/n/status/42' }]);
  });
});
