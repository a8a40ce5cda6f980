// Leaving and the private chat's membership: `/stop` leaves; blocking the bot (my_chat_member
// « kicked ») marks the subscriber blocked, silently — they can no longer read us; unblocking it
// (« member » after « kicked ») is recognised: the status becomes « left » and a short message says
// how to come back (/start, consent again, follows kept). Groups and channels: other-chats.ts.
import { Composer } from 'telegraf';
import { leave, markBlocked } from '#core/subscribers/use-cases';
import { recordUnblocked } from '#core/subscribers/unblocked';
import { type BotContext, followsSomething } from './context';

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
    const { old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    if (after.status === 'kicked') {
      const known = await markBlocked(ctx.deps.core, ctx.subscriberId);
      ctx.log.info('blocked the bot', { outcome: known ? 'marked blocked' : 'not a subscriber' });
      return;
    }
    if (after.status !== 'member' || before.status !== 'kicked') return;
    const outcome = await recordUnblocked(ctx.deps.core, ctx.subscriber);
    ctx.log.info('unblocked the bot', { outcome });
    const subscriber = ctx.subscriber;
    if (outcome === 'marked_left' || subscriber?.status === 'left')
      await ctx.reply(ctx.t.welcomeBack(followsSomething(subscriber!)));
    else if (outcome === 'not_a_subscriber') await ctx.reply(ctx.t.introduction);
    // Active (the « kicked » was missed) or pending (the consent is on screen): nothing to add.
  });

  return bot;
}
