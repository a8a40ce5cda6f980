// The X rules a campaign must meet (280 weighted characters counted by the official
// `twitter-text`) and what a post costs (pay-per-use API). Rendering and the publishing port live
// in x-publisher.ts (renderXPost is re-exported here), so that the send path never loads twitter-text.
import twitterText from 'twitter-text';
import { invalid } from '../shared/errors';
import type { Campaign } from './campaign';
import { renderXPost } from './x-publisher';

export { renderXPost };

// twitter-text is CommonJS: from ESM (tsx, vitest, esbuild) only its default export is reliable.
const { parseTweet, extractUrls } = twitterText;

/** X API v2 limit, in weighted characters (DESIGN.md): every URL counts 23, an emoji 2. */
export const X_POST_MAX_WEIGHTED_LENGTH = 280;
export const X_URL_WEIGHTED_LENGTH = 23;
/** Pay-per-use prices announced by X (DESIGN.md), in US dollars: a link makes a post ~13 times dearer. */
export const X_POST_COST_USD = 0.015;
export const X_POST_WITH_URL_COST_USD = 0.2;

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
