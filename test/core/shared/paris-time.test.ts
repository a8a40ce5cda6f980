import { describe, expect, it } from 'vitest';
import { fromParisWallTime } from '#core/shared/paris-time';
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
