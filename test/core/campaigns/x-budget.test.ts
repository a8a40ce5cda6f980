// The monthly X budget on the real store (dynalite): spent = posts the API made in the Paris month,
// committed = campaigns scheduled on X in that month; scheduling past the budget is refused with the
// figures, at or under it accepted; a rescheduled campaign is not counted twice; no budget, no limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, scheduleCampaign, updateCampaign } from '#core/campaigns/use-cases';
import { parisMonthOf, xMonthBudget } from '#core/campaigns/x-budget';
import { DomainError } from '#core/shared/errors';
import type { XPost } from '#core/store';
import type { HttpDeps } from '#handlers/http/deps';
import { startHttpDeps } from '../../support/http-deps';

const ACTOR = { agentId: 'ag1', name: 'Camille' };

let deps: HttpDeps;
let close: () => Promise<void>;
const budgeted = () => ({ ...deps, xMonthlyBudgetUsd: 1 });

const line = (id: string, over: Partial<XPost>): XPost => ({
  id,
  campaignId: 'c0',
  text: `Publication ${id} https://nantes.fr`,
  status: 'posted',
  postId: '1',
  costUsd: 0.2,
  createdAt: over.updatedAt ?? '2026-11-10T10:00:00.000Z',
  updatedAt: '2026-11-10T10:00:00.000Z',
  ...over,
});

beforeAll(async () => {
  ({ deps, close } = await startHttpDeps('2026-11-25T10:00:00.000Z'));
  const lines = [
    line('api1', { updatedAt: '2026-11-10T10:00:00.000Z' }),
    // 23:30 UTC on 31 October is 00:30 on 1 November in Paris: November's.
    line('api2', { updatedAt: '2026-10-31T23:30:00.000Z' }),
    // 23:59 in Paris on 31 October: October's.
    line('october', { updatedAt: '2026-10-31T22:59:00.000Z' }),
    // Posted by hand in X's app: not billed by the API.
    line('hand', { postedBy: { agentId: 'ag1', name: 'Camille' }, postUrl: 'https://x.com/nantes/status/2' }),
    line('queued', { status: 'queued', postId: undefined }),
  ];
  for (const l of lines) await deps.store.xOutbox.put(l);
  await createCampaign(deps, ACTOR, campaign('2026-11-28T09:00:00.000Z'), { schedule: true });
  await createCampaign(
    deps,
    ACTOR,
    { ...campaign('2026-11-28T09:00:00.000Z'), channels: ['telegram'] },
    { schedule: true },
  );
  await createCampaign(deps, ACTOR, campaign('2026-12-02T09:00:00.000Z'), { schedule: true });
});
afterAll(() => close());

function campaign(sendAt: string) {
  return {
    message: { title: 'Parc des Chantiers', text: 'Donnez votre avis.', link: 'https://nantes.fr/parc' },
    channels: ['telegram', 'x'],
    sendAt,
  };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('the month’s X figures', () => {
  it('counts the API’s posts of the Paris month and the campaigns scheduled on X in it', async () => {
    expect(parisMonthOf('2026-10-31T23:30:00.000Z')).toBe('2026-11');
    expect(await xMonthBudget(deps, 1, '2026-11')).toEqual({
      month: '2026-11',
      budgetUsd: 1,
      spentUsd: 0.4,
      posted: 2,
      scheduledUsd: 0.2,
      scheduled: 1,
      remainingUsd: 0.4,
    });
    expect(await xMonthBudget(deps, undefined, '2026-12')).toEqual({
      month: '2026-12',
      spentUsd: 0,
      posted: 0,
      scheduledUsd: 0.2,
      scheduled: 1,
    });
  });
});

describe('scheduling on X within the monthly budget', () => {
  it('accepts up to the budget, then refuses with the figures in French', async () => {
    // Spent 0.40 + scheduled 0.20: two more posts with a link ($0.20 each) reach $1.00 exactly.
    await createCampaign(budgeted(), ACTOR, campaign('2026-11-29T09:00:00.000Z'), { schedule: true });
    const draft = await createCampaign(budgeted(), ACTOR, campaign('2026-11-30T09:00:00.000Z'));
    await scheduleCampaign(budgeted(), ACTOR, draft.id);

    const over = await refusal(
      createCampaign(budgeted(), ACTOR, campaign('2026-11-30T10:00:00.000Z'), { schedule: true }),
    );
    expect(over.code).toBe('Conflict');
    expect(over.violations[0]?.rule).toBe('x_monthly_budget');
    expect(over.message).toBe(
      'cette publication X dépasserait le budget X de novembre 2026 : budget 1,00\u00A0$ ; dépensé 0,40\u00A0$ ; ' +
        'programmé 0,60\u00A0$ ; cette publication 0,20\u00A0$',
    );
    // As a draft it may wait; scheduling it is what is refused.
    const waiting = await createCampaign(budgeted(), ACTOR, campaign('2026-11-30T10:00:00.000Z'));
    expect((await refusal(scheduleCampaign(budgeted(), ACTOR, waiting.id))).violations[0]?.rule).toBe(
      'x_monthly_budget',
    );
  });

  it('does not count a scheduled campaign twice when it is edited', async () => {
    const { items } = await deps.store.campaigns.list({ status: 'scheduled' });
    const november = items.find((c) => c.channels.includes('x') && c.sendAt.startsWith('2026-11-30'))!;
    const edited = await updateCampaign(budgeted(), ACTOR, november.id, { message: { title: 'Parc : dernier jour' } });
    expect(edited.status).toBe('scheduled');
  });

  it('refuses moving a scheduled campaign into a full month', async () => {
    const { items } = await deps.store.campaigns.list({ status: 'scheduled' });
    const december = items.find((c) => c.sendAt.startsWith('2026-12'))!;
    const moved = await refusal(updateCampaign(budgeted(), ACTOR, december.id, { sendAt: '2026-11-30T11:00:00.000Z' }));
    expect(moved.violations[0]?.rule).toBe('x_monthly_budget');
  });

  it('counts each month apart, ignores campaigns without X, and has no limit without a budget', async () => {
    await createCampaign(budgeted(), ACTOR, campaign('2026-12-03T09:00:00.000Z'), { schedule: true });
    await createCampaign(
      budgeted(),
      ACTOR,
      { ...campaign('2026-11-30T12:00:00.000Z'), channels: ['telegram'] },
      { schedule: true },
    );
    await createCampaign(deps, ACTOR, campaign('2026-11-30T12:00:00.000Z'), { schedule: true });
  });
});
