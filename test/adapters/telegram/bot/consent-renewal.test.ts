// A new version of the consent text, as subscribers live it in Telegram: after a material change,
// nothing reaches them (no campaign, no digest) until they accept it; the next message they would
// have received is replaced, once, by the request; the bot shows it before anything else they ask,
// their rights (/mesdonnees, /supprimer, /stop) staying open; « Non merci » stops the messages
// without erasing. The versions are injected (CoreContext.consentVersions): the real text is unchanged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { telegramConsentRequest } from '#adapters/telegram/consent-message';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import type { ConsentVersion } from '#core/subscribers/consent';
import { sendDueDigests } from '#core/digests/send-digests';
import { campaign } from '../../dynamodb/fixtures';
import { createStartLink } from '#core/links/use-cases';
import { type BotHarness, lastToast, openDemarche, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  h.deps.consentVersions = undefined;
});

const V1: ConsentVersion = { version: 1, date: '2026-12-01', material: true };
const V2: ConsentVersion = { version: 2, date: '2026-12-02', material: true };
const V3: ConsentVersion = { version: 3, date: '2026-12-03', material: true };

let campaigns = 0;
/** A campaign to everyone, dispatched and sent now; returns its id. */
async function sendCampaign(title: string): Promise<string> {
  const id = `cRenew${++campaigns}`;
  await h.runJobs(await h.dispatch(campaign({ id, message: { ...campaign().message, title } })));
  return id;
}

const received = (chatId: number, text: string) => h.botMessages(chatId).filter((m) => m.text?.includes(text));
const subscriberOf = async (chatId: number) => (await h.deps.store.subscribers.get(h.idOf(chatId)))!;

describe('consent renewal', () => {
  it('after a material change: the next campaign is replaced by the request, once; accepting resumes the messages', async () => {
    await h.subscribe(5001);
    await sendCampaign('Avant le changement');
    expect(received(5001, 'Avant le changement')).toHaveLength(1);

    h.deps.consentVersions = [V1, V2];
    const first = await sendCampaign('Campagne retenue 1');
    expect(received(5001, 'Campagne retenue 1')).toEqual([]);
    const request = h.lastBot(5001);
    expect(request.text).toContain('Nos conditions ont changé (version 2, du 2 décembre 2026)');
    expect(request.text).toContain('nous ne vous envoyons plus rien : ni message, ni résumé');
    expect(request.text).toContain('Ce que nous gardons, et pourquoi'); // the whole current text
    expect(request.reply_markup?.inline_keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([
      ['J’accepte', 'rc:y:2'],
      ['Non merci, arrêter les messages', 'rc:n:2'],
    ]);
    expect(await h.deps.store.deliveries.get(first, 'telegram', h.idOf(5001))).toMatchObject({
      status: 'blocked',
      attempts: 0,
      error: expect.stringContaining('consentement à renouveler (version 2)'),
    });
    expect(await subscriberOf(5001)).toMatchObject({ status: 'active', consentVersion: 1, consentAskedFor: 2 });

    // A second campaign: still nothing, and no second request.
    const messagesBefore = h.botMessages(5001).length;
    await sendCampaign('Campagne retenue 2');
    expect(h.botMessages(5001)).toHaveLength(messagesBefore);

    // Anything they ask shows the request first, and does nothing else.
    await h.say(5001, '/suivre');
    expect(h.lastBot(5001).text).toContain('Nos conditions ont changé');
    await h.say(5001, '/start');
    expect(h.lastBot(5001).text).toContain('Nos conditions ont changé');
    const pressed = h.botMessages(5001).find((m) => m.text?.includes('Avant le changement'))!;
    await h.forge(5001, pressed.message_id, 'f:m');
    expect(lastToast(h.sim.messages(5001).find((m) => m.message_id === pressed.message_id))?.text).toContain(
      'Nos conditions ont changé : acceptez-les ou refusez-les d’abord',
    );
    expect(await subscriberOf(5001)).toMatchObject({ consentVersion: 1 });

    await h.press(5001, request.message_id, 'J’accepte');
    expect(h.lastBot(5001).text).toContain('vos messages reprennent');
    expect(h.sim.messages(5001).find((m) => m.message_id === request.message_id)?.reply_markup).toBeUndefined();
    const renewed = await subscriberOf(5001);
    expect(renewed).toMatchObject({ status: 'active', consentVersion: 2, consentAt: h.clock.now().toISOString() });
    expect(renewed.consentAskedFor).toBeUndefined();

    await sendCampaign('Après acceptation');
    expect(received(5001, 'Après acceptation')).toHaveLength(1);
    // A second press on the old request changes nothing.
    await h.forge(5001, request.message_id, 'rc:y:2');
    expect(await subscriberOf(5001)).toMatchObject({ consentVersion: 2 });
  });

  it('keeps the rights open meanwhile: /mesdonnees says why nothing arrives, /supprimer erases', async () => {
    await h.subscribe(5002);
    h.deps.consentVersions = [V1, V2];
    await h.say(5002, '/mesdonnees');
    const file = h.lastBot(5002);
    expect(file.document?.file_name).toBe('mes-donnees-porte-voix.json');
    expect(file.text).toContain('Nos conditions ont changé (version 2) : vous ne recevez rien');
    await h.say(5002, '/supprimer');
    await h.press(5002, h.lastBot(5002).message_id, '🗑️ Oui, tout effacer');
    expect(h.lastBot(5002).text).toContain('C’est effacé');
    expect(await h.deps.store.subscribers.get(h.idOf(5002))).toBeUndefined();
  });

  it('« Non merci » stops the messages without erasing; /start brings them back through the new text', async () => {
    const menu = await h.subscribe(5003);
    await h.press(5003, menu.message_id, '🏷️ Thèmes');
    await h.press(5003, menu.message_id, 'Loire');
    h.deps.consentVersions = [V1, V2];
    await h.say(5003, 'bonjour');
    await h.press(5003, h.lastBot(5003).message_id, 'Non merci, arrêter les messages');
    expect(h.lastBot(5003).text).toContain('vous ne recevrez plus de messages. Nous gardons vos choix');
    expect(await subscriberOf(5003)).toMatchObject({
      status: 'left',
      consentVersion: 1,
      follows: { themes: ['loire'] },
    });
    await sendCampaign('Pendant le départ');
    expect(received(5003, 'Pendant le départ')).toEqual([]);

    await h.subscribe(5003);
    expect(await subscriberOf(5003)).toMatchObject({
      status: 'active',
      consentVersion: 2,
      follows: { themes: ['loire'] },
    });
    await sendCampaign('Après le retour');
    expect(received(5003, 'Après le retour')).toHaveLength(1);
  });

  it('a request of a version replaced since is answered with the current one', async () => {
    await h.subscribe(5004);
    h.deps.consentVersions = [V1, V2];
    await h.say(5004, 'bonjour');
    const old = h.lastBot(5004);
    h.deps.consentVersions = [V1, V2, V3];
    await h.press(5004, old.message_id, 'J’accepte');
    expect(lastToast(h.sim.messages(5004).find((m) => m.message_id === old.message_id))?.text).toBe(
      'Ces conditions ont été remplacées : répondez au message le plus récent.',
    );
    expect(await subscriberOf(5004)).toMatchObject({ consentVersion: 1 });
    const current = h.lastBot(5004);
    expect(current.text).toContain('version 3, du 3 décembre 2026');
    await h.press(5004, current.message_id, 'rc:y:3');
    expect(await subscriberOf(5004)).toMatchObject({ consentVersion: 3 });
  });

  it('a poster scanned while the request waits is followed once they accept, and counted once', async () => {
    await h.deps.store.demarches.create(openDemarche('marche-talensac', 'Le marché de Talensac'));
    const link = await createStartLink(
      h.deps,
      { agentId: 'a1', name: 'Agnès' },
      {
        target: { kind: 'demarche', key: 'marche-talensac' },
        label: 'Affiche halle',
      },
    );
    await h.subscribe(5009);
    h.deps.consentVersions = [V1, V2];
    await h.say(5009, `/start ${link.id}`);
    const request = h.lastBot(5009);
    expect(request.text).toContain('Nos conditions ont changé');
    expect(await subscriberOf(5009)).toMatchObject({ startLink: link.id, follows: { demarches: [] } });

    await h.press(5009, request.message_id, 'J’accepte');
    expect(h.lastBot(5009).text).toBe(
      'Merci, c’est noté : vos messages reprennent. /aide pour la liste des commandes.\n\nC’est fait : vous suivez maintenant la démarche Le marché de Talensac. Vous recevrez ses nouvelles. /suivre pour changer ce que vous suivez.',
    );
    const after = await subscriberOf(5009);
    expect(after).toMatchObject({ consentVersion: 2, follows: { demarches: ['marche-talensac'] } });
    expect(after.startLink).toBeUndefined();
    expect((await h.deps.store.startLinks.get(link.id))?.subscriptions).toBe(1);
  });

  it('a change that is not material asks nobody; newcomers record the new version', async () => {
    await h.subscribe(5005);
    h.deps.consentVersions = [V1, { version: 2, date: '2026-12-02', material: false }];
    await sendCampaign('Changement mineur');
    expect(received(5005, 'Changement mineur')).toHaveLength(1);
    expect(received(5005, 'Nos conditions ont changé')).toEqual([]);
    await h.subscribe(5006);
    expect(await subscriberOf(5006)).toMatchObject({ consentVersion: 2 });
    expect(await subscriberOf(5005)).toMatchObject({ consentVersion: 1 });
  });

  it('in English: the request, « I agree », the messages resume', async () => {
    await h.subscribe(5007, 'en');
    h.deps.consentVersions = [V1, V2];
    await h.say(5007, '/follow');
    const request = h.lastBot(5007);
    expect(request.text).toContain('Our terms have changed (version 2, of 2 December 2026)');
    expect(request.text).toContain('What we keep, and why');
    expect(request.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'I agree',
      'No thanks, stop the messages',
    ]);
    await h.press(5007, request.message_id, 'I agree');
    expect(h.lastBot(5007).text).toBe('Thank you, noted: your messages resume. /help for the list of commands.');
    expect(await subscriberOf(5007)).toMatchObject({ consentVersion: 2 });
  });

  it('a digest due after the change is not sent: its items are settled, the request goes in its place', async () => {
    await h.subscribe(5008);
    const s = await subscriberOf(5008);
    await h.deps.store.subscribers.put({ ...s, frequency: 'daily', digestHour: 19 });
    const held = await sendCampaign('Pour le résumé');
    expect(await h.deps.store.deliveries.get(held, 'telegram', h.idOf(5008))).toMatchObject({ status: 'held' });

    h.deps.consentVersions = [V1, V2];
    h.clock.set('2026-11-25T18:30:00.000Z'); // past 19:00 in Paris
    h.tick();
    const sender = createTelegramSender({ token: h.sim.token, apiRoot: h.sim.url });
    try {
      const report = await sendDueDigests({
        ...h.deps,
        telegram: sender,
        digestFormat: telegramDigestFormat,
        consentRequest: telegramConsentRequest,
      });
      expect(report.errors).toEqual([]);
    } finally {
      sender.close();
    }
    expect(received(5008, 'Pour le résumé')).toEqual([]);
    expect(h.lastBot(5008).text).toContain('Nos conditions ont changé (version 2');
    expect(await h.deps.store.deliveries.get(held, 'telegram', h.idOf(5008))).toMatchObject({
      status: 'blocked',
      error: expect.stringContaining('consentement à renouveler (version 2) au moment du résumé'),
    });
  });
});
