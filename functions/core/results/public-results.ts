// A questionnaire's public results: the one document the results page, `resultats.json`, the
// open-data index and the Telegram messages are made from. Built at request time from the
// responses given under a public promise and the moderation decisions as they are now, so a text
// rejected (or changed) since never survives in any output.
import * as z from 'zod';
import type { CoreContext } from '../context';
import type { Demarche } from '../demarches/demarche';
import { type ModerationDecision, publicTexts } from '../moderation/decision';
import { type Questionnaire, questionnairePhase } from '../questionnaires/questionnaire';
import type { Response } from '../questionnaires/response';
import { type DatasetContext, Dataset, LICENCES, type OpenDataSettings, describeDataset } from './open-data';
import {
  CrossTabulation,
  PublicQuestion,
  countedResponses,
  crossTabulation,
  publicQuestions,
} from './public-questions';
import { loadPublicSource } from './public-source';
import { publicResponses } from './visibility';

export const PublicResults = z
  .object({
    questionnaireId: z.string().describe('Identifiant stable du questionnaire'),
    title: z.string().describe('Titre du questionnaire'),
    intro: z.string().optional().describe('Présentation du questionnaire'),
    phase: z.enum(['open', 'closed']).describe('« open » : les réponses arrivent encore ; « closed » : clos'),
    opensAt: z.string().describe('Ouverture (ISO 8601, UTC)'),
    closesAt: z.string().describe('Clôture (ISO 8601, UTC)'),
    demarche: z
      .object({ slug: z.string(), title: z.string(), link: z.string().describe('Page de la démarche') })
      .optional()
      .describe('La démarche de participation dont fait partie le questionnaire'),
    respondents: z.number().int().min(0).describe('Personnes ayant répondu à au moins une question'),
    complete: z
      .number()
      .int()
      .min(0)
      .describe('Personnes ayant répondu à toutes les questions qui leur ont été posées (selon leurs réponses)'),
    questions: z.array(PublicQuestion).describe('Résultats question par question'),
    breakdown: CrossTabulation.optional(),
    nextSteps: z.string().describe('« Et après ? » : ce que deviennent les réponses'),
    nextStep: z
      .object({ title: z.string(), date: z.string().describe('Début de l’étape (ISO 8601, UTC)') })
      .optional()
      .describe('Prochaine étape de la démarche'),
    smallGroupThreshold: z
      .number()
      .int()
      .describe('Seuil sous lequel un effectif de tableau croisé ou de groupe de réponses libres est masqué'),
    extractedAt: z.string().describe('Date d’extraction de ces résultats (ISO 8601, UTC)'),
    dataset: Dataset,
  })
  .describe(
    'Résultats publics d’un questionnaire de participation citoyenne. Ne comptent que les réponses données sous la promesse de résultats publics ; les réponses libres ne figurent qu’approuvées par un agent.',
  );
export type PublicResults = z.infer<typeof PublicResults>;

export interface PublicResultsOptions extends Partial<DatasetContext> {
  threshold: number;
  now: Date;
  demarche?: Demarche;
}

// Characters a reader cannot see (controls, bidirectional overrides) could hide or reorder a text in
// the page, the JSON or a spreadsheet: each becomes U+FFFD, visibly. Line breaks stay.
const INVISIBLE = /[\t\r]|(?![\n])\p{Cc}|[\u202a-\u202e\u2066-\u2069]/gu;
export const visibleText = (text: string) =>
  text.replace(INVISIBLE, (c) => (c === '\t' || c === '\r' ? ' ' : '\uFFFD'));

const nextStepOf = (demarche: Demarche | undefined, now: Date) => {
  const t = now.toISOString();
  const step = demarche?.steps.filter((s) => s.start > t).sort((a, b) => a.start.localeCompare(b.start))[0];
  return step ? { title: step.title, date: step.start } : undefined;
};

export function buildPublicResults(
  questionnaire: Questionnaire,
  responses: readonly Response[],
  decisions: readonly ModerationDecision[],
  options: PublicResultsOptions,
): PublicResults {
  const { threshold, now, demarche } = options;
  const counted = publicResponses(questionnaire, responses);
  // A written answer to a question the respondent was no longer shown is not published either.
  const texts = publicTexts(questionnaire.questions, countedResponses(questionnaire, counted), decisions).map((t) => ({
    ...t,
    text: visibleText(t.text),
  }));
  const breakdown = crossTabulation(questionnaire, counted, threshold);
  const nextStep = nextStepOf(demarche, now);
  return {
    questionnaireId: questionnaire.id,
    title: questionnaire.title,
    ...(questionnaire.intro ? { intro: questionnaire.intro } : {}),
    phase: questionnairePhase(questionnaire, now) === 'closed' ? 'closed' : 'open',
    opensAt: questionnaire.opensAt,
    closesAt: questionnaire.closesAt,
    ...(demarche ? { demarche: { slug: demarche.slug, title: demarche.title, link: demarche.link } } : {}),
    respondents: counted.length,
    complete: counted.filter((r) => r.complete).length,
    questions: publicQuestions(questionnaire, counted, texts, threshold),
    ...(breakdown ? { breakdown } : {}),
    nextSteps: questionnaire.nextSteps,
    ...(nextStep ? { nextStep } : {}),
    smallGroupThreshold: threshold,
    extractedAt: now.toISOString(),
    dataset: describeDataset(questionnaire, decisions, now, {
      licence: options.licence ?? LICENCES['etalab-2.0'],
      publisher: options.publisher ?? '',
      publicUrl: options.publicUrl,
    }),
  };
}

/** The deployment's settings, and the base URL that makes the dataset's links absolute. */
export type PublicResultsSettings = OpenDataSettings & { publicUrl?: string };

/**
 * The public results of questionnaire `id` now; undefined when it is unknown, private, or not public
 * yet: the public routes answer the same 404 for all of them (a private one does not leak).
 */
export async function readPublicResults(
  ctx: CoreContext,
  id: string,
  settings: PublicResultsSettings,
): Promise<PublicResults | undefined> {
  const source = await loadPublicSource(ctx, id);
  if (source?.kind !== 'visible') return undefined;
  return buildPublicResults(source.questionnaire, source.responses, source.decisions, {
    threshold: settings.smallGroupThreshold,
    now: ctx.clock.now(),
    demarche: source.demarche,
    licence: settings.licence,
    publisher: settings.publisher,
    publicUrl: settings.publicUrl,
  });
}
