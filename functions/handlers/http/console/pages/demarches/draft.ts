// A démarche as its form holds it: every value a string, as typed, so a refused form is given back
// exactly. It converts from a stored démarche, from a submitted form, and to the use case's input.
import { type Demarche, type DemarcheInput, announcementPolicyOf } from '#core/demarches/demarche';
import type { IdGenerator } from '#core/shared/ports';
import { type FormValues, valueOf, valuesOf } from '../../ui/forms';
import { toDateTimeLocal } from '../../ui/format';

export interface StepDraft {
  /** Empty for a step not saved yet: it gets its id when the form is sent. */
  id: string;
  kind: string;
  title: string;
  start: string;
  end: string;
  link: string;
  /** The questionnaire of a participation step (« Plus que 2 jours » skips who answered it); empty for none. */
  questionnaireId: string;
  cancelled: boolean;
}

export interface DemarcheDraft {
  slug: string;
  title: string;
  summary: string;
  link: string;
  themes: string[];
  territories: string[];
  steps: StepDraft[];
  /** `review` or `auto`: what the timeline's announcements become. */
  announcementPolicy: string;
}

/** Empty rows the form offers below the steps: adding a step needs no script. */
export const EMPTY_STEP_ROWS = 2;
export const emptyStep = (): StepDraft => ({
  id: '',
  kind: '',
  title: '',
  start: '',
  end: '',
  link: '',
  questionnaireId: '',
  cancelled: false,
});

export const emptyDemarche = (): DemarcheDraft => ({
  slug: '',
  title: '',
  summary: '',
  link: '',
  themes: [],
  territories: [],
  steps: [],
  announcementPolicy: 'review',
});

export const draftOf = (demarche: Demarche): DemarcheDraft => ({
  slug: demarche.slug,
  title: demarche.title,
  summary: demarche.summary,
  link: demarche.link,
  themes: [...demarche.themes],
  territories: [...demarche.territories],
  steps: demarche.steps.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: s.title,
    start: toDateTimeLocal(s.start),
    end: toDateTimeLocal(s.end),
    link: s.link ?? '',
    questionnaireId: s.questionnaireId ?? '',
    cancelled: s.cancelled === true,
  })),
  announcementPolicy: announcementPolicyOf(demarche),
});

const isEmptyStep = (s: StepDraft) =>
  !s.kind && !s.title.trim() && !s.start && !s.end && !s.link.trim() && !s.questionnaireId;

/** The rows `steps.N.*` of a form, in their order; the rows marked « Retirer » and the empty ones are dropped. */
function stepsOf(values: FormValues): StepDraft[] {
  const rows = new Set<number>();
  for (const name of Object.keys(values)) {
    const match = /^steps\.(\d{1,2})\./.exec(name);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows]
    .sort((a, b) => a - b)
    .filter((i) => !valueOf(values, `steps.${i}.remove`))
    .map((i) => {
      const field = (name: keyof StepDraft) => valueOf(values, `steps.${i}.${name}`);
      return {
        id: field('id'),
        kind: field('kind'),
        title: field('title'),
        start: field('start'),
        end: field('end'),
        link: field('link'),
        questionnaireId: field('questionnaireId'),
        cancelled: field('cancelled') === '1',
      };
    })
    .filter((s) => !isEmptyStep(s));
}

export const draftFromForm = (values: FormValues): DemarcheDraft => ({
  slug: valueOf(values, 'slug').trim(),
  title: valueOf(values, 'title'),
  summary: valueOf(values, 'summary'),
  link: valueOf(values, 'link').trim(),
  themes: valuesOf(values, 'themes'),
  territories: valuesOf(values, 'territories'),
  steps: stepsOf(values),
  announcementPolicy: valueOf(values, 'announcementPolicy'),
});

/**
 * The use case's input: the rows in the order shown, so a violation's `steps.N` is row N of the
 * form given back. A new step gets its id here, once; optional fields left empty are absent.
 */
export function inputOf(draft: DemarcheDraft, ids: IdGenerator): DemarcheInput {
  for (const step of draft.steps) step.id ||= ids.next();
  return {
    slug: draft.slug,
    title: draft.title,
    summary: draft.summary,
    link: draft.link,
    themes: draft.themes as DemarcheInput['themes'],
    territories: draft.territories,
    steps: draft.steps.map((s) => ({
      id: s.id,
      kind: s.kind as NonNullable<DemarcheInput['steps']>[number]['kind'],
      title: s.title,
      start: s.start,
      end: s.end || undefined,
      link: s.link.trim() || undefined,
      questionnaireId: s.questionnaireId || undefined,
      cancelled: s.cancelled || undefined,
    })),
    announcementPolicy: (draft.announcementPolicy || undefined) as DemarcheInput['announcementPolicy'],
  };
}
