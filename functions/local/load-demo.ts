// Loads the demo data into a new store, once: a restart finds the Grand débat and loads nothing.
import { type CampaignDeps, createCampaign } from '#core/campaigns/use-cases';
import { createDemarche } from '#core/demarches/use-cases';
import { publishFeedItem } from '#core/feeds/publish';
import { textHash } from '#core/moderation/decision';
import { isComplete } from '#core/questionnaires/response';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type DemoData, LONGEVITE, demoData } from './demo-data';

const DEMO_ACTOR = { agentId: 'demo', name: 'Données de démonstration' };

/** Returns false when the demo data was already there. */
export async function loadDemoDataOnce(ctx: CampaignDeps): Promise<boolean> {
  if (await ctx.store.demarches.get(LONGEVITE)) return false;
  const data = demoData(ctx.clock.now());
  for (const demarche of data.demarches) await createDemarche(ctx, DEMO_ACTOR, demarche);
  const questionnaireIds = new Map<string, string>();
  const questionnaires = [];
  for (const input of data.questionnaires) {
    const questionnaire = await createQuestionnaire(ctx, DEMO_ACTOR, input);
    questionnaireIds.set(questionnaire.title, questionnaire.id);
    questionnaires.push(questionnaire);
  }
  await loadDemoAnswers(ctx, data, questionnaires);
  for (const item of data.feedItems) await publishFeedItem(ctx, item);
  for (const { questionnaireTitle, ...input } of data.campaigns)
    await createCampaign(ctx, DEMO_ACTOR, {
      ...input,
      questionnaireId: questionnaireTitle ? questionnaireIds.get(questionnaireTitle) : undefined,
    });
  return true;
}

/** The demo answers, and the moderation of their texts: the public results page shows the approved one only. */
async function loadDemoAnswers(ctx: CampaignDeps, data: DemoData, questionnaires: Questionnaire[]) {
  for (const { questionnaireTitle, subscriberId, answers, at } of data.responses) {
    const questionnaire = questionnaires.find((q) => q.title === questionnaireTitle)!;
    await ctx.store.responses.save(
      {
        questionnaireId: questionnaire.id,
        subscriberId,
        answers,
        complete: isComplete(questionnaire, answers),
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
      undefined,
    );
    for (const question of questionnaire.questions.filter((q) => q.kind === 'short_text')) {
      const text = answers[question.id];
      const approved = data.approvedTexts.find((t) => t.text === text);
      if (typeof text !== 'string' || !approved) continue;
      await ctx.store.moderation.save(
        {
          questionnaireId: questionnaire.id,
          questionId: question.id,
          textHash: textHash(text),
          status: 'approved',
          redactions: [],
          ...(approved.category ? { category: approved.category } : {}),
          decidedBy: DEMO_ACTOR,
          decidedAt: ctx.clock.now().toISOString(),
          version: 1,
        },
        undefined,
      );
    }
  }
}
