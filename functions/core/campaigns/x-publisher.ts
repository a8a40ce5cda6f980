// How a campaign reads as an X post, and the port that publishes it, with its failures. Kept apart
// from the 280-character rules (x-post.ts): those need twitter-text, whose core-js polyfills slow
// every RegExp in the process, and the send path needs none of it.
import type { Campaign, XPublication } from './campaign';

// French typography puts a narrow no-break space (U+202F) before « ; : ! ? » and inside
// guillemets; X weighs it 2, the ordinary no-break space (U+00A0) 1, and both keep the line whole.
const NARROW_NO_BREAK_SPACE = /\u202F/g;

/** A text as X should receive it: narrow no-break spaces made ordinary ones (weight 1, not 2). */
export const forX = (text: string) => text.replace(NARROW_NO_BREAK_SPACE, '\u00A0');

/**
 * What the send path posts: the publication decided when the campaign was last written (x-post.ts,
 * where twitter-text is loaded); a campaign written before that field existed posts its `xText`, else
 * its title, text and link, one paragraph each, as it was checked then.
 */
export function xPostRequestOf(campaign: Pick<Campaign, 'id' | 'message' | 'xText' | 'xPublication'>): XPostRequest {
  if (campaign.xPublication) return { campaignId: campaign.id, ...campaign.xPublication };
  const { title, text, link } = campaign.message;
  return { campaignId: campaign.id, text: forX(campaign.xText ?? `${title}\n\n${text}\n\n${link}`) };
}

// ---- The port: how the core's dispatch publishes on X, whatever the runtime and credentials.

export interface XPostRequest {
  campaignId: string;
  /** Already decided and checked at the campaign's last write (`composeXPublication`). */
  text: string;
  /** A native poll (X API v2 `poll`): 2–4 options, 5–10,080 minutes. */
  poll?: XPublication['poll'];
  /** Estimated price of the post through the API (US dollars), kept on its outbox line. */
  costUsd?: number;
}

/** `queued`: no X credentials; the post waits in the outbox, where agents read and post it by hand. */
export type XPublishResult = { status: 'posted'; postId: string } | { status: 'queued' };

export interface XPublisher {
  /** Every post has its line in the X outbox, with its latest outcome; a failure is recorded, then thrown. */
  publish(post: XPostRequest): Promise<XPublishResult>;
}

export type XPublishFailure =
  | 'rate_limited' // 429: X's window or 24-hour cap; retry at `retryAt`
  | 'unauthorized' // 401: keys or tokens wrong or revoked
  | 'forbidden' // 403: the app may not post (permissions), or the account is restricted
  | 'duplicate' // 403: X refuses the same text twice; after an unknown outcome, the first try landed
  | 'payment_required' // 402: the pay-per-use credits are spent
  | 'rejected' // other 4xx: X refused this post as it is
  | 'unavailable' // 5xx: X is failing; retry later
  | 'unexpected_response' // 2xx without a post id: the post probably exists; check before retrying
  | 'unreachable'; // no answer (network, timeout): the outcome is unknown, a retry may meet `duplicate`

/** A post X did not take, with what the dispatcher needs to decide on a retry. */
export class XPublishError extends Error {
  override name = 'XPublishError';
  constructor(
    readonly reason: XPublishFailure,
    message: string,
    readonly retryable: boolean,
    /** Earliest useful retry (UTC ISO-8601), when X says so. */
    readonly retryAt?: string,
  ) {
    super(message);
  }
}

export const isXPublishError = (e: unknown): e is XPublishError => e instanceof XPublishError;
