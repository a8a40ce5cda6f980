// The one escaping of the feeds' XML: every text node and every attribute value goes through
// `escapeXml`, nothing is written raw and nothing in CDATA, so no text can close an element.
import { xmlSafe } from './item-content';

// A carriage return as a reference: a parser turns a literal one into a line feed (XML 1.0 §2.11).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;' };
// The RSS Best Practices Profile's advice for titles: readers disagree on whether an RSS title
// holds HTML, and all of them read hexadecimal character references as the characters.
const HEX_REFERENCES: Record<string, string> = {
  '&': '&#x26;',
  '<': '&#x3C;',
  '>': '&#x3E;',
  '"': '&#x22;',
  '\r': '&#xD;',
};
const SPECIAL = /[&<>"\r]/;
const SPECIALS = /[&<>"\r]/g;

/**
 * Text safe as an XML text node or a double-quoted attribute value: forbidden characters dropped
 * (xmlSafe), `& < > "` and carriage returns as entities — or, for RSS titles, as hexadecimal character references.
 */
export function escapeXml(text: string, references: 'entities' | 'hex' = 'entities'): string {
  const safe = xmlSafe(text);
  if (!SPECIAL.test(safe)) return safe; // most texts: no copy
  const table = references === 'hex' ? HEX_REFERENCES : ENTITIES;
  return safe.replace(SPECIALS, (c) => table[c]!);
}

/** `<name>text</name>`, the text escaped. */
export const element = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`;
