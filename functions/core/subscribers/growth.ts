// How the subscriber base grows, week by week, for the agents' home page: who became active
// (consent) and who stopped being active (/stop, blocked the bot, erased). Kept as daily counters,
// one UpdateItem per such change, so reading 8 weeks is one Query over a few dozen small items,
// never a scan of the subscribers. Days and weeks are Paris's (weeks start on Monday).
import type { CoreContext } from '../context';
import { invalid } from '../shared/errors';
import { toParisWallTime } from '../shared/paris-time';
import type { SubscriberStatus } from './subscriber';

const DAY_MS = 86_400_000;
export const GROWTH_MAX_WEEKS = 52;

export interface WeekGrowth {
  /** The week's Monday in Paris, YYYY-MM-DD. */
  weekStart: string;
  joined: number;
  left: number;
}

/** The Paris calendar day of an instant, YYYY-MM-DD. */
const parisDay = (at: Date) => toParisWallTime(at).slice(0, 10);

/** The day `days` after a YYYY-MM-DD day (calendar arithmetic on a UTC midnight: no time zone involved). */
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday of a day's week. */
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** Someone gave consent (pending → active). */
export const countJoined = (ctx: CoreContext) =>
  ctx.store.subscribers.addGrowth(parisDay(ctx.clock.now()), { joined: 1 });

/** Someone's status changed from `previous`: only leaving `active` counts as a departure. */
export async function countDeparture(ctx: CoreContext, previous: SubscriberStatus | undefined) {
  if (previous === 'active') await ctx.store.subscribers.addGrowth(parisDay(ctx.clock.now()), { left: 1 });
}

/** The last `weeks` weeks, the current one included (so far), oldest first; weeks without change show 0. */
export async function subscriberGrowth(ctx: CoreContext, weeks = 8): Promise<{ weeks: WeekGrowth[] }> {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > GROWTH_MAX_WEEKS)
    throw invalid('weeks', 'weeks_range', `de 1 à ${GROWTH_MAX_WEEKS} semaines`);
  const first = addDays(mondayOf(parisDay(ctx.clock.now())), -7 * (weeks - 1));
  const result: WeekGrowth[] = Array.from({ length: weeks }, (_, i) => ({
    weekStart: addDays(first, 7 * i),
    joined: 0,
    left: 0,
  }));
  for (const { day, joined, left } of await ctx.store.subscribers.listGrowth(first)) {
    const week = result[Math.floor((Date.parse(day) - Date.parse(first)) / (7 * DAY_MS))];
    if (!week) continue; // a day after today (a clock set back): not a past week
    week.joined += joined;
    week.left += left;
  }
  return { weeks: result };
}
