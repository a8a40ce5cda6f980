// The webhook Lambda's entry as Lambda runs it (imported once, API Gateway payload 2.0 events), its
// secret in the Secrets Manager stand-in: before the operator writes the bot token it answers a clear
// 503 and says why in a WARN log (never a token); a failed secret read is not kept; once the token
// is written, or the webhook secret rotated, the next request past the max age follows. No redeploy.
import { afterAll, beforeAll, expect, it } from 'vitest';
// Types only: the module itself is imported once the environment is set.
import type { handler as WebhookHandler } from '#handlers/lambda/telegram-webhook';
import { METRIC } from '#adapters/metrics/names';
import {
  type LambdaWorld,
  SUBSCRIBER_KEY,
  WEBHOOK_SECRET,
  answered,
  httpEvent,
  lambdaContext,
  startLambdaWorld,
} from './support';

let w: LambdaWorld;
let handler: typeof WebhookHandler;
beforeAll(async () => {
  w = await startLambdaWorld({ adminToken: 'a'.repeat(40) });
  ({ handler } = await import('#handlers/lambda/telegram-webhook'));
});
afterAll(() => w.close());

const MAX_AGE_MS = 300_000;
const start = (updateId: number, chatId: number) => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: 1_790_000_000,
    chat: { id: chatId, type: 'private', first_name: 'Anne' },
    from: { id: chatId, is_bot: false, first_name: 'Anne' },
    text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  },
});
const deliver = async (body: unknown, secret: string | undefined) =>
  answered(
    await handler(
      httpEvent('POST', '/telegram/webhook', {
        body,
        headers: secret ? { 'x-telegram-bot-api-secret-token': secret } : {},
      }),
      lambdaContext(),
    ),
  );
const metric = (name: string) => w.printed().filter((line) => typeof line[name] === 'number').length;

it('answers 503 while the Telegram secret cannot be read, and reads it again at the next update', async () => {
  // The SDK's own 3 attempts all fail.
  w.sm.failNext(3, { status: 500, type: 'InternalServiceError' });
  const refused = await deliver(start(1, 4242), WEBHOOK_SECRET);
  expect(refused).toEqual({
    status: 503,
    body: { ok: false, error: 'service indisponible : secret Telegram illisible' },
  });
  expect(metric(METRIC.secretReadFailed)).toBe(1);
  w.later(1000);
  // Read again (not kept): now it says the bot is not configured yet.
  expect((await deliver(start(1, 4242), WEBHOOK_SECRET)).status).toBe(503);
  expect(metric(METRIC.secretReadFailed)).toBe(1);
});

it('answers a clear 503 until the bot token is written, and logs why without any secret', async () => {
  const refused = await deliver(start(2, 4242), WEBHOOK_SECRET);
  expect(refused.status).toBe(503);
  expect(refused.body?.error).toMatch(/^Telegram non configuré : le jeton du bot n’est pas encore écrit/);
  const warning = w.printed().find((line) => line.message === 'telegram update refused: Telegram is not configured');
  expect(warning).toMatchObject({ level: 'WARN', reason: expect.stringContaining('jeton du bot') });
  expect(metric(METRIC.webhookUnconfigured)).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(w.printed())).not.toContain(SUBSCRIBER_KEY);
});

it('takes the token the operator writes once the max age has passed, then follows a rotated webhook secret', async () => {
  w.sm.put('porte-voix/telegram', {
    botToken: w.sim.token,
    webhookSecret: WEBHOOK_SECRET,
    subscriberKey: SUBSCRIBER_KEY,
  });
  w.sim.openChat(4242);
  // Kept for its max age: a warm container still answers 503 for a while…
  expect((await deliver(start(3, 4242), WEBHOOK_SECRET)).status).toBe(503);
  // …then reads it again, builds the bot, and the update is handled.
  w.later(MAX_AGE_MS + 1000);
  expect(await deliver(start(3, 4242), WEBHOOK_SECRET)).toEqual({
    status: 200,
    body: { ok: true, outcome: 'handled' },
  });
  expect(w.sim.lastBotMessage(4242)?.text).toContain('Acceptez-vous ?');

  const rotated = 'rotated_webhook_secret_'.padEnd(40, 'r');
  w.sm.put('porte-voix/telegram', { botToken: w.sim.token, webhookSecret: rotated, subscriberKey: SUBSCRIBER_KEY });
  w.later(MAX_AGE_MS + 1000);
  expect((await deliver(start(4, 4242), WEBHOOK_SECRET)).status).toBe(401);
  expect(await deliver(start(4, 4242), rotated)).toEqual({ status: 200, body: { ok: true, outcome: 'handled' } });
  const printed = JSON.stringify(w.printed());
  for (const secret of [w.sim.token, WEBHOOK_SECRET, rotated, SUBSCRIBER_KEY]) expect(printed).not.toContain(secret);
});
