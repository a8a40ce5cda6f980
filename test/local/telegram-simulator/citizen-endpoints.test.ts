// The /simulator/ endpoints the README walk-through uses with curl: a citizen writes, presses, blocks; the
// conversation, chats and stats read back over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http, startSimulator, startWebhookReceiver, type Harness, type WebhookReceiver } from './support';

let h: Harness;
let hook: WebhookReceiver;
let api: string;

beforeEach(async () => {
  h = await startSimulator({ rateLimits: false });
  hook = await startWebhookReceiver();
  await h.telegram.setWebhook(hook.url, { secret_token: 'tok' });
  api = `${h.sim.url}/simulator`;
});
afterEach(async () => {
  await h.sim.stop();
  await hook.close();
});

const questionnaire = {
  inline_keyboard: [
    [
      { text: 'Oui', callback_data: 'q:7:yes' },
      { text: 'Non', callback_data: 'q:7:no' },
    ],
    [{ text: 'Le site', url: 'https://example.org' }],
  ],
};

describe('citizen endpoints', () => {
  it('a citizen writes: the bot gets a message update, the answer says how the webhook answered', async () => {
    const said = await http(`${api}/chats/77/messages`, 'POST', {
      text: '/start campagne-12',
      from: { first_name: 'Chloé', language_code: 'fr' },
    });
    expect(said).toEqual({
      status: 200,
      body: { update_id: 1, message_id: 1, delivery: { mode: 'webhook', delivered: true, status: 200, attempts: 1 } },
    });
    expect(hook.received[0]!.body.message).toMatchObject({
      text: '/start campagne-12',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      from: { first_name: 'Chloé' },
    });
    expect((await http(`${api}/chats`)).body).toEqual([
      {
        id: 77,
        first_name: 'Chloé',
        language_code: 'fr',
        blocked: false,
        messages: 1,
        last_message_at: expect.any(Number),
      },
    ]);
  });

  it('a citizen presses a button by label or data; forged data needs force', async () => {
    await http(`${api}/chats/78/messages`, 'POST', { text: '/start' });
    const question = await h.telegram.sendMessage(78, 'Êtes-vous pour ?', { reply_markup: questionnaire });

    const byLabel = await http(`${api}/chats/78/press`, 'POST', { message_id: question.message_id, text: 'Non' });
    expect(byLabel.status).toBe(200);
    expect(byLabel.body).toMatchObject({
      update_id: 2,
      callback_query_id: expect.any(String),
      delivery: { delivered: true, status: 200 },
    });
    expect(hook.received[1]!.body.callback_query).toMatchObject({
      id: byLabel.body.callback_query_id,
      data: 'q:7:no',
      from: { id: 78 },
      message: { message_id: question.message_id, text: 'Êtes-vous pour ?', reply_markup: questionnaire },
    });

    expect(
      await http(`${api}/chats/78/press`, 'POST', { message_id: question.message_id, callback_data: 'q:7:maybe' }),
    ).toEqual({
      status: 400,
      body: {
        ok: false,
        error: `no button with callback_data "q:7:maybe" on message ${question.message_id}; buttons: ["Oui","Non","Le site"]`,
      },
    });
    expect(
      (await http(`${api}/chats/78/press`, 'POST', { message_id: question.message_id, text: 'Le site' })).status,
    ).toBe(400);
    const forged = await http(`${api}/chats/78/press`, 'POST', {
      message_id: question.message_id,
      callback_data: 'q:7:maybe',
      force: true,
    });
    expect(forged.status).toBe(200);
    expect(hook.received.at(-1)!.body.callback_query.data).toBe('q:7:maybe');
  });

  it('the conversation shows both directions, buttons as they are now, edits and toasts', async () => {
    await http(`${api}/chats/79/messages`, 'POST', { text: 'Bonjour' });
    const question = await h.telegram.sendMessage(79, 'Êtes-vous pour ?', { reply_markup: questionnaire });
    const press = await http(`${api}/chats/79/press`, 'POST', {
      message_id: question.message_id,
      callback_data: 'q:7:yes',
    });
    await h.telegram.answerCbQuery(press.body.callback_query_id, 'Merci !', { show_alert: true });
    await h.telegram.editMessageReplyMarkup(79, question.message_id, undefined, {
      inline_keyboard: [[{ text: 'Oui ✅', callback_data: 'q:7:yes' }]],
    });

    const { status, body } = await http(`${api}/chats/79/messages`);
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        message_id: 1,
        from: 'user',
        date: expect.any(Number),
        text: 'Bonjour',
        edited: false,
        deleted: false,
        toasts: [],
      },
      {
        message_id: 2,
        from: 'bot',
        date: expect.any(Number),
        text: 'Êtes-vous pour ?',
        source: 'Êtes-vous pour ?',
        reply_markup: { inline_keyboard: [[{ text: 'Oui ✅', callback_data: 'q:7:yes' }]] },
        edited: true,
        edit_date: expect.any(Number),
        deleted: false,
        toasts: [
          {
            callback_query_id: press.body.callback_query_id,
            text: 'Merci !',
            show_alert: true,
            date: expect.any(Number),
          },
        ],
      },
    ]);
  });

  it('blocking sends my_chat_member "kicked" and makes sends fail with 403; writing again restarts the bot', async () => {
    await http(`${api}/chats/80/messages`, 'POST', { text: '/start' });
    const blocked = await http(`${api}/chats/80/block`, 'POST');
    expect(blocked.body).toMatchObject({ changed: true, update_id: 2, delivery: { delivered: true } });
    expect(hook.received[1]!.body.my_chat_member).toMatchObject({
      chat: { id: 80 },
      from: { id: 80 },
      old_chat_member: { status: 'member', user: { id: 7000000001, is_bot: true } },
      new_chat_member: { status: 'kicked', until_date: 0 },
    });
    const refused = await http(`${h.sim.url}/bot${h.sim.token}/sendMessage`, 'POST', {
      chat_id: 80,
      text: 'Nouvelle campagne',
    });
    expect(refused).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });

    const again = await http(`${api}/chats/80/messages`, 'POST', { text: '/start' });
    expect(again.body.unblocked).toMatchObject({ changed: true, update_id: 3 });
    expect(hook.received[2]!.body.my_chat_member.new_chat_member.status).toBe('member');
    expect(again.body.update_id).toBe(4);
    expect((await h.telegram.sendMessage(80, 'Re-bonjour')).text).toBe('Re-bonjour');
  });

  it('unblock is explicit too, and a no-op when nothing changes', async () => {
    await http(`${api}/chats/81/messages`, 'POST', { text: '/start' });
    expect((await http(`${api}/chats/81/unblock`, 'POST')).body).toEqual({ changed: false });
    await http(`${api}/chats/81/block`, 'POST');
    expect((await http(`${api}/chats/81/unblock`, 'POST')).body).toMatchObject({ changed: true, update_id: 3 });
  });

  it('update ids increase monotonically across chats and kinds', async () => {
    const ids: number[] = [];
    for (const chat of [90, 91, 90])
      ids.push((await http(`${api}/chats/${chat}/messages`, 'POST', { text: 'x' })).body.update_id);
    ids.push((await http(`${api}/chats/91/block`, 'POST')).body.update_id);
    expect(ids).toEqual([1, 2, 3, 4]);
    expect((await http(`${api}/updates/2`)).body).toMatchObject({ update_id: 2, message: { chat: { id: 91 } } });
  });

  it('answers unknown chats and bad bodies with clear errors', async () => {
    expect(await http(`${api}/chats/404/messages`)).toEqual({
      status: 404,
      body: { ok: false, error: 'chat 404 not found' },
    });
    expect((await http(`${api}/chats/82/messages`, 'POST', { from: {} })).status).toBe(400);
    expect((await http(`${api}/chats/-5/messages`, 'POST', { text: 'x' })).status).toBe(400);
    expect((await http(`${api}/nowhere`)).status).toBe(404);
  });

  it('exposes stats and an index for the walk-through', async () => {
    await http(`${api}/chats/83/messages`, 'POST', { text: '/start' });
    await h.telegram.sendMessage(83, 'Bienvenue');
    expect((await http(`${api}/stats`)).body).toMatchObject({
      sent: 1,
      rejected429: 0,
      byMethod: { sendMessage: { ok: 1, failed: 0 } },
      updates: { created: 1, delivered: 1 },
    });
    expect((await http(api)).body).toMatchObject({
      bot: { username: 'porte_voix_sim_bot' },
      token: h.sim.token,
      api_root: h.sim.url,
    });
  });
});
