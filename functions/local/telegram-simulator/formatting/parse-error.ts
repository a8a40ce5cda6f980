// What every parse_mode parser shares: its result and the 400 Telegram answers when the markup is wrong.
import { badRequest } from '../errors';
import type { MessageEntity } from '../types';

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export const entityParseError = (detail: string) => badRequest(`can't parse entities: ${detail}`);

/** Telegram reports parse errors in UTF-8 bytes, not characters. */
export const byteOffset = (source: string, index: number) => Buffer.byteLength(source.slice(0, index), 'utf8');
