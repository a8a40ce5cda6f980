// Joining: `/start` asks for consent (what is kept, why, how long) before anything but a pending
// item is kept; « J'accepte » activates, « Non merci » erases the pending item. Leaving is membership.ts.
import { Composer } from 'telegraf';
import { declineConsent, giveConsent, startSubscription } from '#core/subscribers/use-cases';
import { type BotContext, toast } from './context';
import { followKeptStartLink, startThroughLink } from './deep-link';
import { sendFollowMenu } from './follows';

export function onboarding(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command('start', async (ctx) => {
    const { subscriber, outcome } = await startSubscription(
      ctx.deps.core,
      { id: ctx.subscriberId, chatId: ctx.chat.id, language: ctx.language },
      ctx.subscriber,
    );
    ctx.subscriber = subscriber;
    ctx.log.info('start', { outcome });
    const link = await startThroughLink(ctx, ctx.payload);
    if (link.answered) return;
    if (outcome === 'already_active') {
      await ctx.reply(ctx.t.alreadySubscribed);
      return;
    }
    await ctx.reply(`${link.preface}${ctx.t.consent}`, {
      parse_mode: 'HTML',
      reply_markup: {
        inline_keyboard: [
          [
            { text: ctx.t.consentAccept, callback_data: 'c:y' },
            { text: ctx.t.consentDecline, callback_data: 'c:n' },
          ],
        ],
      },
    });
  });

  bot.action('c:y', async (ctx) => {
    if (!ctx.subscriber) return toast(ctx, ctx.t.toastNotSubscriber);
    const { subscriber, changed } = await giveConsent(ctx.deps.core, ctx.subscriber);
    ctx.subscriber = subscriber;
    await toast(ctx, changed ? ctx.t.toastDone : ctx.t.alreadySubscribed);
    if (!changed) return;
    ctx.log.info('consent given');
    // The consent text stays in the chat as the record of what was agreed; only its buttons go.
    await ctx.editMessageReplyMarkup(undefined);
    await sendFollowMenu(ctx, ...(await followKeptStartLink(ctx, subscriber, ctx.t.welcome)));
  });

  bot.action('c:n', async (ctx) => {
    const outcome = await declineConsent(ctx.deps.core, ctx.subscriber);
    ctx.log.info('consent declined', { outcome });
    if (outcome === 'still_active') return toast(ctx, ctx.t.alreadySubscribed);
    ctx.subscriber = undefined;
    await toast(ctx);
    await ctx.editMessageReplyMarkup(undefined);
    await ctx.reply(ctx.t.declined);
  });

  return bot;
}
