// What the public outputs are built from, read at request time: the questionnaire if its results
// may be seen, its responses and moderation decisions as they are now, its démarche; and the list
// of every questionnaire whose results are public (the open-data index).
import type { CoreContext } from '../context';
import type { Demarche } from '../demarches/demarche';
import type { ModerationDecision } from '../moderation/decision';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { Response } from '../questionnaires/response';
import { allResponses } from '../questionnaires/use-cases';
import { ShortId } from '../shared/schema';
import { type Dataset, type DatasetContext, describeDataset } from './open-data';
import { resultsVisibility } from './visibility';

export type PublicSource =
  /** Public after close, not closed yet: the page says when; nothing else is shown. */
  | { kind: 'not_yet'; questionnaire: Questionnaire; from: string }
  | {
      kind: 'visible';
      questionnaire: Questionnaire;
      /** Every response: the builders keep only `publicResponses`. */
      responses: Response[];
      decisions: ModerationDecision[];
      demarche?: Demarche;
    };

/** Undefined for an unknown id and for a private questionnaire alike: neither may be told apart. */
export async function loadPublicSource(ctx: CoreContext, id: string): Promise<PublicSource | undefined> {
  if (!ShortId.safeParse(id).success) return undefined;
  const questionnaire = await ctx.store.questionnaires.get(id);
  if (!questionnaire) return undefined;
  const visibility = resultsVisibility(questionnaire, ctx.clock.now());
  if (!visibility.visible)
    return visibility.reason === 'private' ? undefined : { kind: 'not_yet', questionnaire, from: visibility.from };
  const [responses, decisions, demarche] = await Promise.all([
    allResponses(ctx, questionnaire.id),
    ctx.store.moderation.listByQuestionnaire(questionnaire.id),
    questionnaire.demarcheSlug ? ctx.store.demarches.get(questionnaire.demarcheSlug) : undefined,
  ]);
  return { kind: 'visible', questionnaire, responses, decisions, ...(demarche ? { demarche } : {}) };
}

/** Every questionnaire whose results are public now, newest first, described as a dataset. */
export async function listPublicDatasets(ctx: CoreContext, context: DatasetContext): Promise<Dataset[]> {
  const now = ctx.clock.now();
  const visible: Questionnaire[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.questionnaires.list({ limit: 100, cursor });
    visible.push(...page.items.filter((q) => resultsVisibility(q, now).visible));
    cursor = page.next;
  } while (cursor);
  return Promise.all(
    visible.map(async (q) => describeDataset(q, await ctx.store.moderation.listByQuestionnaire(q.id), now, context)),
  );
}
