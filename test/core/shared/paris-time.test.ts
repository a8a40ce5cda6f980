import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromParisWallTime, toParisWallTime } from '#core/shared/paris-time';
import { Instant } from '#core/shared/schema';

describe('Paris wall-clock times', () => {
  it('reads a time without offset as Paris time, winter and summer', () => {
    expect(fromParisWallTime('2026-12-01T09:00')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(fromParisWallTime('2026-07-14T22:30:15')?.toISOString()).toBe('2026-07-14T20:30:15.000Z');
  });

  it('is daylight-saving safe at both changes of 2026', () => {
    // 29 March: 02:00 → 03:00. 01:59 is winter, 03:00 is summer; 02:30 does not exist.
    expect(fromParisWallTime('2026-03-29T01:59')?.toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(fromParisWallTime('2026-03-29T03:00')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(fromParisWallTime('2026-03-29T02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 25 October: 03:00 → 02:00. 02:30 happens twice: the first one is taken.
    expect(fromParisWallTime('2026-10-25T02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromParisWallTime('2026-10-25T04:00')?.toISOString()).toBe('2026-10-25T03:00:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    expect(fromParisWallTime('2026-02-30T09:00')).toBeUndefined();
    expect(fromParisWallTime('2026-12-01T24:00')).toBeUndefined();
  });

  it('Instant keeps explicit offsets, reads bare times as Paris, and names its rule', () => {
    expect(Instant.parse('2026-12-01T09:00:00+01:00')).toBe('2026-12-01T08:00:00.000Z');
    expect(Instant.parse('2026-12-01T08:00:00Z')).toBe('2026-12-01T08:00:00.000Z');
    expect(Instant.parse('2026-12-01T09:00')).toBe('2026-12-01T08:00:00.000Z');
    const bad = Instant.safeParse('1er décembre à 9 h');
    expect(bad.success).toBe(false);
    expect((bad.error?.issues[0] as { params?: { rule?: string } }).params?.rule).toBe('iso_datetime');
  });
});

const HOUR = 3_600_000;
/** Any instant from 1970 to the last one whose Paris wall time is still in year 9999, to the millisecond. */
const anyInstant = fc.date({
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T22:59:59.999Z'),
  noInvalidDate: true,
});
/** Instants within a day of a daylight-saving change (last Sundays of March and October, 01:00 UTC). */
const nearAChange = fc
  .record({
    year: fc.integer({ min: 1996, max: 2200 }),
    month: fc.constantFrom(2, 9),
    offset: fc.integer({ min: -26 * HOUR, max: 26 * HOUR }),
  })
  .map(({ year, month, offset }) => new Date(lastSundayAt1Utc(year, month) + offset));

function lastSundayAt1Utc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 24 * HOUR;
}

/** Wall time plus one hour, on the wall clock (no zone): what a clock set forward shows. */
const plusOneHour = (wall: string) => new Date(Date.parse(`${wall}Z`) + HOUR).toISOString().replace(/Z$/, '');

describe('Paris wall time, round trips (properties)', () => {
  it('gives back any instant from its wall time, except the second pass of the autumn fold, which reads as the first', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearAChange), (instant) => {
        const wall = toParisWallTime(instant);
        const back = fromParisWallTime(wall)?.getTime();
        // The fold: the same wall time an hour earlier. Then and only then the first pass wins.
        const inFold = toParisWallTime(new Date(instant.getTime() - HOUR)) === wall;
        expect(back).toBe(inFold ? instant.getTime() - HOUR : instant.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('puts the fold where the rules of 1996 onwards put it: 01:00–02:00 UTC on the last Sunday of October', () => {
    fc.assert(
      fc.property(nearAChange, (instant) => {
        const t = instant.getTime();
        const inFold = toParisWallTime(new Date(t - HOUR)) === toParisWallTime(instant);
        const october = lastSundayAt1Utc(instant.getUTCFullYear(), 9);
        expect(inFold).toBe(t >= october && t < october + HOUR);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any wall time back to itself, except in the spring gap, which is read one hour later on the clock', () => {
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearAChange), fc.integer({ min: 0, max: 59 }), (instant, minute) => {
        // Wall times people write: built from an instant's date, any hour of it, any minute.
        const wall = `${toParisWallTime(instant).slice(0, 14)}${String(minute).padStart(2, '0')}:00.000`;
        const read = fromParisWallTime(wall)!;
        const t = read.getTime();
        // In the gap the clock jumped from 02:00 to 03:00: the hour before `read` was winter time.
        const inGap = toParisWallTime(read) !== wall;
        if (inGap) {
          expect(toParisWallTime(read)).toBe(plusOneHour(wall));
          expect(Date.parse(`${toParisWallTime(read)}Z`) - t).toBe(2 * HOUR);
          expect(Date.parse(`${toParisWallTime(new Date(t - HOUR))}Z`) - (t - HOUR)).toBe(HOUR);
        } else expect(toParisWallTime(read)).toBe(wall);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Instant (properties)', () => {
  it('accepts again, unchanged, whatever it outputs: no stored date is unreadable', () => {
    const offset = fc
      .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([sign, h, m]) => `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const within = (min: string, max: string) =>
      fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });
    // Any year, with the edges weighed in: offsets and Paris time carry a date across them.
    const anyYear = fc.oneof(
      within('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
      within('0000-01-01T00:00:00Z', '0100-01-01T00:00:00Z'),
      within('1969-12-31T00:00:00Z', '1970-01-01T23:59:59Z'),
      within('9999-12-31T00:00:00Z', '9999-12-31T23:59:59Z'),
    );
    const written = fc.oneof(
      // An instant of any year with any offset, as an agent's tool writes it.
      fc.tuple(anyYear, offset).map(([d, o]) => `${d.toISOString().slice(0, 19)}${o}`),
      // A Paris wall time of any year, 0000 to 9999.
      anyYear.map((d) => d.toISOString().slice(0, 16)),
      // What toISOString writes, years beyond 9999 included.
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    fc.assert(
      fc.property(written, (input) => {
        const first = Instant.safeParse(input);
        if (!first.success) return;
        expect(first.data).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(Instant.parse(first.data)).toBe(first.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses years outside 1970–9999 in UTC, the Paris wall years 0–99 that Date.UTC would shift, and names the rule', () => {
    const rule = (input: string) => {
      const parsed = Instant.safeParse(input);
      return parsed.success ? parsed.data : (parsed.error.issues[0] as { params?: { rule?: string } }).params?.rule;
    };
    expect(rule('9999-12-31T23:00:00-23:00')).toBe('instant_year_range');
    expect(rule('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(rule('9999-12-31T23:59')).toBe('9999-12-31T22:59:00.000Z');
    expect(rule('1970-01-01T00:00:00Z')).toBe('1970-01-01T00:00:00.000Z');
    expect(rule('1970-01-01T00:30')).toBe('instant_year_range');
    expect(rule('1969-12-31T23:59:59.999Z')).toBe('instant_year_range');
    expect(rule('0075-06-01T10:00')).toBe('instant_year_range');
    expect(rule('0099-12-31T23:00')).toBe('instant_year_range');
    expect(rule('+010000-01-01T22:00:00.000Z')).toBe('iso_datetime');
    const [issue] = Instant.safeParse('9999-12-31T23:00:00-23:00').error!.issues;
    expect(issue?.message).toBe('Date hors limites : l’année doit aller de 1970 à 9999 (en temps universel)');
  });
});
