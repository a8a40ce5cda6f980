// Turns what a bot or citizen sent into the text Telegram shows plus its entities: the parse_mode markup, then the
// entities Telegram detects on its own (commands, URLs, mentions, hashtags). Lengths are counted on the result.
import type { MessageEntity } from '../types';
import { parseHtml } from './html';
import { parseMarkdown, parseMarkdownV2 } from './markdown';
import type { FormattedText } from './parse-error';

export type ParseMode = 'HTML' | 'Markdown' | 'MarkdownV2';

/** `explicit` are entities the bot passed itself (telegraf's fmt helpers do), used when there is no parse_mode. */
export function formatText(
  source: string,
  parseMode: ParseMode | undefined,
  explicit: MessageEntity[] = [],
): FormattedText {
  const parsed =
    parseMode === 'HTML'
      ? parseHtml(source)
      : parseMode === 'MarkdownV2'
        ? parseMarkdownV2(source)
        : parseMode === 'Markdown'
          ? parseMarkdown(source)
          : { text: source, entities: explicit };
  const entities = [...parsed.entities, ...detectEntities(parsed.text, parsed.entities)];
  // Telegram lists entities by offset, the outer (longer) one first.
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: parsed.text, entities };
}

const DETECTED =
  /(?<![\w/@#])(?:(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{5,32})?)|(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])|(@[a-zA-Z0-9_]{5,32})|(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*))/gu;
const VERBATIM = new Set(['code', 'pre', 'text_link']);

/** Entities Telegram's servers add by themselves; never inside code, pre or an explicit link. */
function detectEntities(text: string, explicit: MessageEntity[]): MessageEntity[] {
  if (!/[/:@#]/.test(text)) return [];
  const detected: MessageEntity[] = [];
  for (const m of text.matchAll(DETECTED)) {
    const offset = m.index;
    const length = m[0].length;
    const inside = explicit.some(
      (e) => VERBATIM.has(e.type) && offset < e.offset + e.length && e.offset < offset + length,
    );
    if (inside) continue;
    const type = m[1] ? 'bot_command' : m[2] ? 'url' : m[3] ? 'mention' : 'hashtag';
    detected.push({ type, offset, length });
  }
  return detected;
}
