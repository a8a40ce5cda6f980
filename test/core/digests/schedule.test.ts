// When a message may leave, in Paris time: quiet hours across midnight, daily and weekly digests,
// the grace after a digest's time, and the two daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { deliverySlots, inQuietHours, quietHoursEnd } from '#core/digests/schedule';
import type { Timing } from '#core/digests/schedule';

const instant: Timing = { frequency: 'instant' };
const night = { start: '22:00', end: '07:00' };
const iso = (slots: Date[]) => slots.map((s) => s.toISOString());

describe('quiet hours (Paris time)', () => {
  it('run across midnight, the end excluded', () => {
    // Winter: Paris = UTC+1.
    expect(inQuietHours(night, new Date('2026-11-25T20:59:00Z'))).toBe(false); // 21:59
    expect(inQuietHours(night, new Date('2026-11-25T21:00:00Z'))).toBe(true); // 22:00
    expect(inQuietHours(night, new Date('2026-11-26T05:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(night, new Date('2026-11-26T06:00:00Z'))).toBe(false); // 07:00
    expect(inQuietHours({ start: '12:00', end: '14:00' }, new Date('2026-11-25T12:30:00Z'))).toBe(true);
    expect(inQuietHours({ start: '12:00', end: '12:00' }, new Date('2026-11-25T11:00:00Z'))).toBe(false);
    expect(inQuietHours(undefined, new Date('2026-11-25T23:00:00Z'))).toBe(false);
  });

  it('end at the next end, before or after midnight, in summer time too', () => {
    expect(quietHoursEnd(night, new Date('2026-11-25T22:30:00Z')).toISOString()).toBe('2026-11-26T06:00:00.000Z');
    expect(quietHoursEnd(night, new Date('2026-11-26T02:00:00Z')).toISOString()).toBe('2026-11-26T06:00:00.000Z');
    // Summer: Paris = UTC+2, 07:00 is 05:00 UTC.
    expect(quietHoursEnd(night, new Date('2026-06-10T21:00:00Z')).toISOString()).toBe('2026-06-11T05:00:00.000Z');
  });

  it('end at the right instant across both daylight-saving changes', () => {
    // Night of 28–29 March 2026: clocks go forward at 02:00; 07:00 on the 29th is summer time.
    expect(quietHoursEnd(night, new Date('2026-03-28T22:00:00Z')).toISOString()).toBe('2026-03-29T05:00:00.000Z');
    // Night of 24–25 October 2026: clocks go back; 07:00 on the 25th is winter time.
    expect(quietHoursEnd(night, new Date('2026-10-24T21:00:00Z')).toISOString()).toBe('2026-10-25T06:00:00.000Z');
  });
});

describe('delivery slots', () => {
  it('an instant subscriber: now outside quiet hours, the window’s end inside', () => {
    expect(deliverySlots(instant, new Date('2026-11-25T10:00:00Z'))).toEqual([]);
    expect(deliverySlots({ ...instant, quietHours: night }, new Date('2026-11-25T10:00:00Z'))).toEqual([]);
    expect(iso(deliverySlots({ ...instant, quietHours: night }, new Date('2026-11-25T23:00:00Z')))).toEqual([
      '2026-11-26T06:00:00.000Z',
    ]);
  });

  it('a daily digest: the next one at the chosen hour, and the next day’s if that one has left', () => {
    const daily: Timing = { frequency: 'daily', digestHour: 8 };
    // 11:00 Paris: today's 08:00 is past (beyond the grace): tomorrow's, then the day after.
    expect(iso(deliverySlots(daily, new Date('2026-11-25T10:00:00Z')))).toEqual([
      '2026-11-26T07:00:00.000Z',
      '2026-11-27T07:00:00.000Z',
    ]);
    // 08:05 Paris: today's digest first, if it has not left yet.
    expect(iso(deliverySlots(daily, new Date('2026-11-25T07:05:00Z')))).toEqual([
      '2026-11-25T07:00:00.000Z',
      '2026-11-26T07:00:00.000Z',
      '2026-11-27T07:00:00.000Z',
    ]);
    // No hour chosen: 18:00.
    expect(iso(deliverySlots({ frequency: 'daily' }, new Date('2026-11-25T10:00:00Z')))[0]).toBe(
      '2026-11-25T17:00:00.000Z',
    );
  });

  it('a weekly digest: the chosen day and hour', () => {
    // Wednesday 25 November 2026; Friday (5) at 19:00 Paris.
    expect(
      iso(deliverySlots({ frequency: 'weekly', digestDay: 5, digestHour: 19 }, new Date('2026-11-25T10:00:00Z'))),
    ).toEqual(['2026-11-27T18:00:00.000Z', '2026-12-04T18:00:00.000Z']);
    // Wednesday itself, later the same day.
    expect(
      iso(deliverySlots({ frequency: 'weekly', digestDay: 3, digestHour: 20 }, new Date('2026-11-25T10:00:00Z')))[0],
    ).toBe('2026-11-25T19:00:00.000Z');
  });

  it('a digest due in the quiet hours leaves at their end', () => {
    const late: Timing = { frequency: 'daily', digestHour: 21, quietHours: { start: '21:00', end: '08:00' } };
    expect(iso(deliverySlots(late, new Date('2026-11-25T10:00:00Z')))[0]).toBe('2026-11-26T07:00:00.000Z');
  });
});
