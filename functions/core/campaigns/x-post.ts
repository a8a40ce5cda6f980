// The X post of a campaign, built for X: 280 weighted characters counted by the official
// `twitter-text`, no Telegram-only words, and what it costs (pay-per-use API). Decided at each write
// (`composeXText`); the send path posts what was decided (x-publisher.ts) and never loads twitter-text.
import twitterText from 'twitter-text';
import { invalid } from '../shared/errors';
import type { Campaign } from './campaign';
import { forX } from './x-publisher';

// twitter-text is CommonJS: from ESM (tsx, vitest, esbuild) only its default export is reliable.
const { parseTweet, extractUrls } = twitterText;

/** X API v2 limit, in weighted characters (DESIGN.md): every URL counts 23, an emoji 2. */
export const X_POST_MAX_WEIGHTED_LENGTH = 280;
export const X_URL_WEIGHTED_LENGTH = 23;
/** Pay-per-use prices announced by X (DESIGN.md), in US dollars: a link makes a post ~13 times dearer. */
export const X_POST_COST_USD = 0.015;
export const X_POST_WITH_URL_COST_USD = 0.2;

/**
 * Words that only make sense in Telegram, next to its buttons: a message text carrying one is left
 * out of the default X post (the title and the link still go), never rewritten behind the agent's back.
 */
const TELEGRAM_ONLY = [
  /r[ée]pond(?:ez|re)\s+ici/i,
  /ci-dessous/i,
  /\bboutons?\b/i,
  /\btouchez\b/i,
  /«\s*(?:📝\s*)?R[ée]pondre/i,
  /(?:^|\s)\/[a-z_]+\b/i, // a bot command: /suivre, /agenda…
];
export const hasTelegramOnlyWords = (text: string) => TELEGRAM_ONLY.some((pattern) => pattern.test(text));

/** What the default post says before the link when the campaign asks a questionnaire (answered on its page). */
export const X_QUESTIONNAIRE_INVITE = 'Donnez votre avis :';

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

const fits = (text: string) => checkXPost(text).weightedLength <= X_POST_MAX_WEIGHTED_LENGTH;

/** The longest start of `text` (whole code points, « … » added) that keeps `around(start)` within 280. */
function truncated(text: string, around: (start: string) => string): string {
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(around(`${chars.slice(0, middle).join('').trimEnd()}…`))) low = middle;
    else high = middle - 1;
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`;
}

type XTextSource = Pick<Campaign, 'message' | 'xText' | 'questionnaireId'> & { xPoll?: unknown };

/**
 * The text posted on X: the agent's `xText` when given (the whole post, as written), else one built
 * for X: the title, the message's text only if it fits and says nothing Telegram-only, the link (an
 * invitation to give one's opinion there when a questionnaire goes with it). With a poll, the
 * question (`pollPrompt`) replaces the text, since X shows the options without it. Within 280 always:
 * the text goes first, then the title, then the title or question is cut with « … ».
 */
export function composeXText(campaign: XTextSource, pollPrompt?: string): string {
  if (campaign.xText !== undefined) return forX(campaign.xText);
  const { title, text, link } = campaign.message;
  const tail = campaign.questionnaireId && !pollPrompt ? `${X_QUESTIONNAIRE_INVITE} ${link}` : link;
  const body = pollPrompt ?? (hasTelegramOnlyWords(text) ? undefined : text);
  const essential = pollPrompt ?? title;
  const join = (...parts: string[]) => forX(parts.join('\n\n'));
  const candidates = [...(body ? [join(title, body, tail)] : []), join(essential, tail)];
  return (
    candidates.find(fits) ??
    join(
      truncated(forX(essential), (start) => join(start, tail)),
      tail,
    )
  );
}

/** Refuses an `xText` X would reject; the default post is built to fit, so only the agent's own text is checked. */
export function assertXPostFits(campaign: Pick<Campaign, 'message' | 'xText' | 'channels' | 'questionnaireId'>) {
  if (!campaign.channels.includes('x') || campaign.xText === undefined) return;
  const { weightedLength, valid } = checkXPost(forX(campaign.xText));
  if (weightedLength > X_POST_MAX_WEIGHTED_LENGTH)
    throw invalid(
      'xText',
      'x_post_max_280',
      `le texte pour X (xText) compte ${weightedLength} caractères pondérés sur ${X_POST_MAX_WEIGHTED_LENGTH} ` +
        `(les liens comptent ${X_URL_WEIGHTED_LENGTH}, les émojis 2) : raccourcissez-le, ou videz-le pour que ` +
        'le texte pour X soit composé du titre et du lien',
    );
  // What else twitter-text refuses: U+FEFF, U+FFFE, U+FFFF (often pasted from a word processor).
  if (!valid)
    throw invalid(
      'xText',
      'x_post_invalid_characters',
      'le texte pour X (xText) contient un caractère invisible refusé par X (U+FEFF, U+FFFE ou U+FFFF, ' +
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
