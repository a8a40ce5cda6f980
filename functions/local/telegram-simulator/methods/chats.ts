// Chats the bot is in besides private ones: leaveChat takes it out of a group, supergroup or
// channel, and Telegram then tells the bot itself with my_chat_member « left » (sent after the call
// is answered, as Telegram does). A private chat cannot be left (the citizen blocks the bot instead).
import * as z from 'zod';
import { badRequest, TelegramApiError } from '../errors';
import { chatId, readParams, type Params } from '../params';
import type { GroupChat } from '../types';
import type { ApiContext } from './context';

const LeaveChat = z.object({ chat_id: chatId });

export function leaveChat(params: Params, ctx: ApiContext): true {
  const p = readParams(LeaveChat, params);
  const record = ctx.state.chats.get(p.chat_id);
  if (!record) throw badRequest('chat not found');
  if (!record.botMember || record.chat.type === 'private')
    throw badRequest("chat member status can't be changed in private chats");
  const chat: GroupChat = record.chat;
  const before = record.botMember;
  if (before.status === 'left' || before.status === 'kicked') {
    const kind = chat.type === 'supergroup' ? 'supergroup' : chat.type;
    throw new TelegramApiError(403, `Forbidden: bot is not a member of the ${kind} chat`);
  }
  record.botMember = { user: ctx.state.bot, status: 'left' };
  ctx.state.changes++;
  ctx.dispatcher.dispatchLater(
    ctx.state.createUpdate({
      my_chat_member: structuredClone({
        chat,
        from: ctx.state.bot,
        date: ctx.state.nowSeconds(),
        old_chat_member: before,
        new_chat_member: record.botMember,
      }),
    }),
  );
  return true;
}
