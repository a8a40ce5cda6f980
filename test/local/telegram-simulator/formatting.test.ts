// parse_mode handling: Telegram's visible text and entities from HTML and MarkdownV2, and its parse errors.
import { describe, expect, it } from 'vitest';
import { formatText } from '#local/telegram-simulator/formatting/entities';

const error = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return (e as { description: string }).description;
  }
  return undefined;
};

describe('HTML', () => {
  it('turns tags into entities and decodes HTML entities', () => {
    expect(
      formatText('<b>Vote</b> &amp; <i>débat</i> &lt;3 <a href="https://x.org/?a=1&amp;b=2">lien</a>', 'HTML'),
    ).toEqual({
      text: 'Vote & débat <3 lien',
      entities: [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'italic', offset: 7, length: 5 },
        { type: 'text_link', offset: 16, length: 4, url: 'https://x.org/?a=1&b=2' },
      ],
    });
  });

  it('gives a pre block its language and counts offsets in UTF-16 units', () => {
    expect(formatText('🎉 <pre><code class="language-ts">x</code></pre>', 'HTML').entities).toEqual([
      { type: 'pre', offset: 3, length: 1, language: 'ts' },
    ]);
  });

  it('reports unsupported and mismatched tags at their byte offset', () => {
    expect(error(() => formatText('é<div>x</div>', 'HTML'))).toBe(
      `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 2`,
    );
    expect(error(() => formatText('<b><i>x</b></i>', 'HTML'))).toBe(
      `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`,
    );
  });
});

describe('MarkdownV2', () => {
  it('parses nested styles, links and escapes', () => {
    expect(formatText('*gras _italique_* \\- [lien](https://x.org/a\\)b) `c\\`d`', 'MarkdownV2')).toEqual({
      text: 'gras italique - lien c`d',
      entities: [
        { type: 'bold', offset: 0, length: 13 },
        { type: 'italic', offset: 5, length: 8 },
        { type: 'text_link', offset: 16, length: 4, url: 'https://x.org/a)b' },
        { type: 'code', offset: 21, length: 3 },
      ],
    });
  });

  it('refuses unescaped reserved characters and unclosed entities', () => {
    expect(error(() => formatText('1+1=2', 'MarkdownV2'))).toBe(
      `Bad Request: can't parse entities: Character '+' is reserved and must be escaped with the preceding '\\'`,
    );
    expect(error(() => formatText('*gras', 'MarkdownV2'))).toBe(
      `Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0`,
    );
  });
});

describe('detected entities', () => {
  it('finds commands, URLs, mentions and hashtags without a parse_mode', () => {
    expect(formatText('/vote@porte_voix_bot voir https://nantes.fr. #Nantes @citoyenne', undefined).entities).toEqual([
      { type: 'bot_command', offset: 0, length: 20 },
      { type: 'url', offset: 26, length: 17 },
      { type: 'hashtag', offset: 45, length: 7 },
      { type: 'mention', offset: 53, length: 10 },
    ]);
  });
});
