// What an agent sees before scheduling: the message as each channel will show it, the X count
// and cost with the month's X budget, and how many subscribers it will reach today.
import * as z from 'zod';
import type { CoreContext } from '../context';
import { audienceMatcher } from './audience';
import type { Campaign } from './campaign';
import type { CampaignDeps } from './use-cases';
import { XMonthBudget, parisMonthOf, xMonthBudget } from './x-budget';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost, estimateXCost } from './x-post';
import { xPostRequestOf } from './x-publisher';

/** The preview's shape: one part per chosen channel. Typed from this schema, documented from it too. */
export const CampaignPreview = z.object({
  telegram: z
    .object({
      html: z.string().describe('Le message tel que Telegram l’affichera (HTML de Telegram)'),
      length: z.number().int().describe('Longueur visible, en caractères'),
      limit: z.number().int().describe('Limite de Telegram : 4 096 (texte) ou 1 024 (légende d’image)'),
      recipients: z.number().int().describe('Abonnés actifs de l’audience, comptés maintenant'),
      paidBroadcastStars: z
        .number()
        .optional()
        .describe(
          'Diffusion payante choisie (paidBroadcast) : son coût au plus, en Telegram Stars (0,1 Star par message, débité du solde du bot)',
        ),
    })
    .optional(),
  x: z
    .object({
      text: z.string(),
      weightedLength: z.number().int().describe('Longueur pondérée de X (une URL compte 23)'),
      limit: z.number().int(),
      costUsd: z.number().describe('Coût estimé de la publication, en dollars US'),
      poll: z
        .object({ options: z.array(z.string()), durationMinutes: z.number().int() })
        .optional()
        .describe('Le sondage X joint (question du questionnaire)'),
      budget: XMonthBudget.describe(
        'Le budget X du mois d’envoi (heure de Paris), sans compter cette campagne : ce qui est dépensé et programmé',
      ),
    })
    .optional(),
  feeds: z.object({ title: z.string(), text: z.string(), link: z.string() }).optional(),
});
export type CampaignPreview = z.infer<typeof CampaignPreview>;

/** Telegram's price of a message sent with allow_paid_broadcast (Bot API, sendMessage): 0.1 Star. */
const STARS_PER_PAID_MESSAGE = 0.1;

/** What a paid broadcast to `recipients` costs at most, in Telegram Stars (to one decimal: 0.1 × recipients). */
export const paidBroadcastStars = (recipients: number) => Math.round(recipients * STARS_PER_PAID_MESSAGE * 10) / 10;

export async function countRecipients(ctx: CoreContext, campaign: Pick<Campaign, 'audience'>): Promise<number> {
  const inAudience = await audienceMatcher(ctx, campaign.audience);
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.store.subscribers.listActive({ limit: 100, cursor });
    count += page.items.filter(inAudience).length;
    cursor = page.next;
  } while (cursor);
  return count;
}

export async function previewCampaign(ctx: CampaignDeps, campaign: Campaign): Promise<CampaignPreview> {
  const preview: CampaignPreview = {};
  if (campaign.channels.includes('telegram')) {
    // As a French-speaking subscriber reads it (French first), without the questionnaire's question.
    const { html, length, limit } = ctx.telegramFormat.render(campaign, 'fr');
    const recipients = await countRecipients(ctx, campaign);
    preview.telegram = {
      html,
      length,
      limit,
      recipients,
      ...(campaign.paidBroadcast ? { paidBroadcastStars: paidBroadcastStars(recipients) } : {}),
    };
  }
  if (campaign.channels.includes('x')) {
    // What the send path will post: decided at the campaign's last write.
    const { text, poll } = xPostRequestOf(campaign);
    preview.x = {
      text,
      weightedLength: checkXPost(text).weightedLength,
      limit: X_POST_MAX_WEIGHTED_LENGTH,
      costUsd: estimateXCost(text).usd,
      ...(poll ? { poll } : {}),
      budget: await xMonthBudget(ctx, ctx.xMonthlyBudgetUsd, parisMonthOf(campaign.sendAt), campaign.id),
    };
  }
  if (campaign.channels.includes('feeds'))
    preview.feeds = { title: campaign.message.title, text: campaign.message.text, link: campaign.message.link };
  return preview;
}
