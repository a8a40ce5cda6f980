// POST /telegram/webhook over HTTP, with Telegram played by the simulator and the real store:
// the secret is checked before anything, each update_id is handled once, odd bodies are
// acknowledged, a store outage makes Telegram deliver again, and logs carry no chat id or text.
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#adapters/dynamodb/client';
import { TELEGRAM_WEBHOOK_PATH, secretMatches, telegramWebhookRoutes } from '#handlers/http/telegram-webhook';
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

// No secret unless given: the 401 cases send none, or a wrong one.
const post = (body: unknown, secret?: string) => postToWebhook(h, body, secret);

describe('POST /telegram/webhook', () => {
  it('answers 401 to a missing or wrong secret and stores nothing', async () => {
    h.sim.openChat(5001);
    for (const secret of [undefined, '', 'wrong', `${WEBHOOK_SECRET}x`, WEBHOOK_SECRET.slice(0, -1)]) {
      const res = await post(startUpdate(900 + (secret?.length ?? 0), 5001), secret);
      expect(res.status, String(secret)).toBe(401);
    }
    expect(await h.itemCount()).toBe(0);
    expect(h.sim.stats().sent).toBe(0);
    expect(secretMatches(WEBHOOK_SECRET, WEBHOOK_SECRET)).toBe(true);
  });

  it('acknowledges bodies that are not updates, or updates it does not handle, without storing', async () => {
    const bodies = [
      'not json',
      {},
      { update_id: 'x' },
      { update_id: 7, message: { chat: 'nope' } },
      { update_id: 8, message_reaction: { chat: { id: 1, type: 'private' }, message_id: 1, date: 0 } },
    ];
    for (const body of bodies) {
      const res = await post(body, WEBHOOK_SECRET);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, outcome: 'ignored' });
    }
    expect(await h.itemCount()).toBe(0);
  });

  it('handles a redelivered update_id once', async () => {
    const { update_id } = await h.say(5002, '/start');
    const sent = h.sim.stats().sent;
    const items = await h.itemCount();
    const again = await h.sim.redeliver(update_id);
    expect(again.delivery).toMatchObject({ mode: 'webhook', delivered: true, status: 200 });
    const direct = await post(h.sim.update(update_id), WEBHOOK_SECRET);
    expect(await direct.json()).toMatchObject({ ok: true, outcome: 'duplicate' });
    expect(h.sim.stats().sent).toBe(sent);
    expect(h.botMessages(5002)).toHaveLength(1);
    expect(await h.itemCount()).toBe(items);
  });

  it('answers 500 while the store is down, so Telegram delivers the update again', async () => {
    await h.testStore.client.send(new DeleteTableCommand({ TableName: h.testStore.tableName }));
    h.sim.openChat(5003);
    const res = await post(startUpdate(950, 5003), WEBHOOK_SECRET);
    expect(res.status).toBe(500);
    expect(h.logs.some((l) => l.includes('telegram update not claimed'))).toBe(true);
    await ensureTable(h.testStore.client, h.testStore.tableName);
    const retried = await post(startUpdate(950, 5003), WEBHOOK_SECRET);
    expect(await retried.json()).toMatchObject({ outcome: 'handled' });
    expect(h.lastBot(5003).text).toContain('Acceptez-vous ?');
    // The outage's error line was expected here; the harness fails on any other.
    h.logs.splice(0, h.logs.length, ...h.logs.filter((l) => !l.includes('telegram update not claimed')));
  });

  it('apologises once when handling fails after the claim, and does not replay the update', async () => {
    h.sim.injectFaults({ method: 'sendMessage', chatId: 5004, status: 502, count: 1 });
    const { update_id } = await h.say(5004, '/start');
    expect(h.lastBot(5004).text).toContain('Un souci technique');
    expect((await h.sim.redeliver(update_id)).delivery).toMatchObject({ status: 200 });
    expect(h.botMessages(5004)).toHaveLength(1);
    expect(h.logs.filter((l) => l.includes('"update failed"'))).toHaveLength(1);
    h.logs.splice(0, h.logs.length, ...h.logs.filter((l) => !l.includes('"update failed"')));
  });

  it('never logs a chat id or a citizen’s text, only the pseudonym', async () => {
    const chatId = 987654321;
    const secretText = 'Mon avis très personnel';
    await h.subscribe(chatId);
    await h.say(chatId, secretText);
    await h.say(chatId, '/mesdonnees');
    await h.sim.citizenBlocks(chatId);
    const all = h.logs.join('\n');
    expect(all).toContain(h.idOf(chatId));
    expect(all).not.toContain(String(chatId));
    expect(all).not.toContain(secretText);
    expect(all).not.toContain('Anne');
  });

  it('refuses a body over 1 MB with 413 before handling it, and a stranger still gets 401', async () => {
    // In process: over a socket, a body cut short by an early answer would leave the client's
    // keep-alive connection in a state this test is not about.
    const app = telegramWebhookRoutes(h.deps, h.bot, { secret: WEBHOOK_SECRET });
    const send = (body: unknown, secret: string) =>
      app.request(TELEGRAM_WEBHOOK_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
        body: JSON.stringify(body),
      });
    h.sim.openChat(5005);
    const huge = { ...startUpdate(950, 5005), padding: 'x'.repeat(2 * 1024 * 1024) };
    const refused = await send(huge, WEBHOOK_SECRET);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ ok: false });
    expect((await send(huge, 'wrong')).status).toBe(401);
    expect(h.botMessages(5005)).toHaveLength(0);
    // What Telegram really sends, a long message with its entities, stays well under the cap.
    const long = startUpdate(951, 5005);
    long.message.text = `/start ${'é'.repeat(4000)}`;
    expect((await send(long, WEBHOOK_SECRET)).status).toBe(200);
    h.logs.splice(0, h.logs.length, ...h.logs.filter((l) => !l.includes('body over 1 MB')));
  });
});
