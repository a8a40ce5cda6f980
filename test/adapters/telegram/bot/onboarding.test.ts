// Joining and leaving, as a citizen does it in Telegram: consent first, then active; refusing
// keeps nothing; /stop, coming back, blocking the bot; language, help and the command menu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '#adapters/telegram/bot/commands';
import { type BotHarness, NOW, lastToast, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());

describe('onboarding', () => {
  it('explains what is kept, why and for how long, and asks for consent before activating', async () => {
    await h.say(1001, '/start', 'fr');
    const consent = h.lastBot(1001);
    expect(consent.text).toContain('Ce que nous gardons, et pourquoi');
    expect(consent.text).toContain('seulement pour vous envoyer les messages');
    expect(consent.text).toContain('pseudonyme');
    expect(consent.text).toContain('Combien de temps');
    expect(consent.text).toContain('/supprimer');
    expect(consent.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['J’accepte', 'Non merci']);
    expect(await h.deps.store.subscribers.get(h.idOf(1001))).toMatchObject({
      status: 'pending',
      chatId: 1001,
      language: 'fr',
    });

    await h.press(1001, consent.message_id, 'J’accepte');
    const subscriber = await h.deps.store.subscribers.get(h.idOf(1001));
    expect(subscriber).toMatchObject({ status: 'active', consentAt: NOW, consentVersion: 1 });
    expect(lastToast(h.sim.messages(1001).find((m) => m.message_id === consent.message_id))).toBeDefined();
    // The consent stays in the chat as the record of what was agreed; its buttons are gone.
    expect(h.sim.messages(1001).find((m) => m.message_id === consent.message_id)?.reply_markup).toBeUndefined();
    const menu = h.lastBot(1001);
    expect(menu.text).toContain('Merci, c’est noté');
    expect(menu.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('📋 Démarches');

    await h.say(1001, '/start');
    expect(h.lastBot(1001).text).toContain('abonnement est déjà actif');
  });

  it('keeps nothing when consent is refused', async () => {
    const before = await h.itemCount();
    await h.say(1002, '/start');
    await h.press(1002, h.lastBot(1002).message_id, 'Non merci');
    expect(await h.deps.store.subscribers.get(h.idOf(1002))).toBeUndefined();
    expect(h.lastBot(1002).text).toContain('nous n’avons rien gardé');
    // Only the processed-update markers (no personal data) were added.
    const markers = 2;
    expect(await h.itemCount()).toBe(before + markers);
  });

  it('asks a pending citizen to answer the consent first', async () => {
    await h.say(1003, '/start');
    await h.say(1003, 'bonjour ?');
    expect(h.lastBot(1003).text).toContain('dites-nous si vous acceptez');
  });

  it('/stop leaves with a confirmation, /start comes back through consent again', async () => {
    await h.subscribe(1004);
    await h.say(1004, '/stop');
    expect((await h.deps.store.subscribers.get(h.idOf(1004)))?.status).toBe('left');
    expect(h.lastBot(1004).text).toContain('vous ne recevrez plus de messages');
    await h.say(1004, '/arreter');
    expect(h.lastBot(1004).text).toContain('pas d’abonnement actif');
    await h.subscribe(1004);
    expect((await h.deps.store.subscribers.get(h.idOf(1004)))?.status).toBe('active');
  });

  it('marks a subscriber who blocks the bot as blocked, sending nothing', async () => {
    await h.subscribe(1005);
    const sentBefore = h.sim.stats().sent;
    await h.sim.citizenBlocks(1005);
    expect((await h.deps.store.subscribers.get(h.idOf(1005)))?.status).toBe('blocked');
    expect(h.sim.stats().sent).toBe(sentBefore);
  });

  it('speaks English to an English client, and switches language on /langue', async () => {
    await h.say(1006, '/start', 'en');
    expect(h.lastBot(1006).text).toContain('What we keep, and why');
    await h.press(1006, h.lastBot(1006).message_id, 'I agree');
    await h.say(1006, '/langue');
    await h.press(1006, h.lastBot(1006).message_id, 'l:fr');
    expect(h.lastBot(1006).text).toContain('en français');
    expect((await h.deps.store.subscribers.get(h.idOf(1006)))?.language).toBe('fr');
    await h.say(1006, '/help');
    expect(h.lastBot(1006).text).toContain('/suivre');
  });

  it('answers free text with a hint, and registers the command menu in both languages', async () => {
    await h.subscribe(1007);
    await h.say(1007, 'Je voudrais parler à quelqu’un');
    expect(h.lastBot(1007).text).toContain('/aide');
    await registerCommands(h.bot.telegram);
    const fr = await h.bot.telegram.getMyCommands();
    const en = await h.bot.telegram.getMyCommands({ language_code: 'en' });
    expect(fr.map((c) => c.command)).toEqual([
      'start',
      'suivre',
      'suivis',
      'agenda',
      'questionnaires',
      'langue',
      'rythme',
      'mesdonnees',
      'stop',
      'supprimer',
      'aide',
    ]);
    expect(en.map((c) => c.command)).toEqual([
      'start',
      'follow',
      'following',
      'agenda',
      'questionnaires',
      'language',
      'preferences',
      'mydata',
      'stop',
      'delete',
      'help',
    ]);
  });
});
