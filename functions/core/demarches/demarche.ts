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

/** The French name of each kind of step, wherever people read it (console, calendars). */
export const STEP_KIND_LABELS: Record<(typeof STEP_KINDS)[number], string> = {
  information: 'Information',
  consultation: 'Consultation',
  questionnaire: 'Questionnaire',
  workshop: 'Atelier',
  event: 'Événement',
  synthesis: 'Synthèse',
  citizen_opinion: 'Avis citoyen',
  decision: 'Décision',
};

export const ANNOUNCEMENT_POLICIES = ['review', 'auto'] as const;
export const AnnouncementPolicy = z
  .enum(ANNOUNCEMENT_POLICIES)
  .describe('Annonces du calendrier : « review » = brouillons à approuver, « auto » = programmées sans intervention');
export type AnnouncementPolicy = z.infer<typeof AnnouncementPolicy>;

export const Step = z
  .object({
    id: ShortId,
    kind: StepKind,
    title: SingleLineText(200),
    start: Instant,
    end: Instant.optional(),
    link: HttpUrl.optional(),
    /** The questionnaire a participation step collects answers with: « Plus que 2 jours » skips those who answered. */
    questionnaireId: ShortId.optional().describe(
      'Questionnaire de l’étape : le rappel « Plus que 2 jours » n’est pas envoyé sur Telegram à qui y a répondu',
    ),
    /** Kept in the timeline (calendars show it cancelled); its pending announcements are cancelled. */
    cancelled: z
      .boolean()
      .optional()
      .describe('Étape annulée : elle reste affichée, ses annonces à venir sont annulées'),
    // Managed by Porte-voix (whatever an agent sends is replaced, see reviseSteps): calendars raise
    // an event's SEQUENCE each time its step changes.
    sequence: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Géré par Porte-voix : révision de l’étape (SEQUENCE iCalendar)'),
    revisedAt: Instant.optional().describe('Géré par Porte-voix : dernière modification de l’étape'),
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
  /**
   * What the timeline's announcements become: `review` (the default) drafts an agent approves,
   * `auto` campaigns scheduled without a hand. Imported entries of the démarche's source feeds too.
   * Absent (démarches written before it existed, or not said): `review`, see announcementPolicyOf.
   */
  announcementPolicy: AnnouncementPolicy.optional(),
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

/** What an agent edits in a step; `sequence` and `revisedAt` are Porte-voix's. */
const stepContent = ({ sequence: _s, revisedAt: _r, ...content }: Step) => content;

/**
 * Numbers each step's revisions: a new step starts at 0, a step whose content changed since
 * `previous` (matched by id) gets the next sequence and `now`, an unchanged one keeps its own.
 */
export function reviseSteps(previous: readonly Step[], next: readonly Step[], now: string): Step[] {
  const before = new Map(previous.map((s) => [s.id, s]));
  return next.map((step) => {
    const old = before.get(step.id);
    const content = stepContent(step);
    if (!old) return { ...content, sequence: 0, revisedAt: now };
    if (JSON.stringify(stepContent(old)) === JSON.stringify(content))
      return { ...content, sequence: old.sequence ?? 0, revisedAt: old.revisedAt ?? now };
    return { ...content, sequence: (old.sequence ?? 0) + 1, revisedAt: now };
  });
}

/** Absent means `review`: nothing leaves without an agent unless the démarche says so. */
export const announcementPolicyOf = (d: Pick<Demarche, 'announcementPolicy'>): AnnouncementPolicy =>
  d.announcementPolicy ?? 'review';

export type StepPhase = 'past' | 'open' | 'upcoming';
export const stepPhase = (step: Step, now: Date): StepPhase => {
  const t = now.toISOString();
  if (t < step.start) return 'upcoming';
  if (step.end ? t <= step.end : t.slice(0, 10) === step.start.slice(0, 10)) return 'open';
  return 'past';
};
