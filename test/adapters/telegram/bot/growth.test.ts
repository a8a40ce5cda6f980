// Subscriber growth as citizens make it in Telegram: consent counts an arrival; /stop, blocking the
// bot (its my_chat_member update, or a 403 while a campaign is sent) and erasure count a departure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberGrowth } from '#core/subscribers/growth';
import { campaign } from '../../dynamodb/fixtures';
import { type BotHarness, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

const thisWeek = async () => (await subscriberGrowth(h.deps, 1)).weeks[0];

describe('subscriber growth through the bot', () => {
  it('counts each arrival and each way of leaving once', async () => {
    for (const chatId of [7001, 7002, 7003, 7004]) await h.subscribe(chatId);
    await h.say(7005, '/start'); // pending only: not an arrival
    expect(await thisWeek()).toEqual({ weekStart: '2026-11-23', joined: 4, left: 0 });

    await h.say(7001, '/stop');
    await h.say(7001, '/stop');
    await h.sim.citizenBlocks(7002);
    await h.say(7003, '/supprimer');
    await h.press(7003, h.lastBot(7003).message_id, '🗑️ Oui, tout effacer');
    expect(await thisWeek()).toEqual({ weekStart: '2026-11-23', joined: 4, left: 3 });
  });

  it('counts a citizen found blocked while a campaign is sent (403) as a departure', async () => {
    // The kick update never reached us (a missed webhook): they are still active when the campaign goes.
    await h.sim.citizenBlocks(7004);
    const still = await h.deps.store.subscribers.get(h.idOf(7004));
    await h.deps.store.subscribers.put({ ...still!, status: 'active' });
    await h.runJobs(await h.dispatch(campaign({ id: 'cGrowth' })));
    expect((await h.deps.store.subscribers.get(h.idOf(7004)))?.status).toBe('blocked');
    // 7004's kick counted once, then their 403 again: the status restored by hand made them active anew.
    expect(await thisWeek()).toEqual({ weekStart: '2026-11-23', joined: 4, left: 5 });
  });
});
