// parse_mode=HTML as Telegram reads it (https://core.telegram.org/bots/api#html-style): the supported tags become
// entities, the text loses its markup, and anything else is the "can't parse entities" error Telegram returns.
import type { MessageEntity } from '../types';
import { byteOffset, entityParseError, type FormattedText } from './parse-error';

const TAG_ENTITY: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  entity: MessageEntity | undefined;
}

export function parseHtml(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  const special = /[<&]/g;
  let i = 0;
  while (i < source.length) {
    special.lastIndex = i;
    const found = special.exec(source);
    const next = found ? found.index : source.length;
    text += source.slice(i, next);
    if (!found) break;
    if (found[0] === '&') {
      const decoded = decodeEntity(source, next);
      text += decoded?.value ?? '&';
      i = decoded?.end ?? next + 1;
      continue;
    }
    const close = source.indexOf('>', next);
    if (close < 0) throw entityParseError(`Unclosed start tag at byte offset ${byteOffset(source, next)}`);
    const raw = source.slice(next + 1, close);
    if (raw.startsWith('/')) closeTag(raw.slice(1).trim().toLowerCase(), source, next, open, entities, text.length);
    else open.push(openTag(raw, source, next, open, text.length));
    i = close + 1;
  }
  const unclosed = open.at(-1);
  if (unclosed) throw entityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { text, entities };
}

function openTag(raw: string, source: string, at: number, open: OpenTag[], offset: number): OpenTag {
  const match = /^([a-zA-Z][a-zA-Z0-9-]*)([\s\S]*)$/.exec(raw.trim());
  const name = match?.[1]?.toLowerCase() ?? '';
  const type = TAG_ENTITY[name];
  if (!match || !type)
    throw entityParseError(`Unsupported start tag "${name || raw}" at byte offset ${byteOffset(source, at)}`);
  const attributes = readAttributes(match[2] ?? '');
  const entity: MessageEntity = { type, offset, length: 0 };
  if (name === 'span' && attributes.class !== 'tg-spoiler')
    throw entityParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, at)}`);
  if (name === 'a') {
    const href = attributes.href;
    if (!href) return { name, entity: undefined }; // Telegram keeps the text of a link without href, unlinked
    entity.url = href;
  }
  if (name === 'blockquote' && 'expandable' in attributes) entity.type = 'expandable_blockquote';
  if (name === 'code') {
    // <pre><code class="language-x"> gives the pre block a language instead of a nested code entity.
    const parent = open.at(-1);
    const language = attributes.class?.startsWith('language-') ? attributes.class.slice('language-'.length) : undefined;
    if (parent?.name === 'pre' && parent.entity && parent.entity.offset === offset) {
      if (language) parent.entity.language = language;
      return { name, entity: undefined };
    }
  }
  return { name, entity };
}

function closeTag(
  name: string,
  source: string,
  at: number,
  open: OpenTag[],
  entities: MessageEntity[],
  offset: number,
) {
  const tag = open.pop();
  if (!tag) throw entityParseError(`Unexpected end tag at byte offset ${byteOffset(source, at)}`);
  if (tag.name !== name)
    throw entityParseError(
      `Unmatched end tag at byte offset ${byteOffset(source, at)}, expected "</${tag.name}>", found "</${name}>"`,
    );
  if (!tag.entity) return;
  tag.entity.length = offset - tag.entity.offset;
  // Telegram drops entities that cover no text.
  if (tag.entity.length > 0) entities.push(tag.entity);
}

function readAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of raw.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    attributes[m[1]!.toLowerCase()] = decodeAll(value);
  }
  return attributes;
}

function decodeEntity(source: string, at: number): { value: string; end: number } | undefined {
  const semicolon = source.indexOf(';', at);
  if (semicolon < 0 || semicolon - at > 10) return undefined;
  const name = source.slice(at + 1, semicolon);
  let value = NAMED_ENTITIES[name];
  if (value === undefined && name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    if (Number.isInteger(code) && code > 0 && code <= 0x10ffff) value = String.fromCodePoint(code);
  }
  return value === undefined ? undefined : { value, end: semicolon + 1 };
}

const decodeAll = (value: string) => value.replace(/&[^;\s]{1,9};/g, (match) => decodeEntity(match, 0)?.value ?? match);
