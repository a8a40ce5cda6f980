// The citizen's rights in the chat: see everything kept about them, and erase it. Responses and
// Telegram delivery lines stay in the results under a random pseudonym: nothing stored links them to
// the person, even when they subscribe again from the same chat (their HMAC pseudonym is then the
// same as before), and a send job still running for them writes nothing under the old one.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openQuestionnaireButton } from '#adapters/telegram/question-message';
import { tallyLedger } from '#core/delivery/ledger';
import { Territory } from '#core/demarches/places';
import { allResponses, readResults } from '#core/questionnaires/use-cases';
import { campaign } from '../../dynamodb/fixtures';
import { type BotHarness, questionnaireOf, startBotHarness } from './harness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.questionnaires.create(
    questionnaireOf('qPriv', [{ kind: 'yes_no', id: 'ok', prompt: 'Le parc vous plaît ?' }]),
  );
  await h.deps.store.questionnaires.create({
    ...questionnaireOf('qPriv2', [{ kind: 'yes_no', id: 'bus', prompt: 'Prenez-vous le bus ?' }]),
    title: 'Les bus de nuit',
  });
});

/** A citizen opens a questionnaire from a message and answers its one yes/no question. */
async function answerYes(chatId: number, questionnaireId: string) {
  h.tick();
  const sent = await h.bot.telegram.sendMessage(chatId, 'Questionnaire', {
    reply_markup: { inline_keyboard: [[openQuestionnaireButton(questionnaireId, 'fr')]] },
  });
  await h.press(chatId, sent.message_id, '📝 Répondre au questionnaire');
  await h.press(chatId, h.lastBot(chatId).message_id, 'Oui');
}

/** The pseudonym of every response to the two questionnaires (one entry per response). */
async function responderIds(): Promise<string[]> {
  const all = await Promise.all(['qPriv', 'qPriv2'].map((q) => allResponses(h.deps, q)));
  return all.flat().map((r) => r.subscriberId);
}

async function erase(chatId: number) {
  await h.say(chatId, '/supprimer');
  await h.press(chatId, h.lastBot(chatId).message_id, '🗑️ Oui, tout effacer');
  expect(h.lastBot(chatId).text).toContain('C’est effacé');
}

/** Every stored item, as JSON text: what a person with the table (and the HMAC key) could read. */
async function everythingStored(): Promise<string> {
  const out = await h.testStore.client.send(new ScanCommand({ TableName: h.testStore.tableName }));
  return JSON.stringify(out.Items);
}
afterAll(() => h.close());

/** The items that carry a pseudonym, as `pk/sk`. */
async function carriersOf(pseudonym: string): Promise<string[]> {
  const out = await h.testStore.client.send(new ScanCommand({ TableName: h.testStore.tableName }));
  const carriers = (out.Items ?? []).filter((item) => JSON.stringify(item).includes(pseudonym));
  return carriers.map((item) => `${String(item.pk)}/${String(item.sk)}`);
}

/** The /mesdonnees summary: what the bot wrote since the citizen's last message (the file's caption included). */
function summaryOf(chatId: number): string {
  const messages = h.sim.messages(chatId);
  const since = messages.findLastIndex((m) => m.from === 'user');
  return messages
    .slice(since + 1)
    .map((m) => m.text ?? '')
    .join('\n');
}

const receivedCampaign = (chatId: number, title: string) => h.botMessages(chatId).some((m) => m.text?.includes(title));

describe('privacy', () => {
  it('/mesdonnees shows the item and the answers; /supprimer erases the item after confirmation', async () => {
    const menu = await h.subscribe(4001);
    await h.press(4001, menu.message_id, '🏷️ Thèmes');
    await h.press(4001, menu.message_id, 'Loire');
    h.tick();
    const sent = await h.bot.telegram.sendMessage(4001, 'Questionnaire', {
      reply_markup: { inline_keyboard: [[openQuestionnaireButton('qPriv', 'fr')]] },
    });
    await h.press(4001, sent.message_id, '📝 Répondre au questionnaire');
    await h.press(4001, h.lastBot(4001).message_id, 'Oui');

    await h.say(4001, '/mesdonnees');
    const data = summaryOf(4001);
    expect(data).toContain('Ce que nous gardons sur vous');
    expect(data).toContain(`Pseudonyme : ${h.idOf(4001)}`);
    expect(data).toContain('Identifiant de conversation Telegram : 4001');
    expect(data).toContain('Statut : abonnement actif');
    expect(data).toContain('thèmes : Loire');
    expect(data).toContain('« Le parc des Chantiers »');
    expect(data).toContain('Le parc vous plaît ? → Oui');

    await h.say(4001, '/supprimer');
    const confirm = h.lastBot(4001);
    expect(confirm.text).toContain(
      'Vos réponses aux questionnaires restent dans les résultats, sous un nouveau pseudonyme tiré au hasard',
    );
    await h.press(4001, confirm.message_id, 'Annuler');
    expect(await h.deps.store.subscribers.get(h.idOf(4001))).toBeDefined();

    await h.say(4001, '/delete');
    await h.press(4001, h.lastBot(4001).message_id, '🗑️ Oui, tout effacer');
    expect(h.lastBot(4001).text).toContain('C’est effacé');
    expect(await h.deps.store.subscribers.get(h.idOf(4001))).toBeUndefined();
    expect(await h.deps.store.responses.get('qPriv', h.idOf(4001))).toBeUndefined();
    const kept = await allResponses(h.deps, 'qPriv');
    expect(kept).toEqual([expect.objectContaining({ answers: { ok: true } })]);
    expect(kept[0]!.subscriberId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(kept)).not.toContain('4001');

    await h.say(4001, '/mydata');
    expect(h.lastBot(4001).text).toBe('Nous ne gardons rien sur vous : vous n’avez pas d’abonnement.');
  });

  it('unlinks the answers: subscribing again from the same chat reaches none of them, results unchanged', async () => {
    await h.subscribe(4002);
    await answerYes(4002, 'qPriv');
    await answerYes(4002, 'qPriv2');
    const oldPseudonym = h.idOf(4002);
    const before = await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)));
    const responders = await responderIds();
    expect(await everythingStored()).toContain(oldPseudonym);

    await erase(4002);
    expect(await everythingStored()).not.toContain(oldPseudonym);
    expect(await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)))).toEqual(before);
    // Both answers moved to the same random pseudonym, which is nobody's HMAC.
    const moved = (await responderIds()).filter((id) => !responders.includes(id));
    expect(moved).toHaveLength(2);
    expect(new Set(moved).size).toBe(1);

    await h.subscribe(4002);
    expect(h.idOf(4002)).toBe(oldPseudonym); // the same chat gets the same HMAC pseudonym back…
    await h.say(4002, '/mesdonnees');
    const data = summaryOf(4002);
    expect(data).toContain('Vos réponses (sous pseudonyme)\naucune'); // …which no longer reaches the answers
    expect(data).not.toContain('Le parc des Chantiers');
    expect(data).not.toContain('Prenez-vous le bus ?');
    expect(await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)))).toEqual(before);
    // The one item that carries it now is the new subscriber item.
    const out = await h.testStore.client.send(new ScanCommand({ TableName: h.testStore.tableName }));
    const carriers = (out.Items ?? []).filter((item) => JSON.stringify(item).includes(oldPseudonym));
    expect(carriers.map((item) => `${item.pk}/${item.sk}`)).toEqual([`SUBSCRIBER#${oldPseudonym}/SUBSCRIBER`]);
  });

  it('finishes an erasure that crashed half-way, to the same random pseudonym, without counting twice', async () => {
    await h.subscribe(4003);
    await answerYes(4003, 'qPriv');
    await answerYes(4003, 'qPriv2');
    const before = await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)));
    // A first attempt drew its pseudonym, copied qPriv's response, and died before deleting the original.
    const erasingAs = 'e'.repeat(32);
    const subscriber = (await h.deps.store.subscribers.get(h.idOf(4003)))!;
    await h.deps.store.subscribers.put({ ...subscriber, erasingAs });
    const original = (await h.deps.store.responses.get('qPriv', h.idOf(4003)))!;
    await h.deps.store.responses.save({ ...original, subscriberId: erasingAs }, undefined);

    await erase(4003); // the person tries again
    expect(await everythingStored()).not.toContain(h.idOf(4003));
    expect(await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)))).toEqual(before);
    for (const q of ['qPriv', 'qPriv2'])
      expect((await allResponses(h.deps, q)).filter((r) => r.subscriberId === erasingAs)).toHaveLength(1);
  });

  it('unlinks the delivery ledger: coming back, no line says which campaigns reached them; counts unchanged', async () => {
    await h.subscribe(4004);
    await answerYes(4004, 'qPriv');
    const oldPseudonym = h.idOf(4004);
    await h.runJobs(await h.dispatch(campaign({ id: 'cPrivA', message: { ...campaign().message, title: 'Parc A' } })));
    expect((await h.finalize()).report.finished).toMatchObject([{ campaignId: 'cPrivA', status: 'sent' }]);
    expect(receivedCampaign(4004, 'Parc A')).toBe(true);
    expect(await carriersOf(oldPseudonym)).toContain(`CAMPAIGN#cPrivA/DELIVERY#telegram#${oldPseudonym}`);
    const counts = (await h.deps.store.campaigns.get('cPrivA'))!.counts;
    const tally = (await tallyLedger(h.deps.store, 'cPrivA')).counts;
    const results = await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)));

    await erase(4004);
    expect(await carriersOf(oldPseudonym)).toEqual([]);
    await h.subscribe(4004);
    expect(h.idOf(4004)).toBe(oldPseudonym);
    expect(await carriersOf(oldPseudonym)).toEqual([`SUBSCRIBER#${oldPseudonym}/SUBSCRIBER`]);
    expect((await h.deps.store.campaigns.get('cPrivA'))!.counts).toEqual(counts);
    expect((await tallyLedger(h.deps.store, 'cPrivA')).counts).toEqual(tally);
    expect(await Promise.all(['qPriv', 'qPriv2'].map((q) => readResults(h.deps, q)))).toEqual(results);
  });

  it('a campaign still sending: a job run again after the erasure writes nothing under the old pseudonym', async () => {
    await h.subscribe(4005);
    const oldPseudonym = h.idOf(4005);
    const jobs = await h.dispatch(campaign({ id: 'cPrivB', message: { ...campaign().message, title: 'Parc B' } }));
    await h.runJobs(jobs);
    expect(receivedCampaign(4005, 'Parc B')).toBe(true);
    const tally = (await tallyLedger(h.deps.store, 'cPrivB')).counts;

    await erase(4005);
    expect(await carriersOf(oldPseudonym)).toEqual([]);
    await h.runJobs(jobs); // the queue delivers the job again (at least once)
    expect(await carriersOf(oldPseudonym)).toEqual([]);
    // The moved line still counts: finalize finds every line and finishes with the same counts.
    const { report } = await h.finalize();
    expect(report.finished).toMatchObject([{ campaignId: 'cPrivB', counts: { telegram: tally.telegram } }]);
  });

  it('erased before their send: no line for them, and the campaign finishes without them', async () => {
    await h.subscribe(4006);
    const oldPseudonym = h.idOf(4006);
    const jobs = await h.dispatch(campaign({ id: 'cPrivC', message: { ...campaign().message, title: 'Parc C' } }));
    const recipientCount = (await h.deps.store.campaigns.get('cPrivC'))!.recipientCount!;
    await erase(4006);
    await h.runJobs(jobs);
    expect(receivedCampaign(4006, 'Parc C')).toBe(false);
    expect(await carriersOf(oldPseudonym)).toEqual([]);

    // One line short: finalize waits, then its resume counts the audience again, without them.
    expect((await h.finalize()).report.waiting).toEqual(['cPrivC']);
    h.clock.advance(16 * 60_000);
    const resume = await h.finalize();
    expect(resume.report.resumed).toEqual([{ campaignId: 'cPrivC', recipients: 0, jobs: 0 }]);
    expect(resume.jobs).toEqual([]);
    const { report } = await h.finalize();
    expect(report.finished).toMatchObject([
      { campaignId: 'cPrivC', counts: { telegram: { sent: recipientCount - 1, blocked: 0, failed: 0 } } },
    ]);
    expect(await carriersOf(oldPseudonym)).toEqual([]);
  });

  it('a send in flight when the erasure runs: its line follows the erasure, never left under the old pseudonym', async () => {
    // The erasure runs to its end during the send: it found no line to move.
    await h.subscribe(4007);
    const gone = h.idOf(4007);
    const title = { message: { ...campaign().message, title: 'Parc D' } };
    await h.runJobs(await h.dispatch(campaign({ id: 'cPrivD', ...title })), async (chatId) => {
      if (chatId === 4007) await erase(4007);
    });
    expect(receivedCampaign(4007, 'Parc D')).toBe(true);
    expect(await carriersOf(gone)).toEqual([]);

    // The erasure had only drawn its pseudonym (it crashed, or is still running): the line joins it.
    await h.subscribe(4008);
    const erasing = h.idOf(4008);
    const erasingAs = 'f'.repeat(32);
    await h.runJobs(await h.dispatch(campaign({ id: 'cPrivE', ...title })), async (chatId) => {
      if (chatId !== 4008) return;
      const subscriber = (await h.deps.store.subscribers.get(erasing))!;
      await h.deps.store.subscribers.put({ ...subscriber, erasingAs });
    });
    expect(await h.deps.store.deliveries.get('cPrivE', 'telegram', erasingAs)).toMatchObject({ status: 'sent' });
    await erase(4008); // the retry finishes it
    expect(await carriersOf(erasing)).toEqual([]);

    // Every line still counts: both campaigns finish with one line per recipient.
    const { report } = await h.finalize();
    const finished = report.finished.filter((f) => ['cPrivD', 'cPrivE'].includes(f.campaignId));
    for (const f of finished) {
      const c = (await h.deps.store.campaigns.get(f.campaignId))!;
      expect(f.counts.telegram!.sent).toBe(c.recipientCount);
    }
    expect(finished).toHaveLength(2);
  });

  it('a crashed erasure: no campaign is sent to them meanwhile, and none waits for them', async () => {
    await h.subscribe(4009);
    const subscriber = (await h.deps.store.subscribers.get(h.idOf(4009)))!;
    await h.deps.store.subscribers.put({ ...subscriber, erasingAs: 'a'.repeat(32) });
    const jobs = await h.dispatch(campaign({ id: 'cPrivF', message: { ...campaign().message, title: 'Parc F' } }));
    expect(jobs.flatMap((job) => (job.channel === 'telegram' ? job.recipients : []))).not.toContain(h.idOf(4009));
    await h.runJobs(jobs);
    expect(receivedCampaign(4009, 'Parc F')).toBe(false);
    expect((await h.finalize()).report.finished).toMatchObject([{ campaignId: 'cPrivF', status: 'sent' }]);
    await erase(4009);
    expect(await carriersOf(h.idOf(4009))).toEqual([]);
  });
});

/** The JSON file /mesdonnees sent last in this chat, parsed: what the citizen opens. */
function lastDataFile(chatId: number) {
  const file = h.lastBot(chatId);
  expect(file.document).toMatchObject({ file_name: 'mes-donnees-porte-voix.json' });
  return { caption: file.text, data: JSON.parse(file.document!.text!) as Record<string, unknown> };
}

/**
 * Says `text` while the bot answers with `summaries` messages, then the file: Telegram takes ~1 a
 * second per chat, so the bot's flood-wait retry waits a real second after a 429; the simulator's
 * clock, which only moves with the citizen's actions, is moved on as each message lands, as that
 * second would move it.
 */
async function sayWhileBotPaces(chatId: number, text: string, summaries: number) {
  const before = h.botMessages(chatId).length;
  const said = h.say(chatId, text);
  for (let landed = 1; landed <= summaries; landed++) {
    await vi.waitFor(() => expect(h.botMessages(chatId).length).toBeGreaterThanOrEqual(before + landed), {
      timeout: 5_000,
    });
    h.tick();
  }
  await said;
  expect(h.botMessages(chatId)).toHaveLength(before + summaries + 1);
}

describe('/mesdonnees file', () => {
  it('sends everything held as a JSON file: follows, consent, answers, deliveries, pending digests', async () => {
    const menu = await h.subscribe(4101);
    await h.press(4101, menu.message_id, '🏷️ Thèmes');
    await h.press(4101, menu.message_id, 'Loire');
    await answerYes(4101, 'qPriv');
    await h.runJobs(await h.dispatch(campaign({ id: 'cFileA', message: { ...campaign().message, title: 'Parc G' } })));
    // Now a daily digest: the next campaign waits in it for them. And every place followed: a
    // summary too long for the file's caption, so it goes first and the file follows.
    const s = (await h.deps.store.subscribers.get(h.idOf(4101)))!;
    const everywhere = Territory.options;
    await h.deps.store.subscribers.put({
      ...s,
      frequency: 'daily',
      digestHour: 19,
      follows: { ...s.follows, territories: everywhere },
    });
    await h.runJobs(await h.dispatch(campaign({ id: 'cFileB', message: { ...campaign().message, title: 'Parc H' } })));

    await sayWhileBotPaces(4101, '/mesdonnees', 1);
    const summary = summaryOf(4101);
    expect(summary).toContain('Version des conditions acceptée : 1 (du 1er décembre 2026)');
    expect(summary).toContain('Messages que nous vous avons envoyés (sous pseudonyme) : 2 messages');
    expect(summary).toContain('Résumés en attente : 1 résumé');
    expect(summary).toContain('Le parc vous plaît ? → Oui');
    expect(summary).toContain('Le détail complet suit dans un fichier, mes-donnees-porte-voix.json');
    const { caption, data } = lastDataFile(4101);
    expect(caption).toBe('Tout ce que nous gardons sur vous (format JSON).');
    expect(data.about).toContain('Tout ce que Porte-voix garde sur vous');
    expect(data.exportedAt).toBe(h.clock.now().toISOString());
    expect(data.subscriber).toMatchObject({
      id: h.idOf(4101),
      chatId: 4101,
      status: 'active',
      language: 'fr',
      frequency: 'daily',
      digestHour: 19,
      follows: { demarches: [], themes: ['loire'], territories: everywhere },
      consentVersion: 1,
      consentAt: expect.any(String),
    });
    expect(data.responses).toEqual([
      expect.objectContaining({
        questionnaireId: 'qPriv',
        questionnaireTitle: 'Le parc des Chantiers',
        complete: true,
        answers: [{ questionId: 'ok', prompt: 'Le parc vous plaît ?', answer: true, readable: 'Oui' }],
      }),
    ]);
    expect(data.deliveries).toEqual([
      expect.objectContaining({ campaignId: 'cFileA', campaignTitle: 'Parc G', channel: 'telegram', status: 'sent' }),
      expect.objectContaining({ campaignId: 'cFileB', campaignTitle: 'Parc H', channel: 'telegram', status: 'held' }),
    ]);
    expect(data.pendingDigests).toEqual([
      expect.objectContaining({ subscriberId: h.idOf(4101), status: 'open', campaigns: ['cFileB'] }),
    ]);
    // Nobody else in it: no other subscriber's pseudonym.
    const text = JSON.stringify(data);
    for (const other of [4004, 4006, 4102]) expect(text).not.toContain(h.idOf(other));

    // /supprimer still erases everything the file listed.
    await erase(4101);
    expect(await carriersOf(h.idOf(4101))).toEqual([]);
    await h.say(4101, '/mesdonnees');
    expect(h.lastBot(4101).text).toBe('Nous ne gardons rien sur vous : vous n’avez pas d’abonnement.');
    expect(h.lastBot(4101).document).toBeUndefined();
  });

  it('in English, a short summary goes as the caption of the file: one message', async () => {
    await h.subscribe(4102, 'en');
    const before = h.botMessages(4102).length;
    await h.say(4102, '/mydata');
    expect(h.botMessages(4102)).toHaveLength(before + 1);
    const { caption, data } = lastDataFile(4102);
    expect(caption).toContain('What we keep about you');
    expect(caption).toContain('Version of the terms accepted: 1 (of 1 December 2026)');
    expect(caption).toContain('Messages we sent you (under the pseudonym): 0 messages');
    expect(caption).toContain('Digests waiting: 0 digests');
    expect(caption).toContain('The full detail is in this file (JSON format)');
    expect(data.about).toContain('Everything Porte-voix keeps about you');
    expect(data).toMatchObject({ responses: [], deliveries: [], pendingDigests: [] });
  });
});
