// `/langue` (`/language`): French or English for everything the bot itself says.
import { Composer } from 'telegraf';
import { setLanguage } from '#core/subscribers/use-cases';
import { catalog } from '../messages/catalog';
import { type BotContext, toast } from './context';

export function language(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command(['langue', 'language'], async (ctx) => {
    await ctx.reply(ctx.t.languagePrompt, {
      reply_markup: {
        inline_keyboard: [
          [
            { text: ctx.t.languageButtons.fr, callback_data: 'l:fr' },
            { text: ctx.t.languageButtons.en, callback_data: 'l:en' },
          ],
        ],
      },
    });
  });

  bot.action(/^l:(fr|en)$/, async (ctx) => {
    if (!ctx.subscriber) return toast(ctx, ctx.t.toastNotSubscriber);
    const chosen = ctx.match[1] === 'en' ? 'en' : 'fr';
    ctx.subscriber = await setLanguage(ctx.deps.core, ctx.subscriber, chosen);
    ctx.language = chosen;
    ctx.t = catalog(chosen);
    await toast(ctx);
    await ctx.editMessageText(ctx.t.languageSet);
  });

  return bot;
}
