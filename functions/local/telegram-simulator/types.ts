// The Telegram Bot API objects the simulator emits, shaped as https://core.telegram.org/bots/api#available-types
// (only the fields a notification bot reads), plus the simulator's own views of a conversation.

export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/**
 * A private chat (chat.id = the citizen's user id, positive), or a group, supergroup or channel the
 * bot was added to (negative ids, a title instead of a name), as on Telegram.
 */
export type Chat = PrivateChat | GroupChat;

export interface PrivateChat {
  id: number;
  type: 'private';
  first_name: string;
  last_name?: string;
  username?: string;
}

export type GroupChatType = 'group' | 'supergroup' | 'channel';

export interface GroupChat {
  id: number;
  type: GroupChatType;
  title: string;
}

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [action: string]: unknown;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

/** What a citizen sends besides text; the simulator keeps a stand-in of each (never bytes). */
export interface NonTextContent {
  sticker?: { file_id: string; file_unique_id: string; type: 'regular'; width: number; height: number; emoji?: string };
  voice?: { file_id: string; file_unique_id: string; duration: number; mime_type?: string };
  audio?: { file_id: string; file_unique_id: string; duration: number };
  video?: { file_id: string; file_unique_id: string; width: number; height: number; duration: number };
  video_note?: { file_id: string; file_unique_id: string; length: number; duration: number };
  animation?: { file_id: string; file_unique_id: string; width: number; height: number; duration: number };
  document?: { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string };
  location?: { latitude: number; longitude: number };
  contact?: { phone_number: string; first_name: string };
}

export interface Document {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface Message extends NonTextContent {
  message_id: number;
  /** Absent on a channel post, which is signed by the channel (sender_chat). */
  from?: User;
  sender_chat?: GroupChat;
  chat: Chat;
  date: number;
  edit_date?: number;
  reply_to_message?: Message;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  photo?: PhotoSize[];
  document?: Document;
  reply_markup?: InlineKeyboardMarkup;
  /** Service message: members (the bot among them) added to a group. */
  new_chat_members?: User[];
}

/** What a callback query carries when the pressed message is gone (https://core.telegram.org/bots/api#inaccessiblemessage). */
export interface InaccessibleMessage {
  chat: Chat;
  message_id: number;
  date: 0;
}

export interface CallbackQuery {
  id: string;
  from: User;
  message: Message | InaccessibleMessage;
  chat_instance: string;
  data: string;
}

/** The bot's status in a chat: in a private chat only « member » or « kicked » (blocked). */
export type ChatMemberStatus = 'member' | 'administrator' | 'left' | 'kicked';

export interface ChatMember {
  user: User;
  status: ChatMemberStatus;
  until_date?: number;
  /** An administrator's rights, of which a bot in a channel needs can_post_messages to post. */
  can_post_messages?: boolean;
  [right: string]: unknown;
}

export interface ChatMemberUpdated {
  chat: Chat;
  from: User;
  date: number;
  old_chat_member: ChatMember;
  new_chat_member: ChatMember;
}

export interface Update {
  update_id: number;
  message?: Message;
  edited_message?: Message;
  channel_post?: Message;
  callback_query?: CallbackQuery;
  my_chat_member?: ChatMemberUpdated;
}

export type UpdateType = 'message' | 'edited_message' | 'channel_post' | 'callback_query' | 'my_chat_member';

/** What the Bot API answers, success or failure (https://core.telegram.org/bots/api#making-requests). */
export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** An answerCallbackQuery the citizen saw as a toast (or an alert) on the pressed message. */
export interface Toast {
  callback_query_id: string;
  text?: string;
  show_alert: boolean;
  url?: string;
  date: number;
}

/** One message of a conversation as a test or the README walk-through reads it. */
export interface MessageView {
  message_id: number;
  from: 'bot' | 'user';
  date: number;
  /** Text as the citizen sees it (after parse_mode), or the photo's caption. */
  text?: string;
  caption?: string;
  entities?: MessageEntity[];
  /** What the bot sent before parse_mode was applied, e.g. `<b>Titre</b>`. */
  source?: string;
  parse_mode?: string;
  /** The photo's URL or file_id as sent, or `upload:<filename>` for a multipart upload. */
  photo?: string;
  /** A document the bot sent: its name and size, and its text when it was a small text file. */
  document?: { file_name?: string; file_size?: number; text?: string };
  /** The inline keyboard as it is now, after any edit. */
  reply_markup?: InlineKeyboardMarkup;
  reply_to_message_id?: number;
  edited: boolean;
  edit_date?: number;
  deleted: boolean;
  toasts: Toast[];
}

export interface ChatSummary {
  id: number;
  /** The citizen's first name, or a group's or channel's title. */
  first_name: string;
  type?: GroupChatType;
  /** In a group or channel: the bot's status there. */
  bot_status?: ChatMemberStatus;
  language_code?: string;
  blocked: boolean;
  messages: number;
  last_message_at?: number;
}
