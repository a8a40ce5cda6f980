// The monthly X budget (pay-per-use API, in dollars): what a Paris calendar month has spent (posts
// the API made) and committed (scheduled campaigns with X), and the refusal of a scheduling that
// would pass it, with the figures. Two cheap reads: the outbox down to the month's start, the
// sparse "due" index over the month.
import * as z from 'zod';
import type { CoreContext } from '../context';
import { conflict, invalid } from '../shared/errors';
import { fromParisWallTime, toParisWallTime } from '../shared/paris-time';
import type { XPost } from '../store';
import type { Campaign } from './campaign';
import { estimateXCost } from './x-post';
import { xPostRequestOf } from './x-publisher';

export const XMonthBudget = z.object({
  month: z.string().describe('Mois civil de Paris, AAAA-MM'),
  budgetUsd: z.number().optional().describe('Budget mensuel (X_MONTHLY_BUDGET_USD) ; absent : pas de limite'),
  spentUsd: z.number().describe('Dépensé : publications faites par l’API X ce mois-ci (coût estimé de chacune)'),
  posted: z.number().int().describe('Publications faites par l’API X ce mois-ci'),
  scheduledUsd: z.number().describe('Programmé : campagnes programmées sur X ce mois-ci'),
  scheduled: z.number().int().describe('Campagnes programmées sur X ce mois-ci'),
  remainingUsd: z.number().optional().describe('Reste : budget − dépensé − programmé ; absent sans budget'),
});
export type XMonthBudget = z.infer<typeof XMonthBudget>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** An API line's createdAt is its attempt's start, posted within the request timeout: this margin covers it. */
const ATTEMPT_MARGIN_MS = 60 * 60_000;

/** Sums in thousandths of a dollar: $0.015 is 15, exactly, and never 0.30000000000000004. */
const mills = (usd: number) => Math.round(usd * 1000);

const amount = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 3 });
/** « 20,00 $ », « 0,015 $ » */
export const formatUsd = (usd: number) => `${amount.format(usd)}\u00A0$`;

const monthName = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', month: 'long', year: 'numeric' });

/** The Paris calendar month of an instant, `2026-12`. */
export const parisMonthOf = (instant: string) => toParisWallTime(new Date(instant)).slice(0, 7);

/** Where a Paris month starts and ends, in UTC (daylight saving included). */
function monthBounds(month: string): { start: string; end: string } {
  const match = MONTH.exec(month);
  if (!match) throw invalid('month', 'month_format', `mois attendu sous la forme AAAA-MM : ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]);
  const next = index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
  return {
    start: fromParisWallTime(`${month}-01T00:00`)!.toISOString(),
    end: fromParisWallTime(`${next}-01T00:00`)!.toISOString(),
  };
}

/** « décembre 2026 » */
export const formatMonth = (month: string) => monthName.format(new Date(monthBounds(month).start));

/** Posts made by the API (an agent's hand-made post is not billed by it), counted in the month they were posted. */
const billedIn = (line: XPost, start: string, end: string) =>
  line.status === 'posted' && !line.postedBy && line.updatedAt >= start && line.updatedAt < end;

/** A campaign's X cost as decided at its last write (one written before the field: estimated from its text). */
export const xCostOf = (campaign: Campaign) =>
  campaign.xPublication?.costUsd ?? estimateXCost(xPostRequestOf(campaign).text).usd;

/** The month's figures; `except`: a campaign being rescheduled, not counted twice. */
export async function xMonthBudget(
  ctx: CoreContext,
  budgetUsd: number | undefined,
  month: string,
  except?: string,
): Promise<XMonthBudget> {
  const { start, end } = monthBounds(month);
  const since = new Date(Date.parse(start) - ATTEMPT_MARGIN_MS).toISOString();
  const [lines, scheduled] = await Promise.all([
    ctx.store.xOutbox.listSince(since),
    ctx.store.campaigns.listScheduledBetween(start, end),
  ]);
  const billed = lines.filter((line) => billedIn(line, start, end));
  const withX = scheduled.filter((c) => c.channels.includes('x') && c.id !== except);
  const spent = billed.reduce((sum, line) => sum + mills(line.costUsd ?? estimateXCost(line.text).usd), 0);
  const committed = withX.reduce((sum, c) => sum + mills(xCostOf(c)), 0);
  return {
    month,
    ...(budgetUsd === undefined ? {} : { budgetUsd }),
    spentUsd: spent / 1000,
    posted: billed.length,
    scheduledUsd: committed / 1000,
    scheduled: withX.length,
    ...(budgetUsd === undefined ? {} : { remainingUsd: (mills(budgetUsd) - spent - committed) / 1000 }),
  };
}

/**
 * Refuses to schedule an X campaign whose cost would take its month (Paris) past the budget:
 * spent + scheduled + this one > budget. No budget configured: no limit.
 */
export async function assertWithinXBudget(ctx: CoreContext, budgetUsd: number | undefined, campaign: Campaign) {
  if (budgetUsd === undefined || !campaign.channels.includes('x')) return;
  const month = parisMonthOf(campaign.sendAt);
  const figures = await xMonthBudget(ctx, budgetUsd, month, campaign.id);
  const cost = xCostOf(campaign);
  if (mills(figures.spentUsd) + mills(figures.scheduledUsd) + mills(cost) <= mills(budgetUsd)) return;
  throw conflict(
    `cette publication X dépasserait le budget X de ${formatMonth(month)} : ` +
      `budget ${formatUsd(budgetUsd)} ; dépensé ${formatUsd(figures.spentUsd)} ; ` +
      `programmé ${formatUsd(figures.scheduledUsd)} ; cette publication ${formatUsd(cost)}`,
    'x_monthly_budget',
  );
}
