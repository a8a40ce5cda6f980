// `/aide` (`/help`), and the last resort for what no other feature handled: a hint for free text
// (the bot reads buttons and commands, not prose), an answer for an unknown button.
import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import { type BotContext, toast } from './context';

export function help(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.command(['aide', 'help'], (ctx) => ctx.reply(ctx.t.help, { parse_mode: 'HTML' }));
  bot.on(message('text'), (ctx) =>
    ctx.reply(ctx.subscriber?.status === 'pending' ? ctx.t.consentFirst : ctx.t.unknownText),
  );
  bot.on('callback_query', (ctx) => toast(ctx, ctx.t.toastUnknownButton));
  return bot;
}
