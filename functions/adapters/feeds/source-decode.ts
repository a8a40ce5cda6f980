// Bytes of a source feed into text. The order XML gives (a byte-order mark, then the HTTP charset,
// then the XML declaration, else UTF-8), with two corrections real feeds need: ISO-8859-1 is read
// as Windows-1252 (as browsers do: the “curly quotes” and € of old CMSs live in 0x80–0x9F), and a
// document that declares a single-byte charset but is valid UTF-8 with non-ASCII characters is
// UTF-8 (a CMS that writes UTF-8 under an old template's declaration).
import iconv from 'iconv-lite';

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const READ_AS_WINDOWS_1252 = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii']);

const charsetOfContentType = (contentType?: string) => /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
// The declaration is ASCII in every encoding a feed uses (UTF-16 has its BOM, handled first).
const charsetOfDeclaration = (bytes: Buffer) =>
  /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];

function isUtf8WithNonAscii(bytes: Buffer): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The feed's text; an unknown declared charset falls back to UTF-8 rather than failing the source. */
export function decodeFeed(bytes: Buffer, contentType?: string): string {
  for (const [bom, encoding] of BOMS)
    if (bom.every((b, i) => bytes[i] === b)) return iconv.decode(bytes.subarray(bom.length), encoding);
  const declared = (charsetOfContentType(contentType) ?? charsetOfDeclaration(bytes) ?? 'utf-8').toLowerCase();
  // Text in another charset is almost never valid UTF-8 by chance: when it is, the declaration is wrong.
  if (!declared.startsWith('utf') && isUtf8WithNonAscii(bytes)) return bytes.toString('utf8');
  const encoding = READ_AS_WINDOWS_1252.has(declared) ? 'windows-1252' : declared;
  return iconv.encodingExists(encoding) ? iconv.decode(bytes, encoding) : bytes.toString('utf8');
}
