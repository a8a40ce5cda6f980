// Leaving and the chat's membership: `/stop` leaves; blocking the bot (my_chat_member "kicked")
// marks the subscriber blocked, silently — they can no longer read us.
import { Composer } from 'telegraf';
import { leave, markBlocked } from '#core/subscribers/use-cases';
import type { BotContext } from './context';

export function membership(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command(['stop', 'arreter'], async (ctx) => {
    if (!ctx.subscriber || ctx.subscriber.status === 'left') {
      await ctx.reply(ctx.t.notSubscribed);
      return;
    }
    ctx.subscriber = await leave(ctx.deps.core, ctx.subscriber);
    ctx.log.info('left');
    await ctx.reply(ctx.t.stopped);
  });

  bot.on('my_chat_member', async (ctx) => {
    if (ctx.myChatMember.new_chat_member.status !== 'kicked') return;
    const known = await markBlocked(ctx.deps.core, ctx.subscriberId);
    ctx.log.info('blocked the bot', { outcome: known ? 'marked blocked' : 'not a subscriber' });
  });

  return bot;
}
