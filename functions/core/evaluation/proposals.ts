// Which démarches are due an évaluation: their last step (in timeline order) has started and no
// évaluation questionnaire exists for them yet. Read on the console's home and démarche pages.
import type { CoreContext } from '../context';
import { type Demarche, type Step, sortSteps } from '../demarches/demarche';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { ListOptions, Page } from '../store';

async function readAll<T>(list: (options: ListOptions) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, cursor });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items;
}

export const allDemarches = (ctx: CoreContext) => readAll((o) => ctx.store.demarches.list(o));
export const allQuestionnaires = (ctx: CoreContext) => readAll((o) => ctx.store.questionnaires.list(o));

/** The last step of the timeline once it has started; `undefined` before, or without steps. */
export function lastStepReached(demarche: Pick<Demarche, 'steps'>, now: Date): Step | undefined {
  const last = sortSteps(demarche.steps).at(-1);
  return last && last.start <= now.toISOString() ? last : undefined;
}

export interface EvaluationProposal {
  demarche: Demarche;
  lastStep: Step;
}

/** Démarches whose last step is reached and that have no évaluation questionnaire yet, last step first. */
export async function evaluationProposals(ctx: CoreContext, now: Date): Promise<EvaluationProposal[]> {
  const [demarches, questionnaires] = await Promise.all([allDemarches(ctx), allQuestionnaires(ctx)]);
  const evaluated = new Set(questionnaires.map((q) => q.evaluationOf).filter(Boolean));
  return demarches
    .filter((d) => !evaluated.has(d.slug))
    .flatMap((demarche) => {
      const lastStep = lastStepReached(demarche, now);
      return lastStep ? [{ demarche, lastStep }] : [];
    })
    .sort((a, b) => b.lastStep.start.localeCompare(a.lastStep.start));
}

/** The évaluation questionnaire of a démarche, if one was created (the latest, should there be several). */
export function evaluationOf(questionnaires: readonly Questionnaire[], slug: string): Questionnaire | undefined {
  return questionnaires
    .filter((q) => q.evaluationOf === slug)
    .sort((a, b) => b.opensAt.localeCompare(a.opensAt))
    .at(0);
}
