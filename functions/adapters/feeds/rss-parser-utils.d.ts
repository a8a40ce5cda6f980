// Types for the one helper of rss-parser's own utilities (which ship none) that source-parse.ts uses.
declare module 'rss-parser/lib/utils.js' {
  interface RssParserUtils {
    /** HTML to text: tags dropped (block ends become line breaks), entities decoded, trimmed. */
    getSnippet(this: void, html: string): string;
  }
  const utils: RssParserUtils;
  export default utils;
}
