// Coming back, groups and channels, and input the bot does not read, as a citizen meets them in
// Telegram: through the simulator at the HTTP boundary, the real store on dynalite, French and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, lastToast, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

const status = async (chatId: number) => (await h.deps.store.subscribers.get(h.idOf(chatId)))?.status;

/** Someone who follows a theme, so that « what you followed is kept » can be told (set in the store:
 * the follow menu's buttons belong to another test file). */
async function followATheme(chatId: number) {
  const s = (await h.deps.store.subscribers.get(h.idOf(chatId)))!;
  await h.deps.store.subscribers.put({ ...s, follows: { ...s.follows, themes: ['mobilites'] } });
}

/** A citizen's action the harness has no helper for: the clock moves first (Telegram's ~1 message/s per chat). */
async function act<T>(action: () => Promise<T>): Promise<T> {
  h.tick();
  return action();
}

/** The id of the citizen's last message in a chat. */
const lastUserMessage = (chatId: number) =>
  h.sim
    .messages(chatId)
    .filter((m) => m.from === 'user')
    .at(-1)!.message_id;

describe('coming back after /stop or a block', () => {
  it('tells someone who left and writes how to come back, follows kept (FR), and stores nothing', async () => {
    const menu = await h.subscribe(2101, 'fr');
    await followATheme(2101);
    await h.say(2101, '/stop');
    const before = await h.deps.store.subscribers.get(h.idOf(2101));
    await h.say(2101, 'bonjour, je voudrais recevoir à nouveau les nouvelles');
    const answer = h.lastBot(2101).text!;
    expect(answer).toContain('Vous ne recevez plus nos messages depuis votre départ');
    expect(answer).toContain('Ce que vous suiviez est gardé');
    expect(answer).toContain('/start');
    expect(answer).not.toContain('Je ne lis pas');
    expect(await h.deps.store.subscribers.get(h.idOf(2101))).toEqual(before);

    // A sticker, a button of an old message and a command that needs a subscription all say the same.
    await act(() => h.sim.citizenAttaches(2101, { kind: 'sticker', emoji: '👋' }));
    expect(h.lastBot(2101).text).toContain('envoyez /start');
    await h.say(2101, '/suivre');
    expect(h.lastBot(2101).text).toContain('Vous ne recevez plus nos messages');
    await h.forge(2101, menu.message_id, 'f:t');
    expect(lastToast(h.sim.messages(2101).find((m) => m.message_id === menu.message_id))?.text).toBe(
      'Vous ne recevez plus nos messages : envoyez /start pour revenir.',
    );

    // /start brings them back through consent, their follows intact.
    await h.subscribe(2101);
    const back = await h.deps.store.subscribers.get(h.idOf(2101));
    expect(back?.status).toBe('active');
    expect(back?.follows.themes).toEqual(before?.follows.themes);
  });

  it('recognises « member » after « kicked »: blocked becomes left, with a welcome back (EN)', async () => {
    await h.subscribe(2102, 'en');
    await h.sim.citizenBlocks(2102);
    expect(await status(2102)).toBe('blocked');
    const sent = h.botMessages(2102).length;

    const unblocked = await act(() => h.sim.citizenUnblocks(2102));
    expect(unblocked.changed).toBe(true);
    expect(await status(2102)).toBe('left');
    expect(h.botMessages(2102)).toHaveLength(sent + 1);
    const welcome = h.lastBot(2102).text!;
    expect(welcome).toContain('Welcome back!');
    expect(welcome).toContain('send /start');
    expect(welcome).not.toContain('What you followed is kept'); // they followed nothing
    expect(h.logs.some((line) => line.includes('unblocked the bot') && line.includes('marked_left'))).toBe(true);

    await h.say(2102, 'hello?');
    expect(h.lastBot(2102).text).toContain('You no longer receive our messages since you left');
    await h.subscribe(2102);
    expect(await status(2102)).toBe('active');
  });

  it('after unblocking, says that follows are kept (FR), and a text then gets how to come back', async () => {
    await h.subscribe(2103, 'fr');
    await followATheme(2103);
    await h.sim.citizenBlocks(2103);
    await act(() => h.sim.citizenUnblocks(2103));
    expect(h.lastBot(2103).text).toContain('Re-bonjour !');
    expect(h.lastBot(2103).text).toContain('Ce que vous suiviez est gardé');
    await h.say(2103, 'coucou');
    expect(h.lastBot(2103).text).toContain('Pour revenir, envoyez /start');
    expect(await status(2103)).toBe('left');
  });

  it('an active subscriber whose block was missed: unblocking changes nothing and says nothing', async () => {
    await h.subscribe(2105);
    await h.sim.citizenBlocks(2105);
    const blocked = (await h.deps.store.subscribers.get(h.idOf(2105)))!;
    await h.deps.store.subscribers.put({ ...blocked, status: 'active' }); // as if « kicked » never reached us
    const sent = h.botMessages(2105).length;
    await act(() => h.sim.citizenUnblocks(2105));
    expect(await status(2105)).toBe('active');
    expect(h.botMessages(2105)).toHaveLength(sent);
  });

  it('someone unknown who unblocks is greeted without anything being stored', async () => {
    await h.say(2104, '/start');
    await h.press(2104, h.lastBot(2104).message_id, 'Non merci');
    await h.sim.citizenBlocks(2104);
    const items = await h.itemCount();
    await act(() => h.sim.citizenUnblocks(2104));
    expect(h.lastBot(2104).text).toContain('Envoyez /start pour commencer');
    expect(await status(2104)).toBeUndefined();
    expect(await h.itemCount()).toBe(items + 1); // the processed-update marker only
  });
});

describe('groups and channels', () => {
  it('explains in a group that it works in private chats, with its link, then leaves (FR); nothing stored', async () => {
    const items = await h.itemCount();
    const result = await act(() =>
      h.sim.addBotToGroup({
        id: -4_001,
        type: 'group',
        title: 'Association du quartier Zola',
        by: { id: 2201, language_code: 'fr' },
      }),
    );
    // my_chat_member and the service message « added », then the bot's own « left ».
    expect(result.update_ids).toHaveLength(2);
    const said = h.sim.messages(-4_001).filter((m) => m.from === 'bot');
    expect(said).toHaveLength(1); // explained once, though told twice that it was added
    expect(said[0]!.text).toContain('Porte-voix fonctionne seulement en conversation privée');
    expect(said[0]!.text).toContain('Je quitte donc ce groupe');
    expect(said[0]!.text).toContain('https://t.me/porte_voix_sim_bot');
    expect(h.sim.chats().find((c) => c.id === -4_001)?.bot_status).toBe('left');
    expect(await h.itemCount()).toBe(items + 3); // three processed-update markers, no subscriber
    expect(await h.deps.store.subscribers.get(h.idOf(-4_001))).toBeUndefined();
    expect(await h.deps.store.subscribers.get(h.idOf(2201))).toBeUndefined();
    // No chat id, no title in the logs.
    expect(h.logs.some((line) => line.includes('left a group or channel'))).toBe(true);
    expect(h.logs.filter((line) => line.includes('-4001') || line.includes('quartier Zola'))).toEqual([]);
  });

  it('in English for an English-speaking member, in a supergroup', async () => {
    await act(() =>
      h.sim.addBotToGroup({ id: -1_004_002, type: 'supergroup', title: 'Zola', by: { id: 2202, language_code: 'en' } }),
    );
    const said = h.sim.messages(-1_004_002).filter((m) => m.from === 'bot');
    expect(said.map((m) => m.text)).toEqual([expect.stringContaining('Porte-voix only works in private chats')]);
    expect(said[0]!.text).toContain('So I am leaving this group');
    expect(h.sim.chats().find((c) => c.id === -1_004_002)?.bot_status).toBe('left');
  });

  it('posts in a channel when it may, and leaves silently when it may not', async () => {
    await act(() => h.sim.addBotToGroup({ id: -1_004_003, type: 'channel', title: 'Canal Zola', by: { id: 2203 } }));
    const said = h.sim.messages(-1_004_003).filter((m) => m.from === 'bot');
    expect(said).toHaveLength(1);
    expect(said[0]!.text).toContain('Je quitte donc ce canal');
    expect(h.sim.chats().find((c) => c.id === -1_004_003)?.bot_status).toBe('left');

    await act(() =>
      h.sim.addBotToGroup({
        id: -1_004_004,
        type: 'channel',
        title: 'Canal muet',
        by: { id: 2204 },
        can_post_messages: false,
      }),
    );
    expect(h.sim.messages(-1_004_004).filter((m) => m.from === 'bot')).toEqual([]);
    expect(h.sim.chats().find((c) => c.id === -1_004_004)?.bot_status).toBe('left');
  });

  it('leaves a group it is still in when a command is addressed to it there', async () => {
    // A leave that failed when added (here: refused once by the Bot API).
    h.sim.injectFaults({ method: 'leaveChat', count: 1, status: 500, description: 'Internal Server Error' });
    await act(() => h.sim.addBotToGroup({ id: -4_005, type: 'group', title: 'Voisins', by: { id: 2205 } }));
    expect(h.sim.chats().find((c) => c.id === -4_005)?.bot_status).toBe('member');
    expect(h.logs.some((line) => line.includes('could not leave a group or channel'))).toBe(true);

    await act(() => h.sim.citizenWritesInGroup(-4_005, '/start@porte_voix_sim_bot'));
    const said = h.sim.messages(-4_005).filter((m) => m.from === 'bot');
    expect(said).toHaveLength(2);
    expect(h.sim.chats().find((c) => c.id === -4_005)?.bot_status).toBe('left');
  });
});

describe('input the bot does not read', () => {
  it('answers photos, stickers, voice messages, files and locations in words, storing nothing (FR)', async () => {
    await h.subscribe(2301, 'fr');
    const before = await h.deps.store.subscribers.get(h.idOf(2301));
    const items = await h.itemCount();
    const expected = {
      photo: 'Je ne sais pas lire les photos',
      sticker: 'Je ne sais pas lire les autocollants',
      voice: 'Je ne sais pas lire les messages vocaux',
      document: 'Je ne sais pas lire les fichiers',
      location: 'Je ne sais pas lire les positions',
      animation: 'Je ne sais pas lire les GIF',
    } as const;
    for (const [kind, text] of Object.entries(expected)) {
      await act(() => h.sim.citizenAttaches(2301, { kind: kind as keyof typeof expected }));
      expect(h.lastBot(2301).text).toContain(text);
      expect(h.lastBot(2301).text).toContain('/aide');
    }
    expect(await h.deps.store.subscribers.get(h.idOf(2301))).toEqual(before);
    expect(await h.itemCount()).toBe(items + Object.keys(expected).length); // markers only
  });

  it('says so in English, and asks for text when a written answer is awaited', async () => {
    await h.subscribe(2302, 'en');
    await act(() => h.sim.citizenAttaches(2302, { kind: 'voice' }));
    expect(h.lastBot(2302).text).toBe(
      'I cannot read voice messages, and I kept nothing of it. I understand the buttons under my messages and written commands: /help for the list.',
    );
    const subscriber = (await h.deps.store.subscribers.get(h.idOf(2302)))!;
    await h.deps.store.subscribers.put({ ...subscriber, awaitingText: { questionnaireId: 'q', questionId: 'idea' } });
    await act(() => h.sim.citizenAttaches(2302, { kind: 'photo', caption: 'my idea' }));
    expect(h.lastBot(2302).text).toContain('for this question, write your answer as text');
  });

  it('answers a long text with where opinions are read, an unknown command with the list (FR, EN)', async () => {
    await h.subscribe(2303, 'fr');
    await h.say(2303, 'Je trouve que le projet de la ligne de tramway est une bonne idée. '.repeat(8));
    expect(h.lastBot(2303).text).toContain('Votre message est long');
    expect(h.lastBot(2303).text).toContain('je ne l’ai pas gardé');
    await h.say(2303, 'merci');
    expect(h.lastBot(2303).text).toContain('personne ne lit ici les messages écrits');
    expect(h.lastBot(2303).text).toContain('/suivre');
    await h.say(2303, '/inconnue');
    expect(h.lastBot(2303).text).toContain('Je ne connais pas cette commande');
    expect(h.lastBot(2303).text).toContain('/mesdonnees');

    await h.subscribe(2304, 'en');
    await h.say(2304, '/whatever');
    expect(h.lastBot(2304).text).toContain('I do not know this command');
    expect(h.lastBot(2304).text).toContain('/mydata');
    await h.say(2304, 'x'.repeat(400));
    expect(h.lastBot(2304).text).toContain('Your message is long');
  });

  it('says edits are not taken into account, and stores nothing (FR, EN)', async () => {
    await h.subscribe(2305, 'fr');
    await h.say(2305, 'bonjour');
    const before = await h.deps.store.subscribers.get(h.idOf(2305));
    await act(() => h.sim.citizenEdits(2305, lastUserMessage(2305), 'bonjour à tous'));
    expect(h.lastBot(2305).text).toContain('je ne tiens pas compte des modifications');
    expect(h.lastBot(2305).text).toContain('« ✏️ Changer ma réponse »');
    expect(await h.deps.store.subscribers.get(h.idOf(2305))).toEqual(before);

    await h.subscribe(2306, 'en');
    await h.say(2306, 'hello');
    await act(() => h.sim.citizenEdits(2306, lastUserMessage(2306), 'hello all'));
    expect(h.lastBot(2306).text).toContain('I do not take edits into account');
  });

  it('introduces itself to someone unknown, whatever they send, and keeps nothing', async () => {
    const items = await h.itemCount();
    await h.say(2307, 'bonjour');
    expect(h.lastBot(2307).text).toContain('Je suis Porte-voix');
    expect(h.lastBot(2307).text).toContain('Envoyez /start pour commencer');
    await act(() => h.sim.citizenAttaches(2307, { kind: 'photo' }, { language_code: 'en' }));
    expect(h.lastBot(2307).text).toContain('Send /start to begin');
    expect(await status(2307)).toBeUndefined();
    expect(await h.itemCount()).toBe(items + 2); // markers only
  });
});
