// Validates reply_markup as Telegram does before it accepts a message: inline buttons need one action, and
// callback_data is 1–64 bytes (https://core.telegram.org/bots/api#inlinekeyboardbutton), else BUTTON_DATA_INVALID.
import { badRequest } from './errors';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from './types';

export const CALLBACK_DATA_MAX_BYTES = 64;
/** Telegram does not publish it; 100 buttons per keyboard is the ceiling bots hit in practice. */
export const INLINE_KEYBOARD_MAX_BUTTONS = 100;

const BUTTON_ACTIONS = [
  'callback_data',
  'url',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const;

export interface ReplyMarkup {
  /** Stored on the message and returned in Message.reply_markup. */
  inline?: InlineKeyboardMarkup;
  /** A reply keyboard's labels; accepted but, as on Telegram, not echoed in Message.reply_markup. */
  keyboard?: string[][];
  removeKeyboard?: boolean;
}

const unparsable = () => badRequest("can't parse reply keyboard markup JSON object");
const buttonError = (detail: string) => badRequest(`can't parse inline keyboard button: ${detail}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readReplyMarkup(raw: unknown): ReplyMarkup | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let markup: unknown = raw;
  if (typeof raw === 'string') {
    try {
      markup = JSON.parse(raw) as unknown;
    } catch {
      throw unparsable();
    }
  }
  if (!isObject(markup)) throw unparsable();
  if ('inline_keyboard' in markup) return { inline: readInlineKeyboard(markup.inline_keyboard) };
  if ('keyboard' in markup) return { keyboard: readReplyKeyboard(markup.keyboard) };
  if (markup.remove_keyboard === true) return { removeKeyboard: true };
  if (markup.force_reply === true) return {};
  throw unparsable();
}

function readInlineKeyboard(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  let count = 0;
  const inline_keyboard = rows.map((row) => {
    if (!Array.isArray(row))
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    count += row.length;
    return row.map(readInlineButton);
  });
  if (count > INLINE_KEYBOARD_MAX_BUTTONS) throw badRequest('reply markup is too long');
  return { inline_keyboard };
}

function readInlineButton(button: unknown): InlineKeyboardButton {
  if (!isObject(button)) throw buttonError('InlineKeyboardButton must be an Object');
  if (typeof button.text !== 'string') throw buttonError('Field "text" must be of type String');
  const actions = BUTTON_ACTIONS.filter((action) => button[action] !== undefined);
  if (actions.length === 0) throw buttonError('Text buttons are unallowed in the inline keyboard');
  const normalized: InlineKeyboardButton = { text: button.text };
  for (const action of actions) (normalized as Record<string, unknown>)[action] = button[action];
  if ('callback_data' in normalized) {
    const data = normalized.callback_data;
    if (typeof data !== 'string') throw buttonError('Field "callback_data" must be of type String');
    const bytes = Buffer.byteLength(data, 'utf8');
    if (bytes < 1 || bytes > CALLBACK_DATA_MAX_BYTES) throw badRequest('BUTTON_DATA_INVALID');
  }
  if ('url' in normalized && !isButtonUrl(normalized.url)) throw badRequest('BUTTON_URL_INVALID');
  return normalized;
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    return ['http:', 'https:', 'tg:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function readReplyKeyboard(rows: unknown): string[][] {
  if (!Array.isArray(rows)) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array');
  return rows.map((row) => {
    if (!Array.isArray(row)) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    return row.map((button) => {
      const label = typeof button === 'string' ? button : isObject(button) ? button.text : undefined;
      if (typeof label !== 'string')
        throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
      return label;
    });
  });
}

/** Telegram compares keyboards by content when deciding that an edit changes nothing. */
export const sameInlineKeyboard = (a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined) =>
  JSON.stringify(a?.inline_keyboard ?? []) === JSON.stringify(b?.inline_keyboard ?? []);
