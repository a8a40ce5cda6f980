// The Bot API methods, driven by telegraf's own client as the product's bot drives them: answers, shapes, errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http, startSimulator, telegramError, type Harness } from './support';

let h: Harness;
const CITIZEN = 4242;

beforeEach(async () => {
  h = await startSimulator({ rateLimits: false });
  h.sim.openChat(CITIZEN, { first_name: 'Anne', language_code: 'fr' });
});
afterEach(() => h.sim.stop());

describe('authentication and routing', () => {
  it('answers getMe with the bot derived from the token', async () => {
    const me = await h.telegram.getMe();
    expect(me).toMatchObject({ id: 7000000001, is_bot: true, username: 'porte_voix_sim_bot', can_join_groups: true });
  });

  it('refuses a wrong token with 401 and an unknown method with 404, as api.telegram.org', async () => {
    expect(await http(`${h.sim.url}/bot123:wrong/getMe`)).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await http(`${h.sim.url}/bot${h.sim.token}/sendCarrierPigeon`, 'POST', {})).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
  });

  it('accepts url-encoded parameters and case-insensitive method names', async () => {
    const response = await fetch(`${h.sim.url}/bot${h.sim.token}/SENDMESSAGE`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: String(CITIZEN),
        text: 'Bonjour',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] }),
      }),
    });
    const body = (await response.json()) as any;
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ message_id: 1, chat: { id: CITIZEN, type: 'private' }, text: 'Bonjour' });
    expect(body.result.reply_markup.inline_keyboard[0][0]).toEqual({ text: 'OK', callback_data: 'ok' });
  });

  it('reads multipart bodies (photo upload) and answers 400 on a broken one', async () => {
    const form = new FormData();
    form.set('chat_id', String(CITIZEN));
    form.set('caption', 'Affiche');
    form.set('photo', new Blob([Buffer.from('fake-jpeg')]), 'affiche.jpg');
    const sent = (await (
      await fetch(`${h.sim.url}/bot${h.sim.token}/sendPhoto`, { method: 'POST', body: form })
    ).json()) as any;
    expect(sent.ok).toBe(true);
    expect(sent.result.photo).toHaveLength(3);
    expect(h.sim.lastBotMessage(CITIZEN)).toMatchObject({ photo: 'upload:affiche.jpg', caption: 'Affiche' });

    const broken = await fetch(`${h.sim.url}/bot${h.sim.token}/sendPhoto`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'not multipart at all',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: can't parse multipart/form-data request body",
    });
  });
});

describe('sendMessage', () => {
  it('returns the Message, with HTML parsed into entities and the text counted without tags', async () => {
    const message = await h.telegram.sendMessage(
      CITIZEN,
      '<b>Île de Nantes</b> : atelier <a href="https://example.org">ici</a>',
      { parse_mode: 'HTML' },
    );
    expect(message).toMatchObject({
      message_id: 1,
      from: { id: 7000000001, is_bot: true },
      chat: { id: CITIZEN, type: 'private', first_name: 'Anne' },
      text: 'Île de Nantes : atelier ici',
      entities: [
        { type: 'bold', offset: 0, length: 13 },
        { type: 'text_link', offset: 24, length: 3, url: 'https://example.org' },
      ],
    });
    expect(h.sim.messages(CITIZEN)[0]).toMatchObject({
      from: 'bot',
      source: '<b>Île de Nantes</b> : atelier <a href="https://example.org">ici</a>',
      parse_mode: 'HTML',
    });
  });

  it('refuses 4,097 characters but accepts 4,096 (markup excluded)', async () => {
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, 'a'.repeat(4097)))).toEqual({
      code: 400,
      description: 'Bad Request: message is too long',
    });
    const fits = await h.telegram.sendMessage(CITIZEN, `<b>${'a'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    expect(fits.text).toHaveLength(4096);
  });

  it('refuses empty text, unknown chats, and broken markup with Telegram descriptions', async () => {
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, ''))).toEqual({
      code: 400,
      description: 'Bad Request: message text is empty',
    });
    expect(await telegramError(h.telegram.sendMessage(999, 'Bonjour'))).toEqual({
      code: 400,
      description: 'Bad Request: chat not found',
    });
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, '<b>oops', { parse_mode: 'HTML' }))).toEqual({
      code: 400,
      description: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    });
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, 'Fin.', { parse_mode: 'MarkdownV2' }))).toEqual({
      code: 400,
      description: `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'`,
    });
  });

  it('validates inline keyboards: callback_data is 1–64 bytes', async () => {
    const keyboard = (data: string) => ({
      reply_markup: { inline_keyboard: [[{ text: 'Voter', callback_data: data }]] },
    });
    expect(
      (await h.telegram.sendMessage(CITIZEN, 'ok', keyboard('é'.repeat(32)))).reply_markup?.inline_keyboard[0]?.[0],
    ).toEqual({ text: 'Voter', callback_data: 'é'.repeat(32) });
    // 33 × "é" is 33 characters but 66 bytes: Telegram counts bytes.
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, 'ko', keyboard('é'.repeat(33))))).toEqual({
      code: 400,
      description: 'Bad Request: BUTTON_DATA_INVALID',
    });
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, 'ko', keyboard('')))).toEqual({
      code: 400,
      description: 'Bad Request: BUTTON_DATA_INVALID',
    });
    expect(
      await telegramError(
        h.telegram.sendMessage(CITIZEN, 'ko', { reply_markup: { inline_keyboard: [[{ text: 'nu' } as never]] } }),
      ),
    ).toEqual({
      code: 400,
      description: "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    });
  });

  it('answers 403 once the citizen blocked the bot', async () => {
    await h.sim.citizenBlocks(CITIZEN);
    expect(await telegramError(h.telegram.sendMessage(CITIZEN, 'Bonjour'))).toEqual({
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    expect(h.sim.stats().errorsByCode).toEqual({ 403: 1 });
  });
});

describe('sendPhoto', () => {
  it('takes a URL, returns sizes whose file_id can be reused, and limits the caption to 1,024 characters', async () => {
    const photo = await h.telegram.sendPhoto(CITIZEN, 'https://example.org/affiche.jpg', {
      caption: 'Réunion publique',
    });
    expect(photo.caption).toBe('Réunion publique');
    const largest = photo.photo.at(-1)!;
    expect(largest.width).toBe(800);
    await h.telegram.sendPhoto(CITIZEN, largest.file_id);
    expect(h.sim.lastBotMessage(CITIZEN)?.photo).toBe('https://example.org/affiche.jpg');
    expect(
      await telegramError(h.telegram.sendPhoto(CITIZEN, 'https://example.org/a.jpg', { caption: 'c'.repeat(1025) })),
    ).toEqual({
      code: 400,
      description: 'Bad Request: message caption is too long',
    });
    expect(await telegramError(h.telegram.sendPhoto(CITIZEN, 'not-a-file-id'))).toEqual({
      code: 400,
      description: 'Bad Request: wrong file identifier/HTTP URL specified',
    });
  });
});

describe('editing and deleting', () => {
  const keyboard = (label: string) => ({ inline_keyboard: [[{ text: label, callback_data: 'vote:1' }]] });

  it('edits text and keyboard, and the conversation shows the message as it is now', async () => {
    const sent = await h.telegram.sendMessage(CITIZEN, 'Question 1', { reply_markup: keyboard('Oui') });
    const edited = (await h.telegram.editMessageText(CITIZEN, sent.message_id, undefined, 'Question 1 ✅', {
      reply_markup: keyboard('Oui ✅'),
    })) as any;
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Question 1 ✅', edit_date: expect.any(Number) });
    const [view] = h.sim.messages(CITIZEN);
    expect(view).toMatchObject({ text: 'Question 1 ✅', edited: true, reply_markup: keyboard('Oui ✅') });
  });

  it('refuses an edit that changes nothing, and an edit of a missing message', async () => {
    const sent = await h.telegram.sendMessage(CITIZEN, 'Question', { reply_markup: keyboard('Oui') });
    expect(
      await telegramError(h.telegram.editMessageReplyMarkup(CITIZEN, sent.message_id, undefined, keyboard('Oui'))),
    ).toEqual({
      code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    });
    expect(await telegramError(h.telegram.editMessageText(CITIZEN, 77, undefined, 'x'))).toEqual({
      code: 400,
      description: 'Bad Request: message to edit not found',
    });
  });

  it('drops the inline keyboard when editMessageText omits reply_markup, as Telegram does', async () => {
    const sent = await h.telegram.sendMessage(CITIZEN, 'Question', { reply_markup: keyboard('Oui') });
    const edited = (await h.telegram.editMessageText(CITIZEN, sent.message_id, undefined, 'Merci')) as any;
    expect(edited.reply_markup).toBeUndefined();
    expect(h.sim.messages(CITIZEN)[0]?.reply_markup).toBeUndefined();
  });

  it('deletes a message once; a second delete is "not found"', async () => {
    const sent = await h.telegram.sendMessage(CITIZEN, 'Oups');
    expect(await h.telegram.deleteMessage(CITIZEN, sent.message_id)).toBe(true);
    expect(h.sim.messages(CITIZEN)[0]).toMatchObject({ deleted: true });
    expect(await telegramError(h.telegram.deleteMessage(CITIZEN, sent.message_id))).toEqual({
      code: 400,
      description: 'Bad Request: message to delete not found',
    });
  });
});

describe('callbacks, commands, chat actions', () => {
  it('records the toast of answerCallbackQuery on the pressed message and refuses unknown query ids', async () => {
    const sent = await h.telegram.sendMessage(CITIZEN, 'Vote', {
      reply_markup: { inline_keyboard: [[{ text: 'Pour', callback_data: 'vote:yes' }]] },
    });
    const press = await h.sim.citizenPresses(CITIZEN, { message_id: sent.message_id, text: 'Pour' });
    expect(await h.telegram.answerCbQuery(press.callback_query_id, 'Réponse enregistrée')).toBe(true);
    expect(h.sim.messages(CITIZEN)[0]?.toasts).toEqual([
      {
        callback_query_id: press.callback_query_id,
        text: 'Réponse enregistrée',
        show_alert: false,
        date: expect.any(Number),
      },
    ]);
    expect(await telegramError(h.telegram.answerCbQuery('123', 'x'))).toEqual({
      code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
  });

  it('stores commands per scope and language', async () => {
    await h.telegram.setMyCommands([{ command: 'suivre', description: 'Suivre une démarche' }], {
      language_code: 'fr',
    });
    expect(await h.telegram.getMyCommands({ language_code: 'fr' })).toEqual([
      { command: 'suivre', description: 'Suivre une démarche' },
    ]);
    expect(await h.telegram.getMyCommands()).toEqual([]);
    expect(await telegramError(h.telegram.setMyCommands([{ command: 'Not Valid', description: 'x' }]))).toEqual({
      code: 400,
      description: 'Bad Request: BOT_COMMAND_INVALID',
    });
  });

  it('accepts sendChatAction for a known chat and refuses an unknown action', async () => {
    expect(await h.telegram.sendChatAction(CITIZEN, 'typing')).toBe(true);
    expect(await telegramError(h.telegram.sendChatAction(CITIZEN, 'dancing' as never))).toEqual({
      code: 400,
      description: 'Bad Request: wrong parameter action in request',
    });
  });
});
