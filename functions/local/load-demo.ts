// Loads the demo data into a new store, once: a restart finds the Grand débat and loads nothing.
import { type CampaignDeps, createCampaign } from '#core/campaigns/use-cases';
import { createDemarche } from '#core/demarches/use-cases';
import { publishFeedItem } from '#core/feeds/publish';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { LONGEVITE, demoData } from './demo-data';

const DEMO_ACTOR = { agentId: 'demo', name: 'Données de démonstration' };

/** Returns false when the demo data was already there. */
export async function loadDemoDataOnce(ctx: CampaignDeps): Promise<boolean> {
  if (await ctx.store.demarches.get(LONGEVITE)) return false;
  const data = demoData(ctx.clock.now());
  for (const demarche of data.demarches) await createDemarche(ctx, DEMO_ACTOR, demarche);
  const questionnaireIds = new Map<string, string>();
  for (const input of data.questionnaires) {
    const questionnaire = await createQuestionnaire(ctx, DEMO_ACTOR, input);
    questionnaireIds.set(questionnaire.title, questionnaire.id);
  }
  for (const item of data.feedItems) await publishFeedItem(ctx, item);
  for (const { questionnaireTitle, ...input } of data.campaigns)
    await createCampaign(ctx, DEMO_ACTOR, {
      ...input,
      questionnaireId: questionnaireTitle ? questionnaireIds.get(questionnaireTitle) : undefined,
    });
  return true;
}
