// Update delivery as Telegram does it: webhook POSTs with the secret token header, retries on failure with the same
// update_id, methods answered in the webhook response, and getUpdates long polling when no webhook is set.
import { setImmediate } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  http,
  startSimulator,
  startWebhookReceiver,
  telegramError,
  type Harness,
  type WebhookReceiver,
} from './support';

let h: Harness;
let hook: WebhookReceiver;

beforeEach(async () => {
  h = await startSimulator({ webhookDelivery: { attempts: 3, backoffMs: [10, 20], timeoutMs: 2000 } });
  hook = await startWebhookReceiver();
});
afterEach(async () => {
  await h.sim.stop();
  await hook.close();
});

describe('webhook delivery', () => {
  it('posts the update with the secret token header and reports the bot answer', async () => {
    expect(await h.telegram.setWebhook(hook.url, { secret_token: 'porte-voix_secret' })).toBe(true);
    const result = await h.sim.citizenSays(501, '/start', { first_name: 'Bea', language_code: 'fr' });
    expect(result.delivery).toEqual({ mode: 'webhook', delivered: true, status: 200, attempts: 1 });
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request!.headers['x-telegram-bot-api-secret-token']).toBe('porte-voix_secret');
    expect(request!.body).toMatchObject({
      update_id: result.update_id,
      message: {
        message_id: result.message_id,
        from: { id: 501, is_bot: false, first_name: 'Bea', language_code: 'fr' },
        chat: { id: 501, type: 'private' },
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    expect(await h.telegram.getWebhookInfo()).toMatchObject({
      url: hook.url,
      pending_update_count: 0,
      has_custom_certificate: false,
      max_connections: 40,
    });
  });

  it('retries a failing webhook with the same update_id and reports the error like getWebhookInfo', async () => {
    await h.telegram.setWebhook(hook.url);
    let calls = 0;
    hook.respond = () => ({ status: ++calls < 3 ? 500 : 200 });
    const result = await h.sim.citizenSays(502, 'Bonjour');
    expect(result.delivery).toEqual({ mode: 'webhook', delivered: true, status: 200, attempts: 3 });
    expect(hook.received.map((r) => r.body.update_id)).toEqual([result.update_id, result.update_id, result.update_id]);
    expect(await h.telegram.getWebhookInfo()).toMatchObject({
      last_error_message: 'Wrong response from the webhook: 500 Internal Server Error',
      pending_update_count: 0,
    });
  });

  it('keeps an undelivered update pending, and redelivers it on demand with the same update_id', async () => {
    await h.telegram.setWebhook(hook.url);
    hook.respond = () => ({ status: 502 });
    const result = await h.sim.citizenSays(503, 'Bonjour');
    expect(result.delivery).toMatchObject({ mode: 'webhook', delivered: false, status: 502, attempts: 3 });
    expect((await h.telegram.getWebhookInfo()).pending_update_count).toBe(1);

    hook.respond = () => ({ status: 200 });
    const redelivered = await http(`${h.sim.url}/simulator/updates/${result.update_id}/redeliver`, 'POST');
    expect(redelivered).toEqual({
      status: 200,
      body: { update_id: result.update_id, delivery: { mode: 'webhook', delivered: true, status: 200, attempts: 1 } },
    });
    expect(hook.received.at(-1)!.body).toEqual(hook.received[0]!.body);
    expect((await h.telegram.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it('reports a webhook nobody listens to as "Connection refused"', async () => {
    await h.telegram.setWebhook(hook.url);
    await hook.close();
    const result = await h.sim.citizenSays(504, 'Allô ?');
    expect(result.delivery).toEqual({ mode: 'webhook', delivered: false, attempts: 3, error: 'Connection refused' });
  });

  it('executes a method the bot answers in the webhook response (telegraf webhookReply)', async () => {
    await h.telegram.setWebhook(hook.url);
    hook.respond = (request) => ({
      status: 200,
      json: { method: 'sendMessage', chat_id: request.body.message.chat.id, text: 'Reçu !' },
    });
    await h.sim.citizenSays(505, 'Bonjour');
    expect(h.sim.messages(505).map((m) => [m.from, m.text])).toEqual([
      ['user', 'Bonjour'],
      ['bot', 'Reçu !'],
    ]);
    expect(h.sim.stats().webhookReplies).toEqual({ executed: 1, failed: 0 });
  });

  it('filters update types by allowed_updates', async () => {
    await h.telegram.setWebhook(hook.url, { allowed_updates: ['callback_query'] });
    const result = await h.sim.citizenSays(506, 'Bonjour');
    expect(result.delivery).toEqual({ mode: 'filtered', reason: 'message is not in allowed_updates' });
    expect(hook.received).toHaveLength(0);
  });

  it('validates the secret token', async () => {
    expect(await telegramError(h.telegram.setWebhook(hook.url, { secret_token: 'pas de espaces' }))).toEqual({
      code: 400,
      description: 'Bad Request: secret token contains unallowed characters',
    });
  });
});

describe('getUpdates', () => {
  it('refuses getUpdates while a webhook is set', async () => {
    await h.telegram.setWebhook(hook.url);
    expect(await telegramError(h.telegram.getUpdates(0, 100, 0, undefined))).toEqual({
      code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
  });

  it('long-polls: a waiting getUpdates returns as soon as a citizen writes; offset confirms', async () => {
    // In-process, the poll is waiting once the current turn is over: no guess at how long HTTP takes.
    let answered = false;
    const poll = h.sim.callApi('getUpdates', { timeout: 5 }).finally(() => (answered = true));
    await setImmediate();
    expect(answered).toBe(false);
    const said = await h.sim.citizenSays(601, '/aide');
    expect(said.delivery).toEqual({ mode: 'getUpdates', pending: 1 });
    expect(await poll).toEqual({ ok: true, result: [expect.objectContaining({ update_id: said.update_id })] });
    // Without a higher offset the update is returned again; with it, it is confirmed and forgotten.
    expect(await h.telegram.getUpdates(0, 100, 0, undefined)).toHaveLength(1);
    expect(await h.telegram.getUpdates(0, 100, said.update_id + 1, undefined)).toEqual([]);
    expect((await h.telegram.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it('delivers to a newly set webhook the updates queued while there was none', async () => {
    await h.sim.citizenSays(602, 'Pendant la panne');
    await h.telegram.setWebhook(hook.url);
    await expect.poll(() => hook.received.length).toBe(1);
    expect(hook.received[0]!.body.message.text).toBe('Pendant la panne');
  });
});
