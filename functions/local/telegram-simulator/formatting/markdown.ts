// parse_mode=MarkdownV2 and legacy Markdown as Telegram reads them (https://core.telegram.org/bots/api#markdownv2-style):
// MarkdownV2 rejects any unescaped reserved character, the most frequent cause of a bot's 400s in production.
import type { MessageEntity } from '../types';
import { byteOffset, entityParseError, type FormattedText } from './parse-error';

const RESERVED_V2 = new Set('_*[]()~`>#+-=|{}.!'.split(''));

const ENTITY_NAME: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  code: 'Code',
  pre: 'Pre',
};

interface Open {
  marker: string;
  entity: MessageEntity;
  at: number;
}

export function parseMarkdownV2(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: Open[] = [];
  let quote: MessageEntity | undefined;
  const toggle = (marker: string, type: string, at: number) => {
    const top = open.at(-1);
    if (top?.marker === marker) {
      open.pop();
      top.entity.length = text.length - top.entity.offset;
      if (top.entity.length > 0) entities.push(top.entity);
      return;
    }
    if (open.some((o) => o.marker === marker)) throw unclosed(source, open.at(-1)!);
    open.push({ marker, at, entity: { type, offset: text.length, length: 0 } });
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '>' && (i === 0 || source[i - 1] === '\n')) {
      quote ??= { type: 'blockquote', offset: text.length, length: 0 };
      i++;
    } else if (c === '\n' && quote && source[i + 1] !== '>') {
      quote.length = text.length - quote.offset;
      entities.push(quote);
      quote = undefined;
      text += c;
      i++;
    } else if (c === '\\') {
      const next = source.codePointAt(i + 1);
      if (next === undefined)
        throw entityParseError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += String.fromCodePoint(next);
      i += next > 0xffff ? 3 : 2;
    } else if (c === '`') {
      i = readCode(source, i, text.length, entities, (s) => (text += s));
    } else if (c === '*') {
      toggle('*', 'bold', i++);
    } else if (c === '_' && source[i + 1] === '_') {
      toggle('__', 'underline', i);
      i += 2;
    } else if (c === '_') {
      toggle('_', 'italic', i++);
    } else if (c === '~') {
      toggle('~', 'strikethrough', i++);
    } else if (c === '|' && source[i + 1] === '|') {
      toggle('||', 'spoiler', i);
      i += 2;
    } else if (c === '[' || (c === '!' && source[i + 1] === '[')) {
      const custom = c === '!';
      open.push({
        marker: '[',
        at: i,
        entity: { type: custom ? 'custom_emoji' : 'text_link', offset: text.length, length: 0 },
      });
      i += custom ? 2 : 1;
    } else if (c === ']' && open.at(-1)?.marker === '[') {
      const link = open.pop()!;
      if (source[i + 1] !== '(')
        throw entityParseError(`Character ']' is reserved and must be escaped with the preceding '\\'`);
      const end = findUnescaped(source, ')', i + 2);
      if (end < 0) throw unclosed(source, link);
      link.entity.url = source.slice(i + 2, end).replace(/\\([)\\])/g, '$1');
      link.entity.length = text.length - link.entity.offset;
      if (link.entity.length > 0) entities.push(link.entity);
      i = end + 1;
    } else if (RESERVED_V2.has(c)) {
      throw entityParseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    } else {
      text += c;
      i++;
    }
  }
  if (open.length > 0) throw unclosed(source, open.at(-1)!);
  if (quote) {
    quote.length = text.length - quote.offset;
    if (quote.length > 0) entities.push(quote);
  }
  return { text, entities };
}

/** Inline `code` or a ```language block```: inside them only ` and \ are escaped. */
function readCode(
  source: string,
  at: number,
  offset: number,
  entities: MessageEntity[],
  append: (s: string) => void,
): number {
  const block = source.startsWith('```', at);
  const fence = block ? '```' : '`';
  let start = at + fence.length;
  let language: string | undefined;
  if (block) {
    const newline = source.indexOf('\n', start);
    const firstLine = newline < 0 ? '' : source.slice(start, newline);
    if (newline >= 0 && /^[\w+-]+$/.test(firstLine)) language = firstLine;
    if (newline >= 0 && (language || firstLine === '')) start = newline + 1;
  }
  const end = findUnescaped(source, fence, start);
  if (end < 0)
    throw entityParseError(
      `Can't find end of ${block ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(source, at)}`,
    );
  const content = source.slice(start, end).replace(/\\([`\\])/g, '$1');
  append(content);
  if (content.length > 0)
    entities.push({ type: block ? 'pre' : 'code', offset, length: content.length, ...(language ? { language } : {}) });
  return end + fence.length;
}

function findUnescaped(source: string, needle: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source.startsWith(needle, i)) return i;
  }
  return -1;
}

const unclosed = (source: string, open: Open) =>
  entityParseError(
    `Can't find end of ${ENTITY_NAME[open.entity.type] ?? 'the'} entity at byte offset ${byteOffset(source, open.at)}`,
  );

/** Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no reserved characters. */
export function parseMarkdown(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const pairs: Record<string, string> = { '*': 'bold', _: 'italic' };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length && '*_`['.includes(source[i + 1]!)) {
      text += source[i + 1];
      i += 2;
    } else if (c === '`') {
      i = readCode(source, i, text.length, entities, (s) => (text += s));
    } else if (pairs[c]) {
      const end = source.indexOf(c, i + 1);
      if (end < 0)
        throw entityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
      const inner = source.slice(i + 1, end);
      if (inner.length > 0) entities.push({ type: pairs[c], offset: text.length, length: inner.length });
      text += inner;
      i = end + 1;
    } else if (c === '[') {
      const link = /^\[([^\]]*)\]\(([^)]*)\)/.exec(source.slice(i));
      if (!link)
        throw entityParseError(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
      if (link[1]!.length > 0)
        entities.push({ type: 'text_link', offset: text.length, length: link[1]!.length, url: link[2]! });
      text += link[1];
      i += link[0].length;
    } else {
      text += c;
      i++;
    }
  }
  return { text, entities };
}
