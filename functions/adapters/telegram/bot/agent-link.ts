// `/lier <code>` (`/link <code>`): an agent of the team links this chat to their account, with the
// one-time code the console gave them, so campaign tests reach them here. Works for anyone, a
// subscriber or not: it asks for no consent and keeps nothing about the chat unless the code is good.
import { Composer } from 'telegraf';
import { LINK_COMMAND, linkTelegramChat } from '#core/agents/telegram-link';
import { isDomainError } from '#core/shared/errors';
import { escapeHtml } from '../messages/format';
import type { BotContext } from './context';

export function agentLink(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.command([LINK_COMMAND, 'link'], async (ctx) => {
    const code = ctx.payload.trim();
    if (!code) {
      await ctx.reply(ctx.t.agentLinkUsage);
      return;
    }
    try {
      const agent = await linkTelegramChat(ctx.deps.core, code, ctx.chat.id);
      ctx.log.info('agent chat linked', { outcome: 'linked' });
      await ctx.reply(ctx.t.agentLinked(escapeHtml(agent.name)), { parse_mode: 'HTML' });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const rule = e.violations[0]?.rule ?? e.code;
      ctx.log.info('agent chat not linked', { outcome: rule });
      await ctx.reply(rule === 'link_code_expired' ? ctx.t.agentLinkExpired : ctx.t.agentLinkUnknown);
    }
  });
  return bot;
}
