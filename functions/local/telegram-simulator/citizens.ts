// Acting as citizens: what a person does in the Telegram app (writes, taps a button, blocks or restarts the bot),
// recorded in the conversation and turned into the update Telegram would send the bot.
import { CitizenActionError } from './errors';
import { formatText } from './formatting/entities';
import { definedOnly, type ChatRecord, type CitizenProfile, type SimulatorState } from './state';
import type { ChatMemberStatus, InlineKeyboardButton, Update } from './types';
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

function assertPrivateChatId(chatId: number) {
  if (!Number.isSafeInteger(chatId) || chatId <= 0)
    throw new CitizenActionError(400, 'chatId must be a positive integer (a private chat: chat id = user id)');
}

/** Telegram gives each chat an opaque chat_instance; a stable value per chat is enough for bots. */
const chatInstance = (chatId: number) => (-(7_000_000_000_000_000n + BigInt(chatId) * 7919n)).toString();
