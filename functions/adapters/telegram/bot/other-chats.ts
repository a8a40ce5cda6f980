// Groups, supergroups and channels: Porte-voix serves one person per private chat (a subscriber is
// someone who consented, with their own follows and pace), so when it is added to a group or a
// channel it says so there, with its t.me link, and leaves. Nothing is stored (no pseudonym, no
// item) and the log carries neither the chat id nor its title. A failure to post or to leave is
// logged, never thrown: one group must not turn into a failed update that Telegram redelivers.
import type { Context } from 'telegraf';
import type { ChatMemberUpdated, Message } from 'telegraf/types';
import { catalog, languageFromTelegram } from '../messages/catalog';
import type { UpdateLog } from './context';

/** Handles an update from anything but a private chat: explain (once, when added) and leave. */
export async function otherChat(ctx: Context, log: UpdateLog): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCbQuery();
  const chat = ctx.chat;
  if (!chat) return log.info('ignored: no chat'); // inline queries and the like: nothing to leave
  const where = chat.type === 'channel' ? 'channel' : 'group';
  const member = ctx.myChatMember;
  if (member) {
    if (!isIn(member.new_chat_member)) return log.info('removed from a group or channel', { outcome: where });
    // Added: the one moment to explain, where the bot may post (a channel needs the right to).
    const mayPost = where === 'group' || canPostInChannel(member.new_chat_member);
    if (mayPost) await explain(ctx, log, where);
    return leave(ctx, log, where, 'added');
  }
  const message = ctx.message ?? ctx.channelPost;
  // The service message « X added the bot » arrives beside my_chat_member, which handles it.
  if (message && isServiceMessage(message)) return log.info('ignored: service message', { outcome: where });
  // Still there (a leave that failed): a command addressed to us is answered, anything else is not.
  const command = ctx.message && 'text' in ctx.message && ctx.message.text.startsWith('/');
  if (command) await explain(ctx, log, where);
  return leave(ctx, log, where, 'still a member');
}

const isIn = (m: ChatMemberUpdated['new_chat_member']) =>
  m.status === 'member' || m.status === 'administrator' || (m.status === 'restricted' && m.is_member);

const canPostInChannel = (m: ChatMemberUpdated['new_chat_member']) =>
  m.status === 'administrator' && m.can_post_messages === true;

const isServiceMessage = (m: Message) =>
  'new_chat_members' in m || 'left_chat_member' in m || 'group_chat_created' in m || 'migrate_from_chat_id' in m;

async function explain(ctx: Context, log: UpdateLog, where: 'group' | 'channel') {
  const t = catalog(languageFromTelegram(ctx.from?.language_code));
  try {
    await ctx.reply(t.privateOnly(where, `https://t.me/${ctx.botInfo.username}`), {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  } catch (e) {
    // No right to post (a muted member, a channel admin without « post »): leaving still applies.
    log.info('could not explain in a group or channel', { outcome: where, errorMessage: describe(e) });
  }
}

async function leave(ctx: Context, log: UpdateLog, where: 'group' | 'channel', why: string) {
  try {
    await ctx.leaveChat();
    log.info('left a group or channel', { outcome: `${where}, ${why}` });
  } catch (e) {
    log.warn('could not leave a group or channel', { outcome: `${where}, ${why}`, errorMessage: describe(e) });
  }
}

/** Telegram's error descriptions name the method and the reason, never the chat: safe to log. */
const describe = (e: unknown) => (e instanceof Error ? e.message.slice(0, 200) : typeof e);
