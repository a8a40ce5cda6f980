// The simulator's memory: chats indexed by id, each with its messages indexed by message_id, the update history
// for redelivery, open callback queries, uploaded files and bot commands. Every lookup is O(1): no scan per request.
import { badRequest, blockedByUser, chatNotFound, TelegramApiError } from './errors';
import type {
  ChatMember,
  ChatSummary,
  GroupChat,
  GroupChatType,
  Message,
  MessageView,
  PrivateChat,
  Toast,
  Update,
  User,
} from './types';

export interface CitizenProfile {
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface StoredMessage {
  /** The Telegram object, updated in place by edits: what the bot gets back and what a press carries. */
  message: Message;
  direction: 'bot' | 'user';
  source?: string;
  parseMode?: string;
  photoRef?: string;
  /** A document's text (sendDocument keeps small text files for tests to read). */
  documentText?: string;
  deleted: boolean;
  toasts: Toast[];
}

export interface ChatRecord {
  chat: PrivateChat | GroupChat;
  /** The citizen of a private chat; in a group or channel, the member who added the bot (who writes by default). */
  user: User;
  /** A private chat's citizen blocked the bot. */
  blocked: boolean;
  /** In a group or channel: the bot's membership there (absent for private chats). */
  botMember?: ChatMember;
  messages: StoredMessage[];
  byId: Map<number, StoredMessage>;
  nextMessageId: number;
  /** Texts and photos the bot already sent here: a repeat is the visible trace of a duplicate send. */
  botContents: Set<string>;
}

export interface OpenCallbackQuery {
  chatId: number;
  messageId: number;
  createdAtMs: number;
}

export interface StateOptions {
  bot: User;
  clockMs: () => number;
  firstUpdateId: number;
  /** Oldest updates are forgotten past this count (they can no longer be redelivered). */
  updateHistoryLimit: number;
  /** Treat any positive chat id as a citizen who pressed Start (benchmarks seed subscribers without a conversation). */
  autoCreateChats: boolean;
}

export class SimulatorState {
  readonly chats = new Map<number, ChatRecord>();
  readonly updates = new Map<number, Update>();
  readonly callbackQueries = new Map<string, OpenCallbackQuery>();
  /** file_id → what was sent, so a bot can resend a photo by its file_id as on Telegram. */
  readonly files = new Map<string, string>();
  readonly commands = new Map<string, unknown[]>();
  private nextUpdateId: number;
  /** Bumped by every change worth keeping (persistence.ts writes when it moved). */
  changes = 0;
  private callbackCounter = 0;
  private fileCounter = 0;

  constructor(readonly options: StateOptions) {
    this.nextUpdateId = options.firstUpdateId;
  }

  get bot(): User {
    return this.options.bot;
  }

  /** Telegram dates are Unix seconds. */
  nowSeconds(): number {
    return Math.floor(this.options.clockMs() / 1000);
  }

  openChat(chatId: number, profile: CitizenProfile = {}): ChatRecord {
    const existing = this.chats.get(chatId);
    if (existing) {
      Object.assign(existing.user, definedOnly(profile));
      Object.assign(
        existing.chat,
        definedOnly({ first_name: profile.first_name, last_name: profile.last_name, username: profile.username }),
      );
      return existing;
    }
    const first_name = profile.first_name ?? `Citizen ${chatId}`;
    const user: User = { id: chatId, is_bot: false, first_name, ...definedOnly({ ...profile, first_name: undefined }) };
    const chat: PrivateChat = {
      id: chatId,
      first_name,
      ...definedOnly({ last_name: profile.last_name, username: profile.username }),
      type: 'private',
    };
    const record: ChatRecord = {
      chat,
      user,
      blocked: false,
      messages: [],
      byId: new Map(),
      nextMessageId: 1,
      botContents: new Set(),
    };
    this.chats.set(chatId, record);
    this.changes++;
    return record;
  }

  /**
   * A group, supergroup or channel (negative id) with the bot just added by `by`: a member of a
   * group, an administrator of a channel (bots join channels only as administrators).
   */
  openGroup(chatId: number, type: GroupChatType, title: string, by: User, botMember: ChatMember): ChatRecord {
    const before = this.chats.get(chatId);
    const record: ChatRecord = {
      chat: { id: chatId, type, title },
      user: by,
      blocked: false,
      botMember,
      // Added again to a group it had left: the conversation goes on where it was.
      messages: before?.messages ?? [],
      byId: before?.byId ?? new Map<number, StoredMessage>(),
      nextMessageId: before?.nextMessageId ?? 1,
      botContents: new Set(),
    };
    this.chats.set(chatId, record);
    this.changes++;
    return record;
  }

  /** The chat a bot method targets: unknown → 400 "chat not found"; blocked → 403; a group the bot is not in → 403. */
  reachableChat(chatId: number): ChatRecord {
    let record = this.chats.get(chatId);
    if (!record && this.options.autoCreateChats && chatId > 0) record = this.openChat(chatId);
    if (!record) throw chatNotFound();
    if (record.blocked) throw blockedByUser();
    if (record.botMember) assertMayPost(record.chat as GroupChat, record.botMember);
    return record;
  }

  appendMessage(
    record: ChatRecord,
    direction: 'bot' | 'user',
    content: Omit<Message, 'message_id' | 'from' | 'chat' | 'date'>,
    extra: Partial<StoredMessage> = {},
  ): StoredMessage {
    const message: Message = {
      message_id: record.nextMessageId++,
      from: direction === 'bot' ? this.bot : record.user,
      chat: record.chat,
      date: this.nowSeconds(),
      ...content,
    };
    const stored: StoredMessage = { message, direction, deleted: false, toasts: [], ...extra };
    record.messages.push(stored);
    record.byId.set(message.message_id, stored);
    this.changes++;
    return stored;
  }

  /** A live (not deleted) message of a chat. */
  findMessage(record: ChatRecord, messageId: number): StoredMessage | undefined {
    const stored = record.byId.get(messageId);
    return stored && !stored.deleted ? stored : undefined;
  }

  createUpdate(content: Omit<Update, 'update_id'>): Update {
    const update: Update = { update_id: this.nextUpdateId++, ...content };
    this.changes++;
    this.updates.set(update.update_id, update);
    if (this.updates.size > this.options.updateHistoryLimit) this.updates.delete(this.updates.keys().next().value!);
    return update;
  }

  peekNextUpdateId(): number {
    return this.nextUpdateId;
  }

  /** After a restart: update ids go on from where they were (the bot skips an update_id it has seen). */
  restoreUpdateCounter(next: number) {
    this.nextUpdateId = Math.max(this.nextUpdateId, next);
  }

  openCallbackQuery(chatId: number, messageId: number): string {
    // Real ids are 64-bit numbers as strings; the bot id prefix keeps them unique per simulated bot.
    const id = `${this.bot.id}${String(++this.callbackCounter).padStart(9, '0')}`;
    this.callbackQueries.set(id, { chatId, messageId, createdAtMs: this.options.clockMs() });
    return id;
  }

  newFileId(kind: string): { file_id: string; file_unique_id: string } {
    const n = (++this.fileCounter).toString(36).padStart(6, '0');
    return { file_id: `AgACAgSim${kind}${n}`, file_unique_id: `AQADSim${kind}${n}` };
  }

  view(stored: StoredMessage): MessageView {
    const m = stored.message;
    return {
      message_id: m.message_id,
      from: stored.direction,
      date: m.date,
      ...definedOnly({
        text: m.text ?? m.caption,
        caption: m.caption,
        entities: m.entities ?? m.caption_entities,
        source: stored.source,
        parse_mode: stored.parseMode,
        photo: stored.photoRef,
        document: m.document
          ? definedOnly({ file_name: m.document.file_name, file_size: m.document.file_size, text: stored.documentText })
          : undefined,
        reply_markup: m.reply_markup,
        reply_to_message_id: m.reply_to_message?.message_id,
        edit_date: m.edit_date,
      }),
      edited: m.edit_date !== undefined,
      deleted: stored.deleted,
      toasts: stored.toasts,
    };
  }

  summary(record: ChatRecord): ChatSummary {
    const last = record.messages.at(-1);
    const chat = record.chat;
    return {
      id: chat.id,
      first_name: chat.type === 'private' ? chat.first_name : chat.title,
      ...(chat.type === 'private' ? {} : { type: chat.type }),
      ...(record.botMember ? { bot_status: record.botMember.status } : {}),
      ...definedOnly({ language_code: record.user.language_code, last_message_at: last?.message.date }),
      blocked: record.blocked,
      messages: record.messages.length,
    };
  }

  reset() {
    this.chats.clear();
    this.updates.clear();
    this.callbackQueries.clear();
    this.files.clear();
    this.commands.clear();
  }
}

/** Drops undefined fields so JSON answers look like Telegram's, which omits absent fields. */
export function definedOnly<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Telegram's answers to a bot writing where it is no longer, or where it may not post. */
function assertMayPost(chat: GroupChat, member: ChatMember) {
  const kind = chat.type === 'channel' ? 'channel' : chat.type === 'supergroup' ? 'supergroup' : 'group';
  if (member.status === 'kicked') throw new TelegramApiError(403, `Forbidden: bot was kicked from the ${kind} chat`);
  if (member.status === 'left') throw new TelegramApiError(403, `Forbidden: bot is not a member of the ${kind} chat`);
  if (chat.type === 'channel' && !(member.status === 'administrator' && member.can_post_messages))
    throw badRequest('need administrator rights in the channel chat');
}
