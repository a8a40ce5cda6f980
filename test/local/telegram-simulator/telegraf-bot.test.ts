// A real telegraf bot against the simulator, the way the product runs: webhook with a secret (createWebhook),
// bot.start/command/action handlers, answerCbQuery through the webhook reply, and polling with bot.launch().
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, Telegraf } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Harness } from './support';

let h: Harness;
let server: Server;
let bot: Telegraf;
const seenUpdateIds: number[] = [];
const memberships: string[] = [];

function buildBot(apiRoot: string, webhookReply = false): Telegraf {
  const b = new Telegraf(h.sim.token, { telegram: { apiRoot, webhookReply } });
  b.use(async (ctx, next) => {
    seenUpdateIds.push(ctx.update.update_id);
    await next();
  });
  b.start((ctx) =>
    ctx.reply(
      `Bienvenue ${ctx.from.first_name}`,
      Markup.inlineKeyboard([Markup.button.callback('Suivre', 'follow:12')]),
    ),
  );
  b.command('aide', (ctx) => ctx.reply('Tapez /start'));
  b.action(/^follow:(\d+)$/, async (ctx) => {
    await ctx.answerCbQuery('Suivi !');
    await ctx.editMessageText(`Vous suivez la démarche ${ctx.match[1]}`);
  });
  b.on('my_chat_member', (ctx) => {
    memberships.push(ctx.myChatMember.new_chat_member.status);
  });
  return b;
}

beforeEach(async () => {
  seenUpdateIds.length = 0;
  memberships.length = 0;
  h = await startSimulator({ rateLimits: false, webhookDelivery: { attempts: 2, backoffMs: [10] } });
});
afterEach(async () => {
  await h.sim.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => (server?.listening ? server.close(resolve) : resolve(undefined)));
});

describe('a telegraf bot on webhook', () => {
  let setHandler: (listener: RequestListener) => void;
  let hookDomain: string;

  beforeEach(async () => {
    let handler: RequestListener = (_req, res) => res.writeHead(503).end();
    setHandler = (listener) => (handler = listener);
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookDomain = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    bot = buildBot(h.sim.url);
    // createWebhook registers https://127.0.0.1:<port>/telegram; the simulator calls loopback hosts over http.
    setHandler(
      await bot.createWebhook({
        domain: hookDomain,
        path: '/telegram',
        secret_token: 'S3cret-token',
      }),
    );
  });

  it('replies to /start with a keyboard, then handles the press: toast and edit done when the press returns', async () => {
    const start = await h.sim.citizenSays(3001, '/start', { first_name: 'Dominique' });
    expect(start.delivery).toMatchObject({ delivered: true, status: 200 });
    const welcome = h.sim.lastBotMessage(3001)!;
    expect(welcome).toMatchObject({
      text: 'Bienvenue Dominique',
      reply_markup: { inline_keyboard: [[{ text: 'Suivre', callback_data: 'follow:12' }]] },
    });

    const press = await h.sim.citizenPresses(3001, { message_id: welcome.message_id, text: 'Suivre' });
    expect(press.delivery).toMatchObject({ delivered: true, status: 200 });
    const edited = h.sim.messages(3001).at(-1)!;
    expect(edited).toMatchObject({
      text: 'Vous suivez la démarche 12',
      edited: true,
      toasts: [{ callback_query_id: press.callback_query_id, text: 'Suivi !', show_alert: false }],
    });
    expect(edited.reply_markup).toBeUndefined();
  });

  it('executes the call telegraf puts in the webhook answer (webhookReply), which answers before the handler ends', async () => {
    const replying = buildBot(h.sim.url, true);
    setHandler(replying.webhookCallback('/telegram', { secretToken: 'S3cret-token' }));
    await h.sim.citizenSays(3006, '/start', { first_name: 'Fanny' });
    const welcome = h.sim.lastBotMessage(3006)!;
    const press = await h.sim.citizenPresses(3006, { message_id: welcome.message_id, callback_data: 'follow:12' });
    // The toast came in the webhook response itself; the edit is a later API call, as on Telegram.
    expect(h.sim.messages(3006).at(-1)!.toasts).toMatchObject([
      { callback_query_id: press.callback_query_id, text: 'Suivi !' },
    ]);
    expect(h.sim.stats().webhookReplies).toEqual({ executed: 1, failed: 0 });
    await expect.poll(() => h.sim.lastBotMessage(3006)?.text).toBe('Vous suivez la démarche 12');
  });

  it('fires bot.command, and my_chat_member on block', async () => {
    await h.sim.citizenSays(3002, '/aide');
    expect(h.sim.lastBotMessage(3002)?.text).toBe('Tapez /start');
    await h.sim.citizenBlocks(3002);
    expect(memberships).toEqual(['kicked']);
  });

  it('redelivers the same update_id to the bot', async () => {
    const said = await h.sim.citizenSays(3003, '/aide');
    await h.sim.redeliver(said.update_id);
    expect(seenUpdateIds).toEqual([said.update_id, said.update_id]);
  });

  it('is refused by telegraf when the secret token does not match', async () => {
    await h.telegram.setWebhook(h.sim.webhookInfo().url as string, { secret_token: 'another-secret' });
    const said = await h.sim.citizenSays(3004, '/aide');
    expect(said.delivery).toEqual({
      mode: 'webhook',
      delivered: false,
      attempts: 2,
      status: 403,
      error: 'Wrong response from the webhook: 403 Forbidden',
    });
    expect(seenUpdateIds).toEqual([]);
  });
});

describe('a telegraf bot on long polling', () => {
  it('receives updates through getUpdates after bot.launch()', async () => {
    bot = buildBot(h.sim.url);
    // onLaunch fires before telegraf's deleteWebhook: with dropPendingUpdates the citizen's message could be dropped.
    await new Promise<void>((launched) => void bot.launch(launched));
    await h.sim.citizenSays(3005, '/start', { first_name: 'Eli' });
    await expect.poll(() => h.sim.lastBotMessage(3005)?.text, { timeout: 3000 }).toBe('Bienvenue Eli');
    bot.stop('test over');
  });
});
