// Which steps a calendar shows: the global calendar, one démarche's, one theme's or one place's.
// Every step of every démarche in scope is an event (cancelled ones too: calendars that already hold
// them must learn they are off); the calendar changes when one of its démarches does.
import type { CoreContext } from '../context';
import { type Demarche, STEP_KIND_LABELS, type Step } from '../demarches/demarche';
import { TERRITORIES, THEMES } from '../demarches/places';
import { allDemarches } from '../evaluation/proposals';
import { notFound } from '../shared/errors';

/** A calendar narrower than the global one. */
export type CalendarScope =
  { kind: 'demarches'; key: string } | { kind: 'themes'; key: string } | { kind: 'territoires'; key: string };

/** The public page that lists every feed and calendar (« S'abonner »); `/feeds/` answers it too. */
export const SUBSCRIPTIONS_PATHS = ['/feeds/index.html', '/feeds/'] as const;

/** Where a scope's calendar is served, under the public base URL. */
export const calendarPath = (scope?: CalendarScope): string =>
  scope ? `/feeds/${scope.kind}/${scope.key}/calendar.ics` : '/feeds/calendar.ics';

/** What a calendar application shows (French first, as the feeds). */
export const CALENDAR_TEXTS = {
  globalTitle: 'Porte-voix — Dialogue citoyen',
  globalDescription: 'Les étapes de toutes les démarches de participation citoyenne.',
  demarcheTitle: (title: string) => `${title} — Porte-voix`,
  themeTitle: (label: string) => `${label} — Porte-voix`,
  themeDescription: (label: string) => `Les étapes des démarches du thème « ${label} ».`,
  territoryTitle: (label: string) => `${label} — Porte-voix`,
  territoryDescription: (label: string) => `Les étapes des démarches qui concernent ${label}.`,
  stepKinds: STEP_KIND_LABELS,
} as const;

export interface CalendarEvent {
  demarche: Demarche;
  step: Step;
}

export interface CalendarView {
  title: string;
  description: string;
  /** The démarche's page, for one démarche's calendar. */
  link?: string;
  /** In timeline order. */
  events: CalendarEvent[];
  /** The démarches shown, for a validator: a démarche's `version` rises with every change of it. */
  demarches: Pick<Demarche, 'slug' | 'version'>[];
  /** Newest change to anything the calendar shows; absent when it shows no démarche. */
  updated?: string;
}

const labelOf = (scope: CalendarScope): string | undefined => {
  if (scope.kind === 'themes')
    return Object.hasOwn(THEMES, scope.key) ? THEMES[scope.key as keyof typeof THEMES] : undefined;
  if (scope.kind === 'territoires')
    return Object.hasOwn(TERRITORIES, scope.key) ? TERRITORIES[scope.key]!.label : undefined;
  return undefined;
};

/** Whether a démarche belongs to a calendar's scope (the global one takes them all). */
export function inScope(demarche: Pick<Demarche, 'slug' | 'themes' | 'territories'>, scope?: CalendarScope): boolean {
  if (!scope) return true;
  if (scope.kind === 'demarches') return demarche.slug === scope.key;
  if (scope.kind === 'themes') return demarche.themes.includes(scope.key as never);
  return demarche.territories.includes(scope.key);
}

/** The calendar of a scope, or NotFound for an unknown démarche, theme or place. */
export async function readCalendar(ctx: CoreContext, scope?: CalendarScope): Promise<CalendarView> {
  if (scope?.kind === 'demarches') {
    const demarche = await ctx.store.demarches.get(scope.key);
    if (!demarche) throw notFound('Démarche', scope.key);
    return {
      ...viewOf([demarche]),
      title: CALENDAR_TEXTS.demarcheTitle(demarche.title),
      description: demarche.summary,
      link: demarche.link,
    };
  }
  const label = scope && labelOf(scope);
  if (scope && !label) throw notFound(scope.kind === 'themes' ? 'Thème' : 'Territoire', scope.key);
  const demarches = (await allDemarches(ctx)).filter((d) => inScope(d, scope));
  const view = viewOf(demarches);
  if (!scope || !label)
    return { ...view, title: CALENDAR_TEXTS.globalTitle, description: CALENDAR_TEXTS.globalDescription };
  return scope.kind === 'themes'
    ? { ...view, title: CALENDAR_TEXTS.themeTitle(label), description: CALENDAR_TEXTS.themeDescription(label) }
    : { ...view, title: CALENDAR_TEXTS.territoryTitle(label), description: CALENDAR_TEXTS.territoryDescription(label) };
}

function viewOf(demarches: Demarche[]): Pick<CalendarView, 'events' | 'demarches' | 'updated'> {
  const events = demarches
    .flatMap((demarche) => demarche.steps.map((step) => ({ demarche, step })))
    .sort((a, b) => a.step.start.localeCompare(b.step.start) || eventUid(a).localeCompare(eventUid(b)));
  return {
    events,
    demarches: demarches.map(({ slug, version }) => ({ slug, version })).sort((a, b) => a.slug.localeCompare(b.slug)),
    // A démarche's updatedAt moves with every change of it, steps included (updateDemarche).
    updated: newest(demarches.map((d) => d.updatedAt)),
  };
}

/**
 * The event's permanent UID: from the démarche's slug and the step's id, never from a URL (which
 * differs between runtimes), so a calendar application updates the event instead of doubling it.
 */
export const eventUid = ({ demarche, step }: { demarche: Pick<Demarche, 'slug'>; step: Pick<Step, 'id'> }): string =>
  `${demarche.slug}.${step.id}@porte-voix`;

/** When the step last changed: its own revision, else (steps written before revisions were kept) its démarche's. */
export const eventRevisedAt = ({ demarche, step }: CalendarEvent): string => step.revisedAt ?? demarche.updatedAt;

const newest = (instants: string[]): string | undefined =>
  instants.reduce<string | undefined>((max, at) => (max === undefined || at > max ? at : max), undefined);
