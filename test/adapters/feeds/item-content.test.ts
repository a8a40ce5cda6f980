// Plain text typed by agents becomes safe HTML in every feed.
import { describe, expect, it } from 'vitest';
import { escapeHtml, plainTextToHtml, xmlSafe } from '#adapters/feeds/item-content';

describe('plainTextToHtml', () => {
  it('makes paragraphs of blank-line-separated blocks and line breaks of single newlines', () => {
    expect(plainTextToHtml('Premier paragraphe.\nSuite.\r\n\r\n  Second.  \n\n\n')).toBe(
      '<p>Premier paragraphe.<br>Suite.</p><p>Second.</p>',
    );
  });

  it('escapes markup, so typed HTML stays text', () => {
    expect(plainTextToHtml('<script>alert("x")</script> & \'co\'')).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
  });

  it('drops characters XML forbids and reads vertical tabs (Word line breaks) as line breaks', () => {
    expect(plainTextToHtml('a\u000Bb\u0000c\uD800d')).toBe('<p>a<br>bcd</p>');
  });
});

describe('escapeHtml and xmlSafe', () => {
  it('escape the five HTML-significant characters and keep the rest', () => {
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;');
  });

  it('keep emoji (valid surrogate pairs) and tabs', () => {
    expect(xmlSafe('🚲\tvélo')).toBe('🚲\tvélo');
  });
});
