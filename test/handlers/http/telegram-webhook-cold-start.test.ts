// A cold start on AWS asks nothing of the Bot API: the webhook Lambda's module builds the bot
// without a call, and getMe is asked before the first update. If Telegram fails it then (5xx),
// the webhook answers 500 before claiming the update, so Telegram delivers it again and it is
// handled once getMe answers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type BotHarness,
  WEBHOOK_SECRET,
  postToWebhook,
  startBotHarness,
  startUpdate,
} from '../../adapters/telegram/bot/harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

const post = (body: unknown) => postToWebhook(h, body, WEBHOOK_SECRET);

it('answers 500 while getMe fails before the first update, then handles the redelivery', async () => {
  expect(h.bot.botInfo).toBeUndefined(); // a fresh bot, as after a cold start
  h.sim.openChat(5101);
  h.sim.injectFaults({ method: 'getMe', status: 502, count: 1 });
  const first = await post(startUpdate(7001, 5101));
  expect(first.status).toBe(500);
  expect(h.sim.lastBotMessage(5101)).toBeUndefined();

  const redelivered = await post(startUpdate(7001, 5101));
  expect(await redelivered.json()).toMatchObject({ outcome: 'handled' });
  expect(h.lastBot(5101).text).toContain('Acceptez-vous ?');
  // The refused getMe's error line was expected here; the harness fails on any other.
  h.logs.splice(0, h.logs.length, ...h.logs.filter((l) => !l.includes('telegram update not claimed')));
});
