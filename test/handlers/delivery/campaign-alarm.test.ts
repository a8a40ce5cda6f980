// A campaign's alarm through the dispatch handler, as EventBridge Scheduler invokes the Lambda with
// `{ campaignId }`: that campaign alone leaves at its time (an alarm up to two minutes early waits
// for it, never sends early), read by id rather than from the eventually consistent due index; an
// alarm for a campaign rescheduled later or already dispatched sends nothing.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { createCampaign, updateCampaign } from '#core/campaigns/use-cases';
import { type DispatchHandlerDeps, createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { subscriber } from '../../adapters/dynamodb/fixtures';
import { capturingQueue } from '../../core/delivery/support';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let deps: DispatchHandlerDeps;
let queue: ReturnType<typeof capturingQueue>;
const clock = fixedClock('2026-12-01T08:58:50.000Z');
/** How long each early alarm waited: the fixed clock moves by as much, no real time passes. */
const slept: number[] = [];
const sleep = (ms: number) => {
  slept.push(ms);
  clock.advance(ms);
  return Promise.resolve();
};

const ACTOR = { agentId: 'ag1', name: 'Camille' };
const campaignAt = (sendAt: string) =>
  createCampaign(
    deps,
    ACTOR,
    {
      message: { title: 'Réunion publique', text: 'Venez nombreux.', link: 'https://participer.example/parc' },
      channels: ['telegram'],
      sendAt,
    },
    { schedule: true },
  );

beforeEach(async () => {
  clock.set('2026-12-01T08:58:50.000Z');
  slept.length = 0;
  testStore = await startTestStore();
  queue = capturingQueue();
  deps = {
    store: testStore.store,
    clock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'https://participer.example',
    queue,
    logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' }),
  };
  for (let i = 0; i < 3; i++) await deps.store.subscribers.put(subscriber({ id: `sub${i}`, chatId: 2000 + i }));
});
afterEach(() => testStore.close());

const recipientsOf = (campaignId: string) =>
  queue.jobs.flatMap((job) => (job.channel === 'telegram' && job.campaignId === campaignId ? job.recipients : []));

describe('a campaign’s alarm, through the dispatch handler', () => {
  it('waits for the campaign’s time when it comes early, then dispatches that campaign alone', async () => {
    const due = await campaignAt('2026-12-01T08:59:00Z'); // due by then, but the tick's, not this alarm's
    const campaign = await campaignAt('2026-12-01T09:00:00Z');
    const handler = createDispatchHandler(deps, { sleep });

    expect(await handler({ campaignId: campaign.id })).toEqual({ dispatched: 1, expired: 0 });
    expect(slept).toEqual([70_000]);
    expect(clock.now().toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(await deps.store.campaigns.get(campaign.id)).toMatchObject({ status: 'sending', recipientCount: 3 });
    expect(recipientsOf(campaign.id).sort()).toEqual(['sub0', 'sub1', 'sub2']);
    expect((await deps.store.campaigns.get(due.id))?.status).toBe('scheduled');
    expect(recipientsOf(due.id)).toEqual([]);
  });

  it('sends nothing for a campaign rescheduled later since its alarm was set', async () => {
    const campaign = await campaignAt('2026-12-01T09:00:00Z');
    await updateCampaign(deps, ACTOR, campaign.id, { sendAt: '2026-12-01T11:00:00Z' });
    await createDispatchHandler(deps, { sleep })({ campaignId: campaign.id });
    expect(slept).toEqual([]);
    expect((await deps.store.campaigns.get(campaign.id))?.status).toBe('scheduled');
    expect(queue.jobs).toEqual([]);
  });

  it('sends nothing more for a campaign the minute tick already dispatched', async () => {
    const campaign = await campaignAt('2026-12-01T08:59:00Z');
    clock.set('2026-12-01T08:59:00.500Z');
    const handler = createDispatchHandler(deps, { sleep });
    expect(await handler({})).toMatchObject({ dispatched: 1 }); // the tick: any other event
    expect(await handler({ campaignId: campaign.id })).toEqual({ dispatched: 0, expired: 0 });
    expect(recipientsOf(campaign.id)).toHaveLength(3);
  });
});
