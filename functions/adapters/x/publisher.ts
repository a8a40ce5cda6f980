// The X channel: posts through the X API v2 (twitter-api-v2, OAuth 1.0a user context) when the four
// credentials are set, else keeps each post in the outbox for agents to post by hand. Either way each
// post has its line in the outbox (queued, posted or failed: its latest outcome) for the admin API.
import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { TwitterApi } from 'twitter-api-v2';
import * as z from 'zod';
import { type Config, ConfigError } from '#config';
import { XPublishError, type XPostRequest, type XPublishResult, type XPublisher } from '#core/campaigns/x-publisher';
import type { Clock } from '#core/shared/ports';
import type { XOutbox, XPost } from '#core/store';
import { toXPublishError } from './api-errors';

export type XConfig = Pick<Config, 'X_APP_KEY' | 'X_APP_SECRET' | 'X_ACCESS_TOKEN' | 'X_ACCESS_SECRET' | 'X_API_ROOT'>;

export const X_API_DEFAULT_ROOT = 'https://api.x.com';
/** Past this, the call is abandoned as `unreachable` rather than holding a Lambda until its own timeout. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface XChannel extends XPublisher {
  /** `api`: posts on X; `outbox`: no credentials, posts wait for agents (shown at start-up and in /health). */
  readonly mode: 'api' | 'outbox';
}

/** X's answer to POST /2/tweets, checked at the edge: only the id matters to us. */
const PostCreated = z.object({ data: z.object({ id: z.string().min(1) }) });

/**
 * The outbox line of a post: one per campaign and text, which is also what X calls the same post (it
 * refuses a duplicate text). Retries of a post update its line rather than pile up failed ones.
 */
export const xOutboxId = (post: XPostRequest) =>
  `${post.campaignId}-${createHash('sha256').update(post.text, 'utf8').digest('hex').slice(0, 12)}`;

export function createXPublisher(config: XConfig, outbox: XOutbox, clock: Clock): XChannel {
  const record = async (post: XPostRequest, startedAt: Date, outcome: Pick<XPost, 'status' | 'postId' | 'error'>) => {
    const line: XPost = {
      id: xOutboxId(post),
      campaignId: post.campaignId,
      text: post.text,
      ...(post.poll ? { poll: post.poll } : {}),
      ...(post.costUsd === undefined ? {} : { costUsd: post.costUsd }),
      ...outcome,
      createdAt: startedAt.toISOString(), // start of the latest attempt
      updatedAt: clock.now().toISOString(),
    };
    await outbox.put(line);
  };

  const credentials = readCredentials(config);
  if (!credentials)
    return {
      mode: 'outbox',
      async publish(post): Promise<XPublishResult> {
        // A retry after an agent already posted it by hand keeps their line (and its URL): it is posted.
        const existing = await outbox.get(xOutboxId(post));
        if (existing?.status === 'posted' && existing.postId) return { status: 'posted', postId: existing.postId };
        await record(post, clock.now(), { status: 'queued' });
        return { status: 'queued' };
      },
    };

  const { prefix, httpAgent } = apiEndpoint(config.X_API_ROOT);
  const client = new TwitterApi(credentials, { httpAgent }).v2;
  return {
    mode: 'api',
    async publish(post): Promise<XPublishResult> {
      const startedAt = clock.now();
      let answer: unknown;
      try {
        // What `v2.tweet(payload)` sends, with the two request options `tweet` does not take.
        answer = await client.post('tweets', tweetPayload(post), { prefix, timeout: REQUEST_TIMEOUT_MS });
      } catch (error) {
        const failure = toXPublishError(error, clock.now());
        await record(post, startedAt, { status: 'failed', error: failure.message });
        throw failure;
      }
      const created = PostCreated.safeParse(answer);
      if (!created.success) {
        const failure = new XPublishError(
          'unexpected_response',
          'X a accepté la publication sans en donner l’identifiant : vérifiez le compte avant de la relancer',
          false,
        );
        await record(post, startedAt, { status: 'failed', error: failure.message });
        throw failure;
      }
      const postId = created.data.data.id;
      // Should this write fail, the error surfaces and a retry meets X's duplicate refusal, not a second post.
      await record(post, startedAt, { status: 'posted', postId });
      return { status: 'posted', postId };
    },
  };
}

/** The body of POST /2/tweets: the text, and the poll in X's own names (`duration_minutes`). */
function tweetPayload(post: XPostRequest) {
  if (!post.poll) return { text: post.text };
  return { text: post.text, poll: { options: post.poll.options, duration_minutes: post.poll.durationMinutes } };
}

/** All four credentials, or none (outbox mode); a partial set is a configuration mistake, named. */
function readCredentials(config: XConfig) {
  const given = {
    X_APP_KEY: config.X_APP_KEY,
    X_APP_SECRET: config.X_APP_SECRET,
    X_ACCESS_TOKEN: config.X_ACCESS_TOKEN,
    X_ACCESS_SECRET: config.X_ACCESS_SECRET,
  };
  const missing = Object.entries(given)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length === 4) return undefined;
  if (missing.length > 0)
    throw new ConfigError(
      `Configuration invalide :\n  ${missing.join(', ')}: manquant ; les identifiants X vont par quatre ` +
        '(ou aucun, et les publications attendent dans la file des agents)',
    );
  return {
    appKey: given.X_APP_KEY!,
    appSecret: given.X_APP_SECRET!,
    accessToken: given.X_ACCESS_TOKEN!,
    accessSecret: given.X_ACCESS_SECRET!,
  };
}

/**
 * Where the v2 API lives: `X_API_ROOT` (an origin, optionally with a path) or api.x.com; `/2/` is
 * appended. twitter-api-v2 always calls `https.request`, which accepts `http:` only with an http
 * Agent, so a plain-HTTP root (the tests' recorded-response server) gets one. Keep-alive saves a
 * TLS handshake on each warm Lambda invocation.
 */
function apiEndpoint(root: string | undefined): { prefix: string; httpAgent: HttpAgent } {
  let url: URL;
  try {
    url = new URL(root ?? X_API_DEFAULT_ROOT);
  } catch {
    throw new ConfigError(`Configuration invalide :\n  X_API_ROOT: URL invalide (${root})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`Configuration invalide :\n  X_API_ROOT: http(s) attendu (${root})`);
  const prefix = `${url.origin}${url.pathname.replace(/\/+$/, '')}/2/`;
  const httpAgent = url.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  return { prefix, httpAgent };
}
