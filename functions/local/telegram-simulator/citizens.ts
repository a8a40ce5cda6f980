// Acting as citizens: what a person does in the Telegram app (writes, taps a button, blocks or restarts the bot),
// recorded in the conversation and turned into the update Telegram would send the bot.
import { CitizenActionError } from './errors';
import { formatText } from './formatting/entities';
import { definedOnly, type ChatRecord, type CitizenProfile, type SimulatorState } from './state';
import type {
  ChatMember,
  ChatMemberStatus,
  GroupChat,
  GroupChatType,
  InlineKeyboardButton,
  Message,
  NonTextContent,
  Update,
} from './types';
import type { DeliveryReport, UpdateDispatcher } from './update-delivery';

export interface CitizenMessageResult {
  update_id: number;
  message_id: number;
  delivery: DeliveryReport;
  /** Writing to a bot one blocked restarts it first, as the app's "Restart" button does. */
  unblocked?: MembershipResult;
}

export interface CitizenPress {
  message_id: number;
  /** The button's callback_data… */
  callback_data?: string;
  /** …or its label. */
  text?: string;
  /** Send callback_data even if no button carries it (a tampered client; bots must not trust callback_data). */
  force?: boolean;
}

export interface CitizenPressResult {
  update_id: number;
  callback_query_id: string;
  delivery: DeliveryReport;
}

/** What a citizen can send besides text (the simulator keeps a stand-in, never bytes). */
export const ATTACHMENT_KINDS = [
  'photo',
  'sticker',
  'voice',
  'audio',
  'video',
  'video_note',
  'animation',
  'document',
  'location',
  'contact',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface CitizenAttachment {
  kind: AttachmentKind;
  /** Photos, videos, documents and the like may carry a caption (≤ 1,024 characters). */
  caption?: string;
  file_name?: string;
  emoji?: string;
}

/** Adding the bot to a group, a supergroup or a channel (negative ids, as on Telegram). */
export interface GroupInvitation {
  id: number;
  type: GroupChatType;
  title: string;
  /** Who adds the bot (a citizen: positive id); they write in the group by default. */
  by: CitizenProfile & { id: number };
  /** A channel's bots are administrators; without can_post_messages they cannot post there. */
  as?: 'member' | 'administrator';
  can_post_messages?: boolean;
}

export interface GroupResult {
  update_ids: number[];
  deliveries: DeliveryReport[];
}

export type MembershipResult = { changed: true; update_id: number; delivery: DeliveryReport } | { changed: false };

export class Citizens {
  constructor(
    private readonly state: SimulatorState,
    private readonly dispatcher: UpdateDispatcher,
  ) {}

  async says(chatId: number, text: string, from?: CitizenProfile): Promise<CitizenMessageResult> {
    assertPrivateChatId(chatId);
    if (text.trim() === '') throw new CitizenActionError(400, 'text is empty');
    const record = this.state.openChat(chatId, from);
    const unblocked = record.blocked ? await this.setMembership(record, 'member') : undefined;
    // Telegram marks commands (/start, /vote@bot) as bot_command entities: telegraf's bot.command() relies on them.
    const { entities } = formatText(text, undefined);
    const stored = this.state.appendMessage(record, 'user', { text, ...(entities.length > 0 ? { entities } : {}) });
    const update = this.state.createUpdate({ message: structuredClone(stored.message) });
    const delivery = await this.dispatcher.dispatch(update);
    return {
      update_id: update.update_id,
      message_id: stored.message.message_id,
      delivery,
      ...definedOnly({ unblocked }),
    };
  }

  /** A photo, a sticker, a voice message…: the update carries a stand-in object of that kind. */
  async attaches(chatId: number, attachment: CitizenAttachment, from?: CitizenProfile): Promise<CitizenMessageResult> {
    assertPrivateChatId(chatId);
    const record = this.state.openChat(chatId, from);
    const unblocked = record.blocked ? await this.setMembership(record, 'member') : undefined;
    const stored = this.state.appendMessage(record, 'user', this.attachmentContent(attachment));
    const update = this.state.createUpdate({ message: structuredClone(stored.message) });
    const delivery = await this.dispatcher.dispatch(update);
    return {
      update_id: update.update_id,
      message_id: stored.message.message_id,
      delivery,
      ...definedOnly({ unblocked }),
    };
  }

  /** The citizen edits one of their text messages: Telegram sends it again as edited_message. */
  async edits(
    chatId: number,
    messageId: number,
    text: string,
  ): Promise<{ update_id: number; delivery: DeliveryReport }> {
    const record = this.knownChat(chatId);
    if (record.blocked) throw new CitizenActionError(409, `chat ${chatId} blocked the bot: unblock it first`);
    const stored = this.state.findMessage(record, messageId);
    if (!stored || stored.direction !== 'user' || stored.message.text === undefined)
      throw new CitizenActionError(404, `no text message ${messageId} of the citizen in chat ${chatId}`);
    if (text.trim() === '') throw new CitizenActionError(400, 'text is empty');
    const { entities } = formatText(text, undefined);
    stored.message.text = text;
    if (entities.length > 0) stored.message.entities = entities;
    else delete stored.message.entities;
    stored.message.edit_date = this.state.nowSeconds();
    this.state.changes++;
    const update = this.state.createUpdate({ edited_message: structuredClone(stored.message) });
    return { update_id: update.update_id, delivery: await this.dispatcher.dispatch(update) };
  }

  /**
   * Someone adds the bot to a group or a channel: my_chat_member (left → member or administrator),
   * and in a group the service message « added » too, as Telegram sends both. Resolves once the bot
   * reacted, including the updates its own calls caused (leaveChat → my_chat_member « left »).
   */
  async addsBotTo(invitation: GroupInvitation): Promise<GroupResult> {
    assertGroupChatId(invitation.id);
    assertPrivateChatId(invitation.by.id);
    const { id: byId, ...profile } = invitation.by;
    const by = this.state.openChat(byId, profile).user;
    const existing = this.state.chats.get(invitation.id);
    if (existing?.botMember && isMember(existing.botMember.status))
      throw new CitizenActionError(409, `the bot is already in chat ${invitation.id}`);
    const status = invitation.as ?? (invitation.type === 'channel' ? 'administrator' : 'member');
    const member: ChatMember = {
      user: this.state.bot,
      status,
      ...(status === 'administrator' ? { can_post_messages: invitation.can_post_messages ?? true } : {}),
    };
    const record = this.state.openGroup(invitation.id, invitation.type, invitation.title, by, member);
    const chat = record.chat as GroupChat;
    const updates: Update[] = [
      this.state.createUpdate({
        my_chat_member: structuredClone({
          chat,
          from: by,
          date: this.state.nowSeconds(),
          old_chat_member: { user: this.state.bot, status: 'left' as const },
          new_chat_member: member,
        }),
      }),
    ];
    if (chat.type !== 'channel') {
      const stored = this.state.appendMessage(record, 'user', { new_chat_members: [this.state.bot] });
      updates.push(this.state.createUpdate({ message: structuredClone(stored.message) }));
    }
    return this.deliverAll(updates);
  }

  /** A member writes in a group (a channel: a post of the channel); the bot must still be there. */
  async writesInGroup(groupId: number, text: string): Promise<GroupResult> {
    assertGroupChatId(groupId);
    const record = this.state.chats.get(groupId);
    if (!record?.botMember || !isMember(record.botMember.status))
      throw new CitizenActionError(409, `the bot is not in chat ${groupId}: it receives nothing from there`);
    if (text.trim() === '') throw new CitizenActionError(400, 'text is empty');
    const chat = record.chat as GroupChat;
    const { entities } = formatText(text, undefined);
    const content = { text, ...(entities.length > 0 ? { entities } : {}) };
    if (chat.type === 'channel') {
      const stored = this.state.appendMessage(record, 'user', { ...content, sender_chat: chat });
      delete stored.message.from; // a channel post is signed by the channel
      return this.deliverAll([this.state.createUpdate({ channel_post: structuredClone(stored.message) })]);
    }
    const stored = this.state.appendMessage(record, 'user', content);
    return this.deliverAll([this.state.createUpdate({ message: structuredClone(stored.message) })]);
  }

  private async deliverAll(updates: Update[]): Promise<GroupResult> {
    const deliveries: DeliveryReport[] = [];
    for (const update of updates) deliveries.push(await this.dispatcher.dispatch(update));
    await this.dispatcher.settle();
    return { update_ids: updates.map((u) => u.update_id), deliveries };
  }

  private attachmentContent(a: CitizenAttachment): Omit<Message, 'message_id' | 'from' | 'chat' | 'date'> {
    const file = () => this.state.newFileId(a.kind);
    const caption = a.caption === undefined ? {} : { caption: a.caption };
    const content: NonTextContent & { photo?: Message['photo'] } = {};
    switch (a.kind) {
      case 'photo':
        content.photo = [{ ...file(), width: 1280, height: 960 }];
        break;
      case 'sticker':
        content.sticker = { ...file(), type: 'regular', width: 512, height: 512, ...definedOnly({ emoji: a.emoji }) };
        break;
      case 'voice':
        content.voice = { ...file(), duration: 7, mime_type: 'audio/ogg' };
        break;
      case 'audio':
        content.audio = { ...file(), duration: 180 };
        break;
      case 'video':
        content.video = { ...file(), width: 1280, height: 720, duration: 12 };
        break;
      case 'video_note':
        content.video_note = { ...file(), length: 384, duration: 9 };
        break;
      case 'animation':
        // Telegram fills document too for a GIF, for older clients.
        content.animation = { ...file(), width: 320, height: 240, duration: 3 };
        content.document = { ...file(), file_name: 'animation.mp4', mime_type: 'video/mp4' };
        break;
      case 'document':
        content.document = { ...file(), ...definedOnly({ file_name: a.file_name ?? 'document.pdf' }) };
        break;
      case 'location':
        content.location = { latitude: 47.2184, longitude: -1.5536 };
        break;
      case 'contact':
        content.contact = { phone_number: '+33600000000', first_name: 'Contact' };
        break;
    }
    const captioned = a.kind !== 'sticker' && a.kind !== 'location' && a.kind !== 'contact' && a.kind !== 'video_note';
    return { ...content, ...(captioned ? caption : {}) };
  }

  async presses(chatId: number, press: CitizenPress): Promise<CitizenPressResult> {
    const record = this.knownChat(chatId);
    if (record.blocked) throw new CitizenActionError(409, `chat ${chatId} blocked the bot: unblock it first`);
    const stored = this.state.findMessage(record, press.message_id);
    let data: string;
    if (press.force) {
      if (press.callback_data === undefined) throw new CitizenActionError(400, 'a forced press needs callback_data');
      data = press.callback_data;
    } else {
      if (!stored)
        throw new CitizenActionError(404, `message ${press.message_id} not found in chat ${chatId} (or deleted)`);
      const buttons: InlineKeyboardButton[] = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
      const button = buttons.find((b) =>
        press.callback_data !== undefined ? b.callback_data === press.callback_data : b.text === press.text,
      );
      const wanted =
        press.callback_data !== undefined ? `callback_data "${press.callback_data}"` : `label "${press.text}"`;
      if (!button)
        throw new CitizenActionError(
          400,
          `no button with ${wanted} on message ${press.message_id}; buttons: ${JSON.stringify(buttons.map((b) => b.text))}`,
        );
      if (button.callback_data === undefined)
        throw new CitizenActionError(400, `button "${button.text}" opens a link or an app: it sends no callback`);
      data = button.callback_data;
    }
    const id = this.state.openCallbackQuery(chatId, press.message_id);
    // A press on a message the bot deleted carries an InaccessibleMessage (date 0), as on Telegram.
    const message = stored ? stored.message : { chat: record.chat, message_id: press.message_id, date: 0 as const };
    const update = this.state.createUpdate({
      callback_query: structuredClone({ id, from: record.user, message, chat_instance: chatInstance(chatId), data }),
    });
    const delivery = await this.dispatcher.dispatch(update);
    return { update_id: update.update_id, callback_query_id: id, delivery };
  }

  async blocks(chatId: number): Promise<MembershipResult> {
    const record = this.knownChat(chatId);
    return record.blocked ? { changed: false } : this.setMembership(record, 'kicked');
  }

  async unblocks(chatId: number): Promise<MembershipResult> {
    const record = this.knownChat(chatId);
    return record.blocked ? this.setMembership(record, 'member') : { changed: false };
  }

  /** Blocking a bot reaches it as my_chat_member with status "kicked"; restarting it, "member". */
  private async setMembership(record: ChatRecord, status: ChatMemberStatus): Promise<MembershipResult> {
    record.blocked = status === 'kicked';
    const old: ChatMemberStatus = status === 'kicked' ? 'member' : 'kicked';
    const member = (s: ChatMemberStatus) => ({
      user: this.state.bot,
      status: s,
      ...(s === 'kicked' ? { until_date: 0 } : {}),
    });
    const update: Update = this.state.createUpdate({
      my_chat_member: structuredClone({
        chat: record.chat,
        from: record.user,
        date: this.state.nowSeconds(),
        old_chat_member: member(old),
        new_chat_member: member(status),
      }),
    });
    const delivery = await this.dispatcher.dispatch(update);
    return { changed: true, update_id: update.update_id, delivery };
  }

  private knownChat(chatId: number): ChatRecord {
    assertPrivateChatId(chatId);
    const record = this.state.chats.get(chatId);
    if (!record)
      throw new CitizenActionError(404, `chat ${chatId} not found: the citizen has not written to the bot yet`);
    return record;
  }
}

function assertGroupChatId(chatId: number) {
  if (!Number.isSafeInteger(chatId) || chatId >= 0)
    throw new CitizenActionError(400, 'a group or channel id is a negative integer (e.g. -1001234567890)');
}

const isMember = (status: ChatMemberStatus) => status === 'member' || status === 'administrator';

function assertPrivateChatId(chatId: number) {
  if (!Number.isSafeInteger(chatId) || chatId <= 0)
    throw new CitizenActionError(400, 'chatId must be a positive integer (a private chat: chat id = user id)');
}

/** Telegram gives each chat an opaque chat_instance; a stable value per chat is enough for bots. */
const chatInstance = (chatId: number) => (-(7_000_000_000_000_000n + BigInt(chatId) * 7919n)).toString();
