// Telegram's flood limits as strict rolling windows: 30/s per bot, 1/s per chat, 1,000/s with allow_paid_broadcast,
// answered with 429 and a retry_after the sender must honour, and counted for the benchmark.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, telegramError, type Harness } from './support';

let h: Harness;
afterEach(() => h.sim.stop());

const openChats = (count: number) => {
  for (let id = 1; id <= count; id++) h.sim.openChat(id);
};

describe('rate limits', () => {
  it('accepts 30 messages in a second across chats and answers the 31st with 429 retry_after', async () => {
    h = await startSimulator();
    openChats(35);
    const results = await Promise.allSettled(
      Array.from({ length: 35 }, (_, i) => h.telegram.sendMessage(i + 1, `Bonjour ${i + 1}`)),
    );
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
    expect(rejected).toHaveLength(5);
    expect(rejected[0].response).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });

    h.advance(1000);
    expect((await h.telegram.sendMessage(31, 'Après la fenêtre')).text).toBe('Après la fenêtre');
    expect(h.sim.stats()).toMatchObject({
      sent: 31,
      rejected429: 5,
      rejected429ByScope: { global: 5, chat: 0, injected: 0 },
      peakSentPerSecond: 30,
    });
  });

  it('measures the window as rolling, not per calendar second', async () => {
    h = await startSimulator();
    openChats(60);
    for (let id = 1; id <= 30; id++) await h.telegram.sendMessage(id, 'x');
    h.advance(999);
    expect(await telegramError(h.telegram.sendMessage(31, 'x'))).toMatchObject({ code: 429, retry_after: 1 });
    h.advance(1);
    expect((await h.telegram.sendMessage(31, 'x')).chat.id).toBe(31);
  });

  it('allows one message per second to the same chat', async () => {
    h = await startSimulator();
    openChats(1);
    await h.telegram.sendMessage(1, 'Premier');
    h.advance(500);
    expect(await telegramError(h.telegram.sendMessage(1, 'Second'))).toEqual({
      code: 429,
      description: 'Too Many Requests: retry after 1',
      retry_after: 1,
    });
    h.advance(500);
    expect((await h.telegram.sendMessage(1, 'Second')).message_id).toBe(2);
    expect(h.sim.stats().rejected429ByScope).toEqual({ global: 0, chat: 1, injected: 0 });
  });

  it('raises the ceiling to 1,000/s with allow_paid_broadcast', async () => {
    h = await startSimulator({ autoCreateChats: true });
    const send = (chat: number, paid: boolean) =>
      h.sim.callApi('sendMessage', { chat_id: chat, text: 'Campagne', allow_paid_broadcast: paid });
    for (let chat = 1; chat <= 1000; chat++) expect((await send(chat, true)).ok).toBe(true);
    expect(await send(1001, true)).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 1 } });
    expect(await send(1002, false)).toMatchObject({ ok: false, error_code: 429 });
    expect(h.sim.stats()).toMatchObject({ sent: 1000, rejected429: 2, peakSentPerSecond: 1000 });
  });

  it('can be switched off, or count edits too', async () => {
    h = await startSimulator({ rateLimits: false });
    openChats(1);
    for (let i = 0; i < 50; i++) await h.sim.callApi('sendMessage', { chat_id: 1, text: `n°${i}` });
    expect(h.sim.stats()).toMatchObject({ sent: 50, rejected429: 0 });
    await h.sim.stop();

    h = await startSimulator({ rateLimits: { includeEdits: true } });
    openChats(1);
    const sent = await h.telegram.sendMessage(1, 'v1');
    expect(await telegramError(h.telegram.editMessageText(1, sent.message_id, undefined, 'v2'))).toMatchObject({
      code: 429,
    });
  });
});
