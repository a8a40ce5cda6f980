// When a subscriber's message may leave, in Paris time: now, at their next daily or weekly digest,
// or at the end of their quiet hours. Pure: the hold (hold.ts) tries the slots in order.
import { fromParisWallTime, toParisWallTime } from '../shared/paris-time';
import type { Subscriber } from '../subscribers/subscriber';

/** The digest's hour when a subscriber chose a pace but no hour (items written before the hour existed). */
export const DEFAULT_DIGEST_HOUR = 18;
/** The weekly digest's day when none was chosen: Monday (ISO 1). */
export const DEFAULT_DIGEST_DAY = 1;
/**
 * A message arriving this long after a digest's time joins it if it has not left yet: a campaign
 * scheduled at 18:00 reaches an 18:00 digest sent a second later instead of waiting a day (or a week).
 */
export const DIGEST_GRACE_MS = 10 * 60_000;

export type Timing = Pick<Subscriber, 'frequency' | 'quietHours' | 'digestHour' | 'digestDay'>;
type QuietHours = NonNullable<Subscriber['quietHours']>;

const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The Paris calendar day (YYYY-MM-DD) and minute of the day at `at`. */
function wall(at: Date): { day: string; minute: number } {
  const local = toParisWallTime(at);
  return { day: local.slice(0, 10), minute: Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)) };
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: string) => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The instant of a Paris wall time on a day (the spring-forward gap reads one hour later, as an alarm would). */
function at(day: string, minute: number): Date {
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return fromParisWallTime(`${day}T${hh}:${mm}`)!;
}

/** In the window [start, end), Paris time; a window whose end is before its start runs across midnight. */
export function inQuietHours(quiet: QuietHours | undefined, instant: Date): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const { minute } = wall(instant);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The first end of the window after `instant` (the instant the window containing it closes). */
export function quietHoursEnd(quiet: QuietHours, instant: Date): Date {
  const { day } = wall(instant);
  const end = minutesOf(quiet.end);
  for (let i = 0; ; i++) {
    const candidate = at(addDays(day, i), end);
    if (candidate.getTime() > instant.getTime()) return candidate;
  }
}

/** Digest times around `instant`: the last one at or before it, and the next ones after it. */
function digestTimes(timing: Timing, instant: Date): { last: Date; next: Date[] } {
  const minute = (timing.digestHour ?? DEFAULT_DIGEST_HOUR) * 60;
  const weekday = timing.frequency === 'weekly' ? (timing.digestDay ?? DEFAULT_DIGEST_DAY) : undefined;
  const { day } = wall(instant);
  const times: Date[] = [];
  for (let i = -8; i <= 15 && times.length < 64; i++) {
    const d = addDays(day, i);
    if (weekday === undefined || isoWeekday(d) === weekday) times.push(at(d, minute));
  }
  const t = instant.getTime();
  const past = times.filter((x) => x.getTime() <= t);
  return { last: past[past.length - 1]!, next: times.filter((x) => x.getTime() > t).slice(0, 2) };
}

/** A digest that falls in the quiet hours leaves at their end. */
const outOfQuiet = (timing: Timing, instant: Date) =>
  timing.quietHours && inQuietHours(timing.quietHours, instant) ? quietHoursEnd(timing.quietHours, instant) : instant;

/**
 * Where a message for this subscriber goes at `now`, best first: no slot means it leaves now. An
 * instant subscriber in their quiet hours waits for the window's end; a daily or weekly one waits for
 * their digest (the one that just passed, within the grace, if it has not left yet). The hold tries
 * each slot until one is still open (a digest claimed for sending takes no more items).
 */
export function deliverySlots(timing: Timing, now: Date): Date[] {
  if (timing.frequency === 'instant')
    return timing.quietHours && inQuietHours(timing.quietHours, now) ? [quietHoursEnd(timing.quietHours, now)] : [];
  const { last, next } = digestTimes(timing, now);
  const slots = [...(now.getTime() - last.getTime() <= DIGEST_GRACE_MS ? [last] : []), ...next].map((slot) =>
    outOfQuiet(timing, slot),
  );
  return [...new Map(slots.map((s) => [s.getTime(), s])).values()];
}
