// A subscriber's agenda: the next steps of what they follow (démarches, themes, places), soonest
// first, and the calendar that holds them, for Telegram's /agenda.
import type { CoreContext } from '../context';
import { type Demarche, sortSteps, stepPhase } from '../demarches/demarche';
import { allDemarches } from '../evaluation/proposals';
import type { Follows } from '../subscribers/subscriber';
import { type CalendarEvent, type CalendarScope, eventUid } from './read';

export interface Agenda {
  /** Upcoming or still open, not cancelled, soonest first. */
  steps: CalendarEvent[];
  /** The calendar to subscribe to: the followed démarche's, theme's or place's when there is one only; absent: the global one. */
  calendar?: CalendarScope;
}

const follows = (d: Demarche, f: Follows): boolean =>
  f.demarches.includes(d.slug) ||
  d.themes.some((t) => f.themes.includes(t)) ||
  d.territories.some((t) => f.territories.includes(t));

export async function readAgenda(ctx: CoreContext, followed: Follows, limit: number): Promise<Agenda> {
  const now = ctx.clock.now();
  const demarches = (await allDemarches(ctx)).filter((d) => follows(d, followed));
  const steps = demarches
    .flatMap((demarche) => sortSteps(demarche.steps).map((step) => ({ demarche, step })))
    .filter(({ step }) => !step.cancelled && stepPhase(step, now) !== 'past')
    .sort((a, b) => a.step.start.localeCompare(b.step.start) || eventUid(a).localeCompare(eventUid(b)))
    .slice(0, limit);
  return { steps, ...calendarOf(followed) };
}

/** One thing followed has a calendar of its own; several are all in the global one. */
function calendarOf(f: Follows): { calendar?: CalendarScope } {
  const scopes: CalendarScope[] = [
    ...f.demarches.map((key) => ({ kind: 'demarches' as const, key })),
    ...f.themes.map((key) => ({ kind: 'themes' as const, key })),
    ...f.territories.map((key) => ({ kind: 'territoires' as const, key })),
  ];
  return scopes.length === 1 ? { calendar: scopes[0] } : {};
}
