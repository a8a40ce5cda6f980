// Deep links through the simulator: `/start <payload>` as Telegram sends it when a citizen opens
// `t.me/<bot>?start=<payload>`. Consent first, then the follow; an active subscriber follows at
// once; a dead link says so and onboarding goes on; the link counts new follows only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStartLink, deleteStartLink } from '#core/links/use-cases';
import type { StartLinkInput } from '#core/links/start-link';
import { type BotHarness, openDemarche, startBotHarness } from './harness';

let h: BotHarness;
const agent = { agentId: 'agent-1', name: 'Agnès' };
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.demarches.create(openDemarche('parc-des-chantiers', 'Parc des <Chantiers>'));
});
afterAll(() => h.close());

const newLink = (input: StartLinkInput) => createStartLink(h.deps, agent, input);
const count = async (id: string) => (await h.deps.store.startLinks.get(id))?.subscriptions;
const texts = (chatId: number) => h.botMessages(chatId).map((m) => m.text);

describe('deep links', () => {
  it('asks a newcomer for consent first, saying what will be followed, then applies the follow (FR)', async () => {
    const link = await newLink({ target: { kind: 'demarche', key: 'parc-des-chantiers' }, label: 'Affiche Talensac' });
    await h.say(2001, `/start ${link.id}`, 'fr');
    const consent = h.lastBot(2001);
    expect(h.botMessages(2001)).toHaveLength(1);
    expect(consent.text).toMatch(/^Ce lien vous fait suivre la démarche Parc des <Chantiers>\./);
    expect(consent.source).toContain('la démarche <b>Parc des &lt;Chantiers&gt;</b>'); // the agent's title, escaped
    expect(consent.text).toContain('Ce que nous gardons, et pourquoi');
    expect(consent.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['J’accepte', 'Non merci']);
    const pending = await h.deps.store.subscribers.get(h.idOf(2001));
    expect(pending).toMatchObject({ status: 'pending', startLink: link.id, follows: { demarches: [] } });
    expect(await count(link.id)).toBe(0);

    await h.press(2001, consent.message_id, 'J’accepte');
    expect(h.lastBot(2001).text).toContain(
      'Merci, c’est noté ! Vous suivez maintenant la démarche Parc des <Chantiers> : vous recevrez ses nouvelles.',
    );
    const active = await h.deps.store.subscribers.get(h.idOf(2001));
    expect(active?.status).toBe('active');
    expect(active?.follows.demarches).toEqual(['parc-des-chantiers']);
    expect(active?.startLink).toBeUndefined();
    expect(await count(link.id)).toBe(1);
  });

  it('follows at once for an active subscriber, and a repeat scan counts nothing', async () => {
    const link = await newLink({ target: { kind: 'theme', key: 'mobilites' }, label: 'Flyer tram' });
    await h.subscribe(2002);
    await h.say(2002, `/start ${link.id}`);
    expect(h.lastBot(2002).text).toContain('vous suivez maintenant le thème Mobilités');
    expect((await h.deps.store.subscribers.get(h.idOf(2002)))?.follows.themes).toEqual(['mobilites']);
    await h.say(2002, `/start ${link.id}`);
    expect(h.lastBot(2002).text).toContain('Vous suivez déjà le thème Mobilités');
    expect(await count(link.id)).toBe(1);
  });

  it('says a dead link is no longer valid and goes on with a normal onboarding, following nothing', async () => {
    const link = await newLink({ target: { kind: 'theme', key: 'sante' }, label: 'Vieille affiche' });
    await deleteStartLink(h.deps, link.id);
    for (const [chatId, payload] of [
      [2003, link.id],
      [2004, 'nope!<b>'],
      [2005, 'x'.repeat(300)],
    ] as const) {
      await h.say(chatId, `/start ${payload}`);
      const consent = h.lastBot(chatId);
      expect(consent.text).toMatch(/^Ce lien n’est plus valable/);
      expect(consent.text).toContain('Acceptez-vous ?');
      const pending = await h.deps.store.subscribers.get(h.idOf(chatId));
      expect(pending?.status).toBe('pending');
      expect(pending?.startLink).toBeUndefined();
    }
    await h.subscribe(2006);
    await h.say(2006, `/start ${link.id}`);
    expect(h.lastBot(2006).text).toContain('Ce lien n’est plus valable');
    expect((await h.deps.store.subscribers.get(h.idOf(2006)))?.follows.themes).toEqual([]);
    expect(await h.deps.store.startLinks.get(link.id)).toBeUndefined();
  });

  it('speaks English, and tells when the link died between the scan and the consent', async () => {
    const link = await newLink({ target: { kind: 'territory', key: 'nantes-ile-de-nantes' }, label: 'Poster' });
    await h.say(2007, `/start ${link.id}`, 'en');
    const consent = h.lastBot(2007);
    expect(consent.text).toContain('This link makes you follow the neighbourhood Île de Nantes');
    expect(consent.text).toContain('What we keep, and why');
    await h.press(2007, consent.message_id, 'I agree');
    expect(h.lastBot(2007).text).toContain('Thank you, noted! You now follow the neighbourhood Île de Nantes');
    expect((await h.deps.store.subscribers.get(h.idOf(2007)))?.follows.territories).toEqual(['nantes-ile-de-nantes']);
    expect(await count(link.id)).toBe(1);

    const doomed = await newLink({ target: { kind: 'territory', key: 'reze' }, label: 'Flyer' });
    await h.say(2008, `/start ${doomed.id}`, 'en');
    expect(h.lastBot(2008).text).toContain('the town of Rezé');
    await deleteStartLink(h.deps, doomed.id);
    await h.press(2008, h.lastBot(2008).message_id, 'I agree');
    expect(h.lastBot(2008).text).toContain('Thank you, noted! The link you came through is no longer valid');
    const s = await h.deps.store.subscribers.get(h.idOf(2008));
    expect(s?.follows.territories).toEqual([]);
    expect(s?.startLink).toBeUndefined();
  });

  it('keeps nothing when consent is refused, and counts nothing', async () => {
    const link = await newLink({ target: { kind: 'theme', key: 'loire' }, label: 'Affiche quai' });
    await h.say(2009, `/start ${link.id}`);
    await h.say(2009, '/start');
    // A plain /start while consent is pending: the consent screen still says what the link will follow.
    expect(texts(2009).filter((t) => t?.includes('Ce lien vous fait suivre le thème Loire'))).toHaveLength(2);
    await h.press(2009, h.lastBot(2009).message_id, 'Non merci');
    expect(await h.deps.store.subscribers.get(h.idOf(2009))).toBeUndefined();
    expect(await count(link.id)).toBe(0);
  });

  it('welcomes to an ended démarche without asking at once whether to stop following it', async () => {
    const ended = openDemarche('grand-debat', 'Grand débat');
    await h.deps.store.demarches.create({
      ...ended,
      steps: ended.steps.map((step) => ({ ...step, start: '2026-01-10T08:00:00Z', end: '2026-03-01T18:00:00Z' })),
    });
    const link = await newLink({ target: { kind: 'demarche', key: 'grand-debat' }, label: 'Flyer' });
    await h.say(2010, `/start ${link.id}`);
    await h.press(2010, h.lastBot(2010).message_id, 'J’accepte');
    const welcome = h.lastBot(2010).text ?? '';
    expect(welcome).toContain('Vous suivez maintenant la démarche Grand débat');
    expect(welcome).not.toContain('est terminée');
    await h.say(2010, '/suivre');
    expect(h.lastBot(2010).text).toContain('1 démarche que vous suivez est terminée : /suivis');
  });
});
