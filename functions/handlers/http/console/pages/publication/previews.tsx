// The three things a publication creates, shown as the campaign previews show a campaign: the
// Telegram bubble of « Voici ce que vous avez dit » (unless one was already created), the X draft
// with its weighted count and cost, and the feed item; with the recipients counted now.
import type { FC } from 'hono/jsx';
import { renderCampaignMessage } from '#adapters/telegram/campaign-message';
import { checkXPost, estimateXCost } from '#core/campaigns/x-post';
import type { PublicationPlan } from '#core/restitution/plan';
import { type PreviewData, Previews } from '../campaigns/previews';

export function publicationPreview(plan: PublicationPlan): PreviewData {
  // Sent to the respondents: whole, as the delivery path renders a respondents' campaign.
  const audience = { kind: 'respondents' as const, questionnaires: [plan.questionnaire.id] };
  const message = renderCampaignMessage({ message: plan.restitution, audience }, 'fr');
  const { weightedLength, valid } = checkXPost(plan.xText);
  const cost = estimateXCost(plan.xText);
  return {
    recipients: plan.recipients,
    telegram: plan.questionnaire.restitution
      ? undefined
      : { html: message.html, length: message.length, limit: message.limit, keyboard: [] },
    x: { text: plan.xText, weightedLength, valid, costUsd: cost.usd, hasUrl: cost.hasUrl },
    feeds: plan.feedItem,
  };
}

export const PublicationPreviews: FC<{ plan: PublicationPlan }> = ({ plan }) => (
  <Previews preview={publicationPreview(plan)} />
);
