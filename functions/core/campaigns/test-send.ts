// « Envoyer un test »: the campaign as subscribers will get it in Telegram (French, with its
// questionnaire's first question while it is open, as the send engine renders it), sent to the
// acting agent's own linked chat, its title marked « [TEST] ». A test is not a delivery: no
// ledger line, no count anywhere; only the audit trail records it (`campaign.test`).
import type { Actor } from '../context';
import { refuseBootstrapAdmin } from '../agents/use-cases';
import { recordChange } from '../audit/record';
import { type TelegramSender, isTelegramNotConfigured } from '../delivery/ports';
import { questionnairePhase } from '../questionnaires/questionnaire';
import { conflict } from '../shared/errors';
import type { Campaign } from './campaign';
import { type CampaignDeps, getCampaign } from './use-cases';

export interface CampaignTestDeps extends CampaignDeps {
  /** Absent where the runtime has no bot token (the admin API Lambda, unless given the Telegram secret). */
  telegram?: TelegramSender;
}

export interface CampaignTestResult {
  campaignId: string;
  sentAt: string;
  /** Whether the message carried the questionnaire's first question (open at the time of the test). */
  withQuestion: boolean;
}

export const TEST_TITLE_PREFIX = '[TEST] ';

const NOT_LINKED =
  'votre chat Telegram n’est pas lié à votre compte d’agent : demandez un code dans la console ' +
  '(« Mon compte », « Lier mon chat Telegram »), puis envoyez au bot la commande qu’elle affiche, par exemple « /lier ABCD2345 »';

export async function sendCampaignTest(
  deps: CampaignTestDeps,
  actor: Actor,
  campaignId: string,
): Promise<CampaignTestResult> {
  refuseBootstrapAdmin(actor.agentId, 'il n’a pas de chat Telegram où recevoir un test');
  if (!deps.telegram) throw telegramUnconfigured();
  const campaign = await getCampaign(deps, campaignId);
  const agent = await deps.store.agents.get(actor.agentId);
  if (agent?.telegramChatId === undefined) throw conflict(NOT_LINKED, 'telegram_not_linked');

  const now = deps.clock.now();
  const asked = await openQuestionnaireOf(deps, campaign, now);
  const marked = { ...campaign, message: { ...campaign.message, title: TEST_TITLE_PREFIX + campaign.message.title } };
  // On AWS the sender follows the Telegram secret: it says when no bot token is written yet.
  const result = await deps.telegram
    .send(agent.telegramChatId, deps.telegramFormat.render(marked, 'fr', asked))
    .catch((error: unknown) => {
      throw isTelegramNotConfigured(error) ? telegramUnconfigured() : error;
    });
  if (result.status === 'blocked')
    throw conflict(
      'le test n’a pas pu être envoyé : votre chat Telegram a bloqué le bot. Débloquez-le (ou envoyez /start au bot), puis recommencez',
      'telegram_chat_blocked',
    );
  if (result.status !== 'sent')
    throw conflict(
      `le test n’a pas pu être envoyé par Telegram (${result.error}) : réessayez dans un instant`,
      'telegram_test_sent',
    );
  await recordChange(deps, actor, 'campaign.test', { type: 'campaign', id: campaign.id }, undefined, undefined);
  return { campaignId: campaign.id, sentAt: now.toISOString(), withQuestion: asked !== undefined };
}

const telegramUnconfigured = () =>
  conflict('Telegram non configuré : ce service n’a pas de jeton de bot pour envoyer un test', 'telegram_configured');

/** The send engine's rule (delivery/telegram-job.ts): a closed questionnaire's buttons would only earn a refusal. */
async function openQuestionnaireOf(deps: CampaignDeps, campaign: Campaign, now: Date) {
  if (!campaign.questionnaireId) return undefined;
  const questionnaire = await deps.store.questionnaires.get(campaign.questionnaireId);
  return questionnaire && questionnairePhase(questionnaire, now) === 'open' ? questionnaire : undefined;
}
