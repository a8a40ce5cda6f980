// From a poster to a completed questionnaire, as a citizen lives it: the agent prints the QR code of a
// start link (admin API); the citizen's phone reads it (jsqr) and opens `t.me/<bot>?start=<payload>`,
// which Telegram turns into `/start <payload>`; consent; the démarche is followed; a campaign on that
// démarche with a questionnaire is dispatched to its followers and sent; the citizen answers every
// question; the response is complete in the store, and the poster counts one subscription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCallback } from '#adapters/telegram/question-message';
import { hashToken } from '#core/agents/tokens';
import { Campaign } from '#core/campaigns/campaign';
import { adminApi } from '#handlers/http/admin-api/app';
import type { MessageView } from '#local/telegram-simulator/index';
import { type BotHarness, NOW, openDemarche, questionnaireOf, startBotHarness } from '../adapters/telegram/bot/harness';
import { decodeQrPng } from '../support/qr';

const ADMIN = 'pv_bootstrap-token-for-tests';
const CHAT = 7001;
let h: BotHarness;
let api: ReturnType<typeof adminApi>;

const questionnaire = questionnaireOf('qMarche', [
  {
    kind: 'single_choice',
    id: 'venue',
    prompt: 'Vous venez au marché…',
    options: [
      { id: 'semaine', label: 'Chaque semaine' },
      { id: 'parfois', label: 'Parfois' },
    ],
  },
  { kind: 'yes_no', id: 'velo', prompt: 'Viendriez-vous à vélo s’il y avait des arceaux ?' },
  { kind: 'short_text', id: 'idee', prompt: 'Une idée pour la halle ?', maxLength: 200 },
]);

beforeAll(async () => {
  h = await startBotHarness();
  await h.deps.store.demarches.create(openDemarche('halle-talensac', 'Halle du marché de Talensac'));
  await h.deps.store.questionnaires.create({ ...questionnaire, demarcheSlug: 'halle-talensac' });
  // As the local runtime does: the bot's username from its own getMe (here, the simulator's).
  api = adminApi(
    { ...h.deps, botUsername: async () => (await h.bot.telegram.getMe()).username },
    { bootstrapTokenHash: hashToken(ADMIN) },
  );
});
afterAll(() => h.close());

const request = (method: string, path: string, body?: unknown) =>
  api.request(path, {
    method,
    headers: { Authorization: `Bearer ${ADMIN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
const actionsOf = (m: MessageView) =>
  (m.reply_markup?.inline_keyboard.flat() ?? []).map((b) => ({
    text: b.text,
    action: decodeCallback(b.callback_data ?? ''),
  }));

describe('from a poster’s QR code to a completed questionnaire', () => {
  it('subscribes through the QR code, receives the campaign and answers every question', async () => {
    // The agent creates the poster's link and downloads its QR code for print.
    const link = (await (
      await request('POST', '/api/v1/start-links', {
        target: { kind: 'demarche', key: 'halle-talensac' },
        label: 'Affiche halle du marché de Talensac',
      })
    ).json()) as { id: string; url: string };
    const png = await request('GET', `/api/v1/start-links/${link.id}/qr.png`);
    expect(png.status).toBe(200);

    // The citizen's camera reads it: a t.me link whose start parameter Telegram hands to the bot.
    const scanned = new URL(decodeQrPng(new Uint8Array(await png.arrayBuffer())).text);
    expect(`${scanned.origin}${scanned.pathname}`).toBe(`https://t.me/${(await h.bot.telegram.getMe()).username}`);
    const payload = scanned.searchParams.get('start');
    expect(payload).toBe(link.id);

    await h.say(CHAT, `/start ${payload}`, 'fr');
    const consent = h.lastBot(CHAT);
    expect(consent.text).toContain('Ce lien vous fait suivre la démarche Halle du marché de Talensac');
    await h.press(CHAT, consent.message_id, 'J’accepte');
    expect(h.lastBot(CHAT).text).toContain('Vous suivez maintenant la démarche Halle du marché de Talensac');
    expect((await h.deps.store.subscribers.get(h.idOf(CHAT)))?.follows.demarches).toEqual(['halle-talensac']);

    // A campaign to the démarche's followers, with its questionnaire, dispatched and sent.
    const jobs = await h.dispatch(
      Campaign.parse({
        id: 'cMarche',
        message: {
          title: 'La halle de Talensac change',
          text: 'Dites-nous comment vous venez au marché.',
          link: 'https://example.org/halle-talensac',
        },
        channels: ['telegram'],
        audience: { kind: 'followers', demarches: ['halle-talensac'] },
        questionnaireId: 'qMarche',
        demarcheSlug: 'halle-talensac',
        sendAt: NOW,
        status: 'scheduled',
        createdBy: 'agent',
        createdAt: NOW,
        updatedAt: NOW,
        version: 1,
      }),
    );
    expect(jobs.flatMap((j) => (j.channel === 'telegram' ? j.recipients : []))).toEqual([h.idOf(CHAT)]);
    await h.runJobs(jobs);
    const received = h.lastBot(CHAT);
    expect(received.text).toContain('La halle de Talensac change');
    expect(await h.deps.store.deliveries.get('cMarche', 'telegram', h.idOf(CHAT))).toMatchObject({ status: 'sent' });

    // The questionnaire starts on the campaign (or behind its « Répondre » button, whichever it shows).
    const open = actionsOf(received).find((b) => b.action?.kind === 'open');
    if (open) await h.press(CHAT, received.message_id, open.text);

    const q1 = h.lastBot(CHAT);
    expect(q1.text).toContain('Vous venez au marché');
    await h.press(CHAT, q1.message_id, 'Chaque semaine');
    const q2 = h.lastBot(CHAT);
    expect(q2.text).toContain('Viendriez-vous à vélo');
    await h.press(CHAT, q2.message_id, 'Oui');
    const q3 = h.lastBot(CHAT);
    expect(q3.text).toContain('Une idée pour la halle ?');
    const write = actionsOf(q3).find((b) => b.action?.kind === 'write');
    expect(write).toBeDefined();
    await h.press(CHAT, q3.message_id, write!.text);
    await h.say(CHAT, 'Des bancs à l’ombre');
    expect(h.lastBot(CHAT).text).toContain('Merci');

    expect(await h.deps.store.responses.get('qMarche', h.idOf(CHAT))).toMatchObject({
      complete: true,
      answers: { venue: ['semaine'], velo: true, idee: 'Des bancs à l’ombre' },
    });
    expect((await h.deps.store.startLinks.get(link.id))?.subscriptions).toBe(1);
  });
});
