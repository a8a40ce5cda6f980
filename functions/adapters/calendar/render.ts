// Renders a calendar (RFC 5545) with ical-generator: every step of the démarches in scope is an
// event in Europe/Paris time, with a permanent UID and the step's revision as its SEQUENCE, so a
// calendar application that subscribed updates (or cancels) the event instead of adding another.
import ical, { type ICalEventData, ICalEventStatus } from 'ical-generator';
import { THEMES } from '#core/demarches/places';
import { CALENDAR_TEXTS, type CalendarEvent, eventRevisedAt, eventUid } from '#core/calendars/read';
import { PARIS, ParisDate, parisVTimezone } from './paris-zone';
import { toParisWallTime } from '#core/shared/paris-time';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

export interface RenderCalendarOptions {
  title: string;
  description: string;
  /** Absolute URL this calendar is served at (SOURCE). */
  selfUrl: string;
  /** The human page the calendar is about (URL). */
  siteUrl: string;
  events: CalendarEvent[];
}

// How often a subscribed application should come back (REFRESH-INTERVAL): steps move by days, not minutes.
const REFRESH_SECONDS = 3600;
const HOUR_MS = 3_600_000;

export function renderCalendar(options: RenderCalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'Porte-voix', product: 'Calendriers', language: 'FR' },
    name: options.title,
    description: options.description,
    url: options.siteUrl,
    source: options.selfUrl,
    ttl: REFRESH_SECONDS,
    // No calendar-wide zone name: the library would then write DTSTAMP and LAST-MODIFIED in local
    // time without their `Z`. Events name Europe/Paris themselves and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: parisVTimezone },
    x: { 'X-WR-TIMEZONE': PARIS },
  });
  for (const event of options.events) calendar.createEvent(toEvent(event));
  return calendar.toString();
}

function toEvent(event: CalendarEvent): ICalEventData {
  const { demarche, step } = event;
  const revisedAt = new Date(eventRevisedAt(event));
  const link = step.link ?? demarche.link;
  const kind = CALENDAR_TEXTS.stepKinds[step.kind];
  return {
    id: eventUid(event),
    sequence: step.sequence ?? 0,
    stamp: revisedAt,
    lastModified: revisedAt,
    timezone: PARIS,
    ...timing(step.start, step.end),
    summary: `${step.title} — ${demarche.title}`,
    description: [`${kind} — ${demarche.title}`, ...(step.cancelled ? ['Étape annulée.'] : []), link].join('\n'),
    url: link,
    status: step.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    categories: demarche.themes.map((theme) => ({ name: THEMES[theme] })),
  };
}

const atMidnight = (instant: string) => toParisWallTime(new Date(instant)).endsWith('T00:00:00.000');

/**
 * When the event takes place. A step that starts at midnight Paris time without an end (or ends at
 * midnight too) is a day, or days, in the calendar: all-day, the end date exclusive as RFC 5545
 * wants. A step with a time of day and no end is a one-hour event: calendars draw an event without
 * an end as a point nobody sees.
 */
function timing(start: string, end: string | undefined): Pick<ICalEventData, 'start' | 'end' | 'allDay'> {
  if (atMidnight(start) && (end === undefined || (atMidnight(end) && end > start)))
    return { allDay: true, start: new ParisDate(start), ...(end !== undefined && { end: new ParisDate(end) }) };
  const until = end !== undefined && end > start ? end : new Date(Date.parse(start) + HOUR_MS).toISOString();
  return { start: new ParisDate(start), end: new ParisDate(until) };
}
