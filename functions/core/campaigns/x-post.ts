// How a campaign reads as an X post, the X rules it must meet (280 weighted characters counted by
// the official `twitter-text`), what it costs (pay-per-use API), and the port that publishes it.
import twitterText from 'twitter-text';
import { invalid } from '../shared/errors';
import type { Campaign } from './campaign';

// twitter-text is CommonJS: from ESM (tsx, vitest, esbuild) only its default export is reliable.
const { parseTweet, extractUrls } = twitterText;

/** X API v2 limit, in weighted characters (DESIGN.md): every URL counts 23, an emoji 2. */
export const X_POST_MAX_WEIGHTED_LENGTH = 280;
export const X_URL_WEIGHTED_LENGTH = 23;
/** Pay-per-use prices announced by X (DESIGN.md), in US dollars: a link makes a post ~13 times dearer. */
export const X_POST_COST_USD = 0.015;
export const X_POST_WITH_URL_COST_USD = 0.2;

// French typography puts a narrow no-break space (U+202F) before « ; : ! ? » and inside
// guillemets; X weighs it 2, the ordinary no-break space (U+00A0) 1, and both keep the line whole.
const NARROW_NO_BREAK_SPACE = /\u202F/g;

/**
 * The text posted on X: the agent's `xText` when given (the whole post, link included if wanted),
 * else the title, the text and the link, one paragraph each, as in Telegram.
 */
export function renderXPost(campaign: Pick<Campaign, 'message' | 'xText'>): string {
  const { title, text, link } = campaign.message;
  const post = campaign.xText ?? `${title}\n\n${text}\n\n${link}`;
  return post.replace(NARROW_NO_BREAK_SPACE, '\u00A0');
}

export interface XPostCheck {
  weightedLength: number;
  valid: boolean;
  /** Share of the 280 used, in thousandths (a gauge for the console). */
  permillage: number;
}

/** Counts the text exactly as X will, with X's own library. */
export function checkXPost(text: string): XPostCheck {
  const { weightedLength, valid, permillage } = parseTweet(text);
  return { weightedLength, valid, permillage };
}

/** Refuses a campaign for X whose post would be rejected by X; campaigns without X pass. */
export function assertXPostFits(campaign: Pick<Campaign, 'message' | 'xText' | 'channels'>) {
  if (!campaign.channels.includes('x')) return;
  const field = campaign.xText === undefined ? 'message.text' : 'xText';
  const subject = campaign.xText === undefined ? 'le message pour X' : 'le texte pour X (xText)';
  const { weightedLength, valid } = checkXPost(renderXPost(campaign));
  if (weightedLength > X_POST_MAX_WEIGHTED_LENGTH) {
    const remedy = campaign.xText === undefined ? 'raccourcissez-le ou renseignez xText' : 'raccourcissez-le';
    throw invalid(
      field,
      'x_post_max_280',
      `${subject} compte ${weightedLength} caractères pondérés sur ${X_POST_MAX_WEIGHTED_LENGTH} ` +
        `(les liens comptent ${X_URL_WEIGHTED_LENGTH}, les émojis 2) : ${remedy}`,
    );
  }
  // What else twitter-text refuses: U+FEFF, U+FFFE, U+FFFF (often pasted from a word processor).
  if (!valid)
    throw invalid(
      field,
      'x_post_invalid_characters',
      `${subject} contient un caractère invisible refusé par X (U+FEFF, U+FFFE ou U+FFFF, ` +
        'souvent collé depuis un traitement de texte) : retirez-le',
    );
}

export interface XCostEstimate {
  /** Expected price of the post in US dollars. */
  usd: number;
  /** The post carries a link (X bills those higher), as X detects it: `nantes.fr` counts. */
  hasUrl: boolean;
}

/** What posting this text will cost, shown to agents before they schedule. */
export function estimateXCost(text: string): XCostEstimate {
  const hasUrl = extractUrls(text).length > 0;
  return { usd: hasUrl ? X_POST_WITH_URL_COST_USD : X_POST_COST_USD, hasUrl };
}

// ---- The port: how the core's dispatch publishes on X, whatever the runtime and credentials.

export interface XPostRequest {
  campaignId: string;
  /** Already rendered and checked (`renderXPost`, `assertXPostFits`). */
  text: string;
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
