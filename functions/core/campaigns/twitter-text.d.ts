// Types for the two functions of `twitter-text` (which ships none) that `x-post.ts` uses.
declare module 'twitter-text' {
  export interface ParsedTweet {
    /** Length as X counts it: most Latin, Greek and Cyrillic characters 1, others 2, every URL 23. */
    weightedLength: number;
    /** Fits in 280 weighted characters, is not empty and has no forbidden character. */
    valid: boolean;
    /** Share of the 280 used, in thousandths. */
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }

  interface TwitterText {
    parseTweet(this: void, text: string): ParsedTweet;
    /** The URLs X would link, with or without a scheme (`nantes.fr` is one). */
    extractUrls(this: void, text: string): string[];
  }

  // CommonJS with `module.exports = exports.default`: Node's ESM loader gives only a default export.
  const twitterText: TwitterText;
  export default twitterText;
}
