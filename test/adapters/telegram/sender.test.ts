// The Telegram sender against the embedded Bot API simulator (telegraf's real HTTP client, the
// simulator's strict rolling windows and fault injection): pacing under 30/s and 1/s per chat,
// 429 retry_after honoured, 403 blocked, 5xx and refused connections retried then failed, unknown
// outcomes retried and flagged; allow_paid_broadcast when the campaign pays for it. The sender and the simulator share one virtual clock: pacing, backoff
// and retry_after are judged on the time the sender paced itself by, never on how busy the machine is.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type TelegramCampaignSender,
  type TelegramSenderOptions,
  createTelegramSender,
} from '#adapters/telegram/sender';
import type { TelegramCampaignMessage } from '#adapters/telegram/campaign-message';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { VirtualTimers, settleOnVirtualTime } from '../../support/virtual-timers';

const timers = new VirtualTimers();
let sim: TelegramSimulator;
beforeAll(async () => {
  sim = createTelegramSimulator({ clock: timers.now });
  await sim.start();
});
afterAll(() => sim.stop());
afterEach(() => sim.reset());

const senders: TelegramCampaignSender[] = [];
afterEach(() => senders.splice(0).forEach((s) => s.close()));
const sender = (options: Partial<TelegramSenderOptions> = {}) => {
  const s = createTelegramSender({ token: sim.token, apiRoot: sim.url, backoffMs: 10, timers, ...options });
  senders.push(s);
  return s;
};
/** Settles the sends, moving virtual time whenever no request is on its way to the simulator. */
const settle = <T>(work: Promise<T>) => settleOnVirtualTime(timers, work, () => senders.every((s) => s.inFlight === 0));

const message: TelegramCampaignMessage = {
  html: '<b>Plan vélo</b>\n\nDonnez votre avis.',
  length: 29,
  limit: 4096,
  replyMarkup: {
    inline_keyboard: [
      [
        { text: 'Oui', callback_data: 'a:q1:freq:1' },
        { text: 'Non', callback_data: 'a:q1:freq:0' },
      ],
    ],
  },
};

const openChats = (from: number, count: number) => Array.from({ length: count }, (_, i) => sim.openChat(from + i).id);

describe('Telegram sender', () => {
  it('sends HTML with inline buttons and returns the message id', async () => {
    const [chat] = openChats(1, 1);
    const result = await settle(sender().send(chat!, message));
    expect(result).toMatchObject({ status: 'sent', attempts: 1, uncertain: false });
    const [seen] = sim.messages(chat!);
    expect(result.status === 'sent' && result.messageId).toBe(seen!.message_id);
    expect(seen).toMatchObject({ from: 'bot', text: 'Plan vélo\n\nDonnez votre avis.', parse_mode: 'HTML' });
    expect(seen!.reply_markup?.inline_keyboard[0]?.map((b) => b.callback_data)).toEqual(['a:q1:freq:1', 'a:q1:freq:0']);
  });

  it('sends a photo with its caption, or the image as link preview', async () => {
    const [chat] = openChats(1, 1);
    const s = sender();
    expect(await settle(s.send(chat!, { ...message, photoUrl: 'https://example.org/velo.jpg' }))).toMatchObject({
      status: 'sent',
    });
    expect(sim.lastBotMessage(chat!)).toMatchObject({
      photo: 'https://example.org/velo.jpg',
      caption: 'Plan vélo\n\nDonnez votre avis.',
    });
  });

  it('keeps under 30 messages/s across chats: no 429 over 45 chats', async () => {
    const chats = openChats(100, 45);
    const s = sender();
    const started = timers.now();
    const results = await settle(Promise.all(chats.map((chat) => s.send(chat, message))));
    expect(results.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(timers.now() - started).toBeGreaterThanOrEqual(1000); // the 31st waits for the window
    expect(sim.stats()).toMatchObject({ sent: 45, rejected429: 0 });
    expect(sim.stats().peakSentPerSecond).toBeLessThanOrEqual(30);
  });

  it('sends with allow_paid_broadcast when the campaign pays for it: 45 chats within a second, no 429', async () => {
    const chats = openChats(200, 45);
    const s = sender();
    const started = timers.now();
    const paid = { ...message, paidBroadcast: true };
    const results = await settle(Promise.all(chats.map((chat) => s.send(chat, paid))));
    expect(results.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // Past 30 in a second: the strict simulator accepts them only with the flag (its 1,000/s ceiling).
    expect(sim.stats()).toMatchObject({ sent: 45, rejected429: 0 });
    expect(sim.stats().peakSentPerSecond).toBe(45);
    expect(timers.now() - started).toBeLessThan(1000);
  });

  it('keeps under 1 message/s to one chat', async () => {
    const [chat] = openChats(1, 1);
    const s = sender();
    const started = timers.now();
    const results = await settle(
      Promise.all([1, 2, 3].map((n) => s.send(chat!, { ...message, html: `Message ${n}` }))),
    );
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(timers.now() - started).toBeGreaterThanOrEqual(2000);
    expect(sim.stats().rejected429).toBe(0);
  });

  it('waits out a 429 storm for retry_after, then sends once', async () => {
    const [chat] = openChats(1, 1);
    // 3 s each: more than the per-chat pace alone would wait (1 s), so only honouring retry_after passes.
    sim.injectFaults({ method: 'sendMessage', status: 429, retryAfter: 3, count: 2 });
    const started = timers.now();
    const result = await settle(sender().send(chat!, message));
    // The two 429s are counted on the result: the send job publishes them as telegram.rateLimited.
    expect(result).toMatchObject({ status: 'sent', attempts: 3, uncertain: false, rateLimited: 2 });
    expect(timers.now() - started).toBeGreaterThanOrEqual(6000);
    expect(sim.messages(chat!)).toHaveLength(1);
  });

  it('defers a message whose 429 waits would pass its budget or its deadline', async () => {
    const [chat] = openChats(1, 1);
    sim.injectFaults({ method: 'sendMessage', status: 429, retryAfter: 30, count: 1 });
    const started = timers.now();
    expect(await settle(sender({ maxRetryAfterMs: 5000 }).send(chat!, message))).toMatchObject({
      status: 'deferred',
      attempts: 1,
      uncertain: false,
    });
    expect(timers.now()).toBe(started); // deferred at once, not after waiting

    sim.injectFaults({ method: 'sendMessage', status: 429, retryAfter: 3, count: 1 });
    // The job's deadline falls 2 s into the 3 s pause.
    const deadline = new AbortController();
    void timers.sleep(2000).then(() => deadline.abort());
    const result = await settle(sender().send(chat!, message, { signal: deadline.signal }));
    expect(result).toMatchObject({ status: 'deferred', uncertain: false });
    expect(timers.now() - started).toBe(2000);
    expect(sim.messages(chat!)).toHaveLength(0);
  });

  it('reports a chat that blocked the bot (403) as blocked, without retrying', async () => {
    const [chat] = openChats(1, 1);
    await sim.citizenBlocks(chat!);
    expect(await settle(sender().send(chat!, message))).toMatchObject({
      status: 'blocked',
      attempts: 1,
      error: expect.stringContaining('403'),
    });
  });

  it('fails a refused message at once (400 chat not found)', async () => {
    expect(await settle(sender().send(999_999, message))).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: expect.stringContaining('chat not found'),
    });
  });

  it('retries 5xx with backoff, then fails after the bounded attempts', async () => {
    const [a, b] = openChats(1, 2);
    sim.injectFaults({ chatId: a, status: 502, count: 2 });
    expect(await settle(sender().send(a!, message))).toMatchObject({ status: 'sent', attempts: 3, uncertain: false });
    sim.injectFaults({ chatId: b, status: 500, count: Infinity });
    expect(await settle(sender({ maxAttempts: 3 }).send(b!, message))).toMatchObject({
      status: 'failed',
      attempts: 3,
      uncertain: false,
    });
    expect(sim.messages(a!)).toHaveLength(1);
    expect(sim.messages(b!)).toHaveLength(0);
  });

  it('retries a refused connection (known not sent) and fails it after the bounded attempts', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await settle(sender({ apiRoot: `http://127.0.0.1:${port}`, maxAttempts: 2 }).send(1, message));
    expect(result).toMatchObject({
      status: 'failed',
      attempts: 2,
      uncertain: false,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('sends again after a timeout and flags the possible duplicate', async () => {
    const [chat] = openChats(1, 1);
    // The first call takes effect but answers too late: the physical floor of duplicates.
    sim.injectFaults({ method: 'sendMessage', delayMs: 400, count: 1 });
    // Both waits are real ones: the simulator holds the answer longer than the sender's timeout, on the same event loop.
    const result = await settle(sender({ requestTimeoutMs: 150 }).send(chat!, message));
    expect(result).toMatchObject({ status: 'sent', attempts: 2, uncertain: true });
    expect(sim.messages(chat!)).toHaveLength(2);
  });

  it('treats a connection cut mid-call as an unknown outcome', async () => {
    const [chat] = openChats(1, 1);
    sim.injectFaults({ method: 'sendMessage', drop: 'before', count: 1 });
    expect(await settle(sender().send(chat!, message))).toMatchObject({ status: 'sent', attempts: 2, uncertain: true });
    expect(sim.messages(chat!)).toHaveLength(1);
  });
});
