// « Lire le message entier »: a campaign message shows two lines of the agent's text; this button
// sends the whole of it (title, text, link) as a new message, so nothing the agent wrote is out of
// a citizen's reach in Telegram. The campaign is read from the store at the press: a campaign
// deleted or cancelled since gets a toast. Nothing is stored, so no subscription is required
// (an agent's test message carries the button too).
import { Composer } from 'telegraf';
import { decodeFullTextCallback, renderFullCampaign } from '../campaign-message';
import { type BotContext, callbackData, toast } from './context';

export function campaignText(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.action(/^cf:/, async (ctx) => {
    const id = decodeFullTextCallback(callbackData(ctx));
    const campaign = id ? await ctx.deps.core.store.campaigns.get(id) : undefined;
    if (!campaign || campaign.status === 'cancelled') {
      ctx.log.info('full text refused', { outcome: campaign ? 'cancelled' : 'unknown' });
      return toast(ctx, ctx.t.toastCampaignGone);
    }
    await toast(ctx);
    await ctx.reply(renderFullCampaign(campaign.message, ctx.language), { parse_mode: 'HTML' });
  });
  return bot;
}
