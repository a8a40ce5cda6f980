// What the compose form offers to choose from: the démarches, the questionnaires still to be
// answered (and every questionnaire, for the audience of those who answered), the themes and the
// places of the catalog.
import { listDemarches } from '#core/demarches/use-cases';
import { COMMUNES, QUARTIERS_DE_NANTES, THEMES } from '#core/demarches/places';
import { listQuestionnaires } from '#core/questionnaires/use-cases';
import { questionnairePhase } from '#core/questionnaires/questionnaire';
import type { Page } from '#core/store';
import type { HttpDeps } from '../../../deps';
import type { Option } from '../../ui/forms';

/** Every item of a paged list, up to a bound no city's catalog reaches. */
async function all<T>(list: (cursor?: string) => Promise<Page<T>>, max = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < max);
  return items;
}

export interface ComposeChoices {
  demarches: Option[];
  questionnaires: Option[];
  /** Every questionnaire, closed ones first among them: the « respondents » audience names those already answered. */
  answered: Option[];
  /** The questions an X poll can ask (single choice, yes/no), by questionnaire; value `<questionnaire>/<question>`. */
  pollQuestions: { label: string; options: Option[] }[];
}

/** The démarches by title; the questionnaires open or upcoming (and the one already chosen, whatever its phase). */
export async function loadChoices(deps: HttpDeps, chosenQuestionnaire?: string): Promise<ComposeChoices> {
  const now = deps.clock.now();
  const [demarches, questionnaires] = await Promise.all([
    all((cursor) => listDemarches(deps, { limit: 100, cursor })),
    all((cursor) => listQuestionnaires(deps, { limit: 100, cursor })),
  ]);
  const PHASES = { open: 'ouvert', upcoming: 'à venir', closed: 'clos' } as const;
  return {
    demarches: demarches
      .map((d) => ({ value: d.slug, label: d.title }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    questionnaires: questionnaires
      .filter((q) => questionnairePhase(q, now) !== 'closed' || q.id === chosenQuestionnaire)
      .map((q) => ({ value: q.id, label: `${q.title} (${PHASES[questionnairePhase(q, now)]})` })),
    answered: questionnaires.map((q) => ({ value: q.id, label: `${q.title} (${PHASES[questionnairePhase(q, now)]})` })),
    pollQuestions: questionnaires
      .filter((q) => questionnairePhase(q, now) !== 'closed' || q.id === chosenQuestionnaire)
      .map((q) => ({
        label: q.title,
        options: q.questions
          // A conditional question is no X poll (core/campaigns/x-poll.ts): not offered.
          .filter((question) => (question.kind === 'single_choice' || question.kind === 'yes_no') && !question.showIf)
          .map((question) => ({ value: `${q.id}/${question.id}`, label: question.prompt })),
      }))
      .filter((group) => group.options.length > 0),
  };
}

export const THEME_OPTIONS: Option[] = Object.entries(THEMES).map(([value, label]) => ({ value, label }));

export const TERRITORY_OPTIONS: Option[] = [
  ...Object.entries(COMMUNES).map(([value, label]) => ({ value, label })),
  ...Object.entries(QUARTIERS_DE_NANTES).map(([value, label]) => ({ value, label: `Nantes, quartier ${label}` })),
];
