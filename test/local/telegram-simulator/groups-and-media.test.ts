// Groups, channels, non-text messages and edits in the simulator: the updates Telegram sends for
// them, leaveChat and the « left » it reports, and the errors of a bot writing where it may not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramSimulator } from '#local/telegram-simulator/index';
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

const updates = () => hook.received.map((r) => r.body);

describe('non-text messages and edits', () => {
  it('sends a photo, a sticker, a voice message, a document, a location as Telegram does, without text', async () => {
    for (const kind of ['photo', 'sticker', 'voice', 'document', 'location', 'animation'] as const)
      await http(`${api}/chats/81/attachments`, 'POST', { kind, ...(kind === 'photo' ? { caption: 'le parc' } : {}) });
    const messages = updates().map((u) => u.message);
    expect(messages.every((m) => m.text === undefined && m.chat.type === 'private')).toBe(true);
    expect(messages[0]).toMatchObject({ photo: [{ width: 1280 }], caption: 'le parc' });
    expect(messages[1].sticker).toMatchObject({ type: 'regular', file_id: expect.any(String) });
    expect(messages[2].voice).toMatchObject({ duration: expect.any(Number), mime_type: 'audio/ogg' });
    expect(messages[3].document).toMatchObject({ file_name: 'document.pdf' });
    expect(messages[4].location).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number) });
    // A GIF carries document too, for older clients.
    expect(Object.keys(messages[5])).toEqual(expect.arrayContaining(['animation', 'document']));
    expect((await http(`${api}/chats/81/attachments`, 'POST', { kind: 'hologram' })).status).toBe(400);
  });

  it('an edit arrives as edited_message with edit_date; only the citizen’s own text can be edited', async () => {
    const said = await h.sim.citizenSays(82, 'bonjour');
    h.advance(5_000);
    const edited = await http(`${api}/chats/82/edit`, 'POST', { message_id: said.message_id, text: '/aide svp' });
    expect(edited.status).toBe(200);
    const update = updates().at(-1);
    expect(update.edited_message).toMatchObject({
      message_id: said.message_id,
      text: '/aide svp',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      edit_date: expect.any(Number),
    });
    expect(update.edited_message.edit_date).toBeGreaterThan(update.edited_message.date);
    expect(h.sim.messages(82)[0]).toMatchObject({ text: '/aide svp', edited: true });
    await h.telegram.sendMessage(82, 'Réponse du bot');
    const botMessage = h.sim.lastBotMessage(82)!.message_id;
    expect((await http(`${api}/chats/82/edit`, 'POST', { message_id: botMessage, text: 'x' })).status).toBe(404);
  });
});

describe('groups and channels', () => {
  it('adding the bot to a group sends my_chat_member and the service message; leaveChat reports « left »', async () => {
    const added = await http(`${api}/groups`, 'POST', {
      id: -4_242,
      type: 'group',
      title: 'Quartier Zola',
      by: { id: 83, first_name: 'Inès', language_code: 'fr' },
    });
    expect(added.status).toBe(201);
    expect(added.body.update_ids).toHaveLength(2);
    const [member, service] = updates();
    expect(member.my_chat_member).toMatchObject({
      chat: { id: -4_242, type: 'group', title: 'Quartier Zola' },
      from: { id: 83, first_name: 'Inès' },
      old_chat_member: { status: 'left', user: { is_bot: true } },
      new_chat_member: { status: 'member', user: { is_bot: true } },
    });
    expect(service.message).toMatchObject({ chat: { id: -4_242 }, new_chat_members: [{ is_bot: true }] });

    await http(`${api}/groups/-4242/messages`, 'POST', { text: '/start@porte_voix_sim_bot' });
    expect(updates().at(-1).message).toMatchObject({ chat: { type: 'group' }, from: { id: 83 } });
    await h.telegram.sendMessage(-4_242, 'Je fonctionne en privé.');
    expect((await http(`${api}/groups/-4242/messages`)).body.map((m: { text?: string }) => m.text)).toContain(
      'Je fonctionne en privé.',
    );

    expect(await h.telegram.leaveChat(-4_242)).toBe(true);
    await h.sim.settle(); // Telegram answers leaveChat first, then tells the bot
    expect(updates().at(-1).my_chat_member).toMatchObject({
      from: { is_bot: true },
      old_chat_member: { status: 'member' },
      new_chat_member: { status: 'left' },
    });
    expect(await telegramError(h.telegram.sendMessage(-4_242, 'encore'))).toMatchObject({
      code: 403,
      description: 'Forbidden: bot is not a member of the group chat',
    });
    expect(await telegramError(h.telegram.leaveChat(-4_242))).toMatchObject({ code: 403 });
    expect((await http(`${api}/groups/-4242/messages`, 'POST', { text: 'allô ?' })).status).toBe(409);
    expect(h.sim.chats().find((c) => c.id === -4_242)).toMatchObject({
      type: 'group',
      first_name: 'Quartier Zola',
      bot_status: 'left',
    });
  });

  it('a channel: the bot is an administrator, posts only with can_post_messages, channel posts have no from', async () => {
    await h.sim.addBotToGroup({ id: -1_000_000_000_001, type: 'channel', title: 'Canal', by: { id: 84 } });
    expect(updates()).toHaveLength(1); // no service message in a channel
    expect(updates()[0].my_chat_member.new_chat_member).toMatchObject({
      status: 'administrator',
      can_post_messages: true,
    });
    await h.sim.citizenWritesInGroup(-1_000_000_000_001, 'Réunion jeudi');
    const post = updates().at(-1).channel_post;
    expect(post).toMatchObject({ text: 'Réunion jeudi', sender_chat: { type: 'channel' } });
    expect(post.from).toBeUndefined();

    await h.sim.addBotToGroup({
      id: -1_000_000_000_002,
      type: 'channel',
      title: 'Canal sans droit',
      by: { id: 84 },
      can_post_messages: false,
    });
    expect(await telegramError(h.telegram.sendMessage(-1_000_000_000_002, 'x'))).toMatchObject({
      code: 400,
      description: 'Bad Request: need administrator rights in the channel chat',
    });
  });

  it('refuses what Telegram refuses: a private chat cannot be left; group ids are negative', async () => {
    await h.sim.citizenSays(85, 'bonjour');
    expect(await telegramError(h.telegram.leaveChat(85))).toMatchObject({ code: 400 });
    const positive = await http(`${api}/groups`, 'POST', { id: 5, type: 'group', title: 'x', by: { id: 85 } });
    expect(positive.status).toBe(400);
  });
});

describe('persistence', () => {
  it('keeps a group, its title and the bot’s status there across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-groups-'));
    try {
      const file = join(dir, 'telegram.json');
      const first = createTelegramSimulator({ persistFile: file });
      await first.addBotToGroup({ id: -4_343, type: 'supergroup', title: 'Voisins', by: { id: 86 } });
      await first.stop();
      const second = createTelegramSimulator({ persistFile: file });
      expect(second.chats().find((c) => c.id === -4_343)).toMatchObject({
        type: 'supergroup',
        first_name: 'Voisins',
        bot_status: 'member',
      });
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
