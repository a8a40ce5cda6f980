// A démarche: one participatory process with its public, dated timeline of steps (étapes).
import * as z from 'zod';
import { withField } from '../shared/french-errors';
import { HttpUrl, Instant, ShortId, Slug, Version } from '../shared/schema';
import { MultiLineText, SingleLineText } from '../shared/text';
import { Territory, Theme } from './places';

export const STEP_KINDS = [
  'information',
  'consultation',
  'questionnaire',
  'workshop',
  'event',
  'synthesis',
  'citizen_opinion',
  'decision',
] as const;
export const StepKind = z.enum(STEP_KINDS);

export const Step = z
  .object({
    id: ShortId,
    kind: StepKind,
    title: SingleLineText(200),
    start: Instant,
    end: Instant.optional(),
    link: HttpUrl.optional(),
  })
  .refine((s) => !s.end || s.end >= s.start, {
    path: ['end'],
    error: withField('la fin d’une étape ne peut pas précéder son début'),
    params: { rule: 'step_end_after_start' },
  });
export type Step = z.infer<typeof Step>;

/** What an agent sends to create or replace a démarche. */
export const DemarcheInput = z.object({
  // « nouvelle » names the console's creation page (/console/demarches/nouvelle): a démarche with
  // that slug could never be opened there.
  slug: Slug.refine((slug) => slug !== 'nouvelle', {
    message: '« nouvelle » est réservé par la console : choisissez un autre identifiant',
    params: { rule: 'slug_reserved' },
  }),
  title: SingleLineText(200),
  summary: MultiLineText(2000),
  link: HttpUrl.describe('Page de la démarche sur la plateforme de participation'),
  themes: z.array(Theme).max(10).default([]),
  territories: z.array(Territory).min(1).max(35),
  steps: z.array(Step).max(30).default([]),
});
export type DemarcheInput = z.input<typeof DemarcheInput>;

export const Demarche = DemarcheInput.extend({
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Demarche = z.infer<typeof Demarche>;

/** Steps in timeline order, whatever order the agent typed them in. */
export const sortSteps = (steps: Step[]): Step[] =>
  [...steps].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));

export type StepPhase = 'past' | 'open' | 'upcoming';
export const stepPhase = (step: Step, now: Date): StepPhase => {
  const t = now.toISOString();
  if (t < step.start) return 'upcoming';
  if (step.end ? t <= step.end : t.slice(0, 10) === step.start.slice(0, 10)) return 'open';
  return 'past';
};
