// Starting a démarche's évaluation in one act: the questionnaire from the template, and a draft
// campaign carrying its first question to those who took part (or, if nobody answered anything,
// to the démarche's followers), for the agent to review and schedule.
import type { Actor, CoreContext } from '../context';
import type { Audience, Campaign } from '../campaigns/campaign';
import { countRecipients } from '../campaigns/preview';
import { type CampaignDeps, createCampaign } from '../campaigns/use-cases';
import type { Demarche } from '../demarches/demarche';
import { getDemarche } from '../demarches/use-cases';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { createQuestionnaire } from '../questionnaires/use-cases';
import { conflict, invalid } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import * as z from 'zod';
import { Instant } from '../shared/schema';
import { allQuestionnaires, evaluationOf } from './proposals';
import { evaluationTemplate } from './template';

/** The respondents audience names at most 20 questionnaires: the latest ones to close are kept. */
const MAX_AUDIENCE_QUESTIONNAIRES = 20;
/** A draft is sent an hour after the questionnaire opens (or after now): time to review it. */
const SEND_DELAY_MS = 3600 * 1000;

const EvaluationDates = z.object({ opensAt: Instant, closesAt: Instant });

export interface EvaluationAudience {
  audience: Audience;
  /** `followers` when nobody answered any of the démarche's questionnaires. */
  source: 'respondents' | 'followers';
  /** The démarche's questionnaires whose respondents are addressed. */
  questionnaires: Questionnaire[];
  /** Active subscribers in the audience, counted now. */
  recipients: number;
}

async function hasResponses(ctx: CoreContext, questionnaireId: string) {
  const page = await ctx.store.responses.listByQuestionnaire(questionnaireId, { limit: 1 });
  return page.items.length > 0;
}

/** Who the évaluation goes to: those who answered the démarche's questionnaires, else its followers. */
export async function evaluationAudience(ctx: CoreContext, slug: string): Promise<EvaluationAudience> {
  const own = (await allQuestionnaires(ctx)).filter((q) => q.demarcheSlug === slug && !q.evaluationOf);
  const answered: Questionnaire[] = [];
  for (const q of own) if (await hasResponses(ctx, q.id)) answered.push(q);
  const kept = answered.sort((a, b) => b.closesAt.localeCompare(a.closesAt)).slice(0, MAX_AUDIENCE_QUESTIONNAIRES);
  const audience: Audience =
    kept.length > 0
      ? { kind: 'respondents', questionnaires: kept.map((q) => q.id) }
      : { kind: 'followers', demarches: [slug], themes: [], territories: [] };
  const recipients = await countRecipients(ctx, { audience });
  return { audience, source: kept.length > 0 ? 'respondents' : 'followers', questionnaires: kept, recipients };
}

function invitation(demarche: Demarche, source: EvaluationAudience['source']) {
  const who = source === 'respondents' ? 'Vous avez participé à' : 'Vous suivez';
  return {
    title: `Votre avis sur la démarche « ${demarche.title} »`.slice(0, 200),
    text:
      `${who} la démarche « ${demarche.title} ». Elle arrive à sa dernière étape : qu’en avez-vous pensé ? ` +
      'Quatre questions, une minute ; la première est juste en dessous. Vos réponses aident l’équipe à mieux faire la prochaine fois.',
    link: demarche.link,
  };
}

export interface StartedEvaluation {
  questionnaire: Questionnaire;
  campaign: Campaign;
  source: EvaluationAudience['source'];
}

/**
 * Creates the évaluation questionnaire (dates as the agent set them, template's otherwise) and its
 * draft campaign. One évaluation per démarche: a second one is refused, so a double click makes one.
 */
export async function startEvaluation(
  ctx: CampaignDeps,
  actor: Actor,
  slug: string,
  dates: { opensAt?: string; closesAt?: string } = {},
): Promise<StartedEvaluation> {
  const demarche = await getDemarche(ctx, slug);
  if (evaluationOf(await allQuestionnaires(ctx), slug))
    throw conflict(
      `la démarche « ${demarche.title} » a déjà son questionnaire d’évaluation`,
      'one_evaluation_per_demarche',
    );
  const now = ctx.clock.now();
  const template = evaluationTemplate(demarche, now);
  const { opensAt, closesAt } = parseOrThrow(
    EvaluationDates,
    { opensAt: dates.opensAt || template.opensAt, closesAt: dates.closesAt || template.closesAt },
    'les dates',
  );
  const sendAt = new Date(Math.max(now.getTime(), Date.parse(opensAt)) + SEND_DELAY_MS).toISOString();
  // Checked before anything is written: the campaign would be refused after the questionnaire exists.
  if (closesAt <= sendAt)
    throw invalid(
      'closesAt',
      'evaluation_open_after_send',
      'la clôture doit laisser le temps de répondre : au moins une heure après l’ouverture et après maintenant',
    );
  const { audience, source } = await evaluationAudience(ctx, slug);
  const questionnaire = await createQuestionnaire(ctx, actor, { ...template, opensAt, closesAt });
  const campaign = await createCampaign(ctx, actor, {
    message: invitation(demarche, source),
    channels: ['telegram'],
    audience,
    sendAt,
    questionnaireId: questionnaire.id,
    demarcheSlug: slug,
  });
  return { questionnaire, campaign, source };
}
