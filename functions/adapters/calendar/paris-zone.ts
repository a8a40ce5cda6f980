// Europe/Paris for ical-generator: its VTIMEZONE (RFC 5545 §3.6.5) and zoned dates it can write.
import type { ICalTZDateStub } from 'ical-generator';
import { toParisWallTime } from '#core/shared/paris-time';

export const PARIS = 'Europe/Paris';

// The European Union's rule since 1996 (summer time from the last Sunday of March, 02:00 local, to
// the last Sunday of October, 03:00 local): the block every calendar application writes for Paris.
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${PARIS}`,
  `X-LIC-LOCATION:${PARIS}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** ical-generator's timezone generator: the only zone our calendars name. */
export const parisVTimezone = (zone: string): string | null => (zone === PARIS ? VTIMEZONE : null);

/**
 * An instant ical-generator writes as Paris wall-clock time. Given a plain Date and a zone, the
 * library reads the *process's* local time (wrong on a UTC Lambda); given a date with
 * `withTimeZone` (the shape of @date-fns/tz's TZDate) it asks that date for the zone's wall clock,
 * which core/shared/paris-time computes with Intl, daylight saving included.
 */
export class ParisDate extends Date implements ICalTZDateStub {
  readonly internal: Date;
  readonly timeZone = PARIS;

  constructor(instant: string | Date) {
    super(instant);
    this.internal = new Date(this.getTime());
  }

  withTimeZone(): ICalTZDateStub {
    const wall = new Date(`${toParisWallTime(this)}Z`);
    // Only the getters the library reads for a zoned value; the UTC ones stay the instant's.
    return Object.assign(new ParisDate(this), {
      getFullYear: () => wall.getUTCFullYear(),
      getMonth: () => wall.getUTCMonth(),
      getDate: () => wall.getUTCDate(),
      getHours: () => wall.getUTCHours(),
      getMinutes: () => wall.getUTCMinutes(),
      getSeconds: () => wall.getUTCSeconds(),
    });
  }

  /** Part of the TZDate shape the library recognises; never read for output. */
  tzComponents(): Date {
    return this.internal;
  }
}
