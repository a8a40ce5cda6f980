// A subscriber's choices of when messages reach them: instant, a daily digest at an hour, a weekly
// one on a day at an hour, and quiet hours. Each choice is one put of the subscriber item; the
// choices offered are the only ones taken (a forged value is refused, nothing stored).
import type { CoreContext } from '../context';
import { invalid } from '../shared/errors';
import { assertActive } from '../subscribers/use-cases';
import type { Subscriber } from '../subscribers/subscriber';

/** Digest hours offered (Paris time): a morning-to-evening range a phone shows in a few rows. */
export const DIGEST_HOURS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21] as const;

/** Quiet-hours windows offered (Paris time), each across the night. */
export const QUIET_HOURS_PRESETS = [
  { start: '21:00', end: '08:00' },
  { start: '22:00', end: '07:00' },
  { start: '22:00', end: '08:00' },
  { start: '23:00', end: '07:00' },
  { start: '23:00', end: '08:00' },
] as const;

export type PaceChoice =
  { frequency: 'instant' } | { frequency: 'daily'; hour: number } | { frequency: 'weekly'; day: number; hour: number };

export async function choosePace(
  ctx: CoreContext,
  current: Subscriber | undefined,
  choice: PaceChoice,
): Promise<Subscriber> {
  assertActive(current);
  if (choice.frequency !== 'instant' && !(DIGEST_HOURS as readonly number[]).includes(choice.hour))
    throw invalid('digestHour', 'digest_hour_offered', 'heure de résumé non proposée');
  if (choice.frequency === 'weekly' && !(Number.isInteger(choice.day) && choice.day >= 1 && choice.day <= 7))
    throw invalid('digestDay', 'digest_day_1_to_7', 'jour de résumé inconnu');
  const { digestHour: _hour, digestDay: _day, ...rest } = current;
  const subscriber: Subscriber = {
    ...rest,
    frequency: choice.frequency,
    ...(choice.frequency !== 'instant' ? { digestHour: choice.hour } : {}),
    ...(choice.frequency === 'weekly' ? { digestDay: choice.day } : {}),
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.subscribers.put(subscriber);
  return subscriber;
}

/** Quiet hours: one of the windows offered, or none (`undefined`). */
export async function chooseQuietHours(
  ctx: CoreContext,
  current: Subscriber | undefined,
  window: { start: string; end: string } | undefined,
): Promise<Subscriber> {
  assertActive(current);
  if (window && !QUIET_HOURS_PRESETS.some((p) => p.start === window.start && p.end === window.end))
    throw invalid('quietHours', 'quiet_hours_offered', 'plage d’heures calmes non proposée');
  const { quietHours: _previous, ...rest } = current;
  const subscriber: Subscriber = {
    ...rest,
    ...(window ? { quietHours: { start: window.start, end: window.end } } : {}),
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.subscribers.put(subscriber);
  return subscriber;
}
