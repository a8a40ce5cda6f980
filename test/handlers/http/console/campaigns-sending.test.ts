// Watching a campaign leave through the console, on the real delivery engine (simulated Telegram,
// virtual time): the progress fragment's numbers per channel and its failures by reason, pause and
// resume from the watching page, and « envoyer un test » to the agent's own linked chat.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import { linkTelegramChat, startTelegramLink } from '#core/agents/telegram-link';
import { hashToken } from '#core/agents/tokens';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { finalizeCampaigns } from '#core/delivery/finalize';
import { createHttpApp } from '#handlers/http/app';
import type { HttpDeps } from '#handlers/http/deps';
import {
  type DeliveryHarness,
  capturingQueue,
  followersOf,
  following,
  startDeliveryHarness,
} from '../../../core/delivery/support';
import { type ConsoleClient, consoleClient } from '../../../support/console-client';
import { TEST_OPEN_DATA } from '../../../support/http-deps';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-campaign-sending';
let h: DeliveryHarness;
let app: ReturnType<typeof createHttpApp>;
let deps: HttpDeps;
let editor: ConsoleClient;
let editorId: string;

const FRAGMENT = { 'X-Console-Fragment': '1' };

beforeAll(async () => {
  h = await startDeliveryHarness();
  deps = {
    ...h.ctx,
    publicUrl: 'http://localhost:3000',
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    telegram: h.sender,
    openData: TEST_OPEN_DATA,
  };
  app = createHttpApp(deps, { bootstrapTokenHash: hashToken(ADMIN_TOKEN) });
  const { agent, token } = await createAgent(deps, BOOTSTRAP_ADMIN, { name: 'Camille', role: 'editor' });
  editorId = agent.id;
  editor = consoleClient(app);
  await editor.signIn(token);
});
afterAll(() => h.close());

/** Text of the table row whose header cell is `label`, cells separated by `|`. */
function row(html: string, label: string): string {
  const match = new RegExp(`<tr><th scope="row">${label}</th>(.*?)</tr>`).exec(html);
  if (!match) throw new Error(`no row ${label}`);
  return match[1]!.replace(/<td class="num">/g, '').replace(/<\/td>/g, '|');
}

describe('watching a campaign leave', () => {
  it('shows the numbers per channel and the failures by reason once the engine has sent it, and stops polling', async () => {
    const fans = await h.addSubscribers(3, following('watch-a'));
    await h.sim.citizenBlocks(fans[2]!.chatId);
    const campaign = await h.scheduleDue({ audience: followersOf('watch-a'), channels: ['telegram', 'x', 'feeds'] });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    await finalizeCampaigns(h.dispatchDeps);

    const response = await editor.get(`/console/campagnes/${campaign.id}/envoi`, FRAGMENT);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('<span class="badge sent">envoyée</span>');
    expect(row(html, 'Telegram \\(messages\\)')).toBe('2|0|1|0|0|');
    expect(row(html, 'X \\(publication\\)')).toBe('1|0|—|—|0|'); // kept in the outbox: no X credentials
    expect(row(html, 'Flux \\(article\\)')).toBe('1|0|—|—|0|');
    expect(html).toMatch(/3 destinataires traités sur 3 \(100\s%\)/);
    expect(row(html, 'Le bot a été bloqué par l’abonné·e')).toBe('1|');
    expect(html).toContain('data-poll-final');
    expect(html).not.toContain('/pause');

    // The same numbers from the fragment's own path; the full page does not poll a finished campaign.
    expect(await (await editor.get(`/console/campagnes/${campaign.id}/envoi/fragment`)).text()).toBe(html);
    const page = await (await editor.get(`/console/campagnes/${campaign.id}/envoi`)).text();
    expect(page).toContain('<h1>Envoi : Le plan vélo avance</h1>');
    expect(page).not.toContain('data-poll=');
    expect(page).toContain('>Actualiser</a>');
  });

  it('pauses and resumes from the watching page; the rest is sent once each', async () => {
    const fans = await h.addSubscribers(4, following('watch-b'));
    const campaign = await h.scheduleDue({ audience: followersOf('watch-b') });
    await dispatchDueCampaigns({ ...h.dispatchDeps, queue: capturingQueue() }); // counted, nothing sent yet
    const path = `/console/campagnes/${campaign.id}`;

    const page = await (await editor.get(`${path}/envoi`)).text();
    expect(page).toContain(`data-poll="${path}/envoi/fragment"`);
    expect(page).toContain('data-every="2000"');
    expect(page).not.toContain('data-poll-final');
    expect(row(page, 'Telegram \\(messages\\)')).toBe('0|0|0|0|4|');
    expect(page).toContain(`action="${path}/pause?depuis=envoi"`);

    const paused = await editor.post(`${path}/pause?depuis=envoi`);
    expect(paused.status).toBe(303);
    expect(paused.headers.get('location')).toBe(`${path}/envoi`);
    let html = await (await editor.get(`${path}/envoi`)).text();
    expect(html).toContain('Envoi mis en pause');
    expect(html).toContain('<span class="badge paused">en pause</span>');
    expect(html).toContain(`action="${path}/reprendre?depuis=envoi"`);
    expect(html).not.toContain(`action="${path}/pause?depuis=envoi"`);

    expect((await editor.post(`${path}/reprendre?depuis=envoi`)).status).toBe(303);
    expect(await h.store.campaigns.get(campaign.id)).toMatchObject({ status: 'sending', round: 1 });
    await finalizeCampaigns(h.dispatchDeps); // enqueues what is left, for the new round
    await h.queue.idle();
    await finalizeCampaigns(h.dispatchDeps);

    html = await (await editor.get(`${path}/envoi`, FRAGMENT)).text();
    expect(row(html, 'Telegram \\(messages\\)')).toBe('4|0|0|0|0|');
    expect(html).toContain('data-poll-final');
    for (const fan of fans) expect(h.botMessages(fan.chatId)).toHaveLength(1);
    const history = await (await editor.get(path)).text();
    for (const action of ['Mise en pause', 'Reprise']) expect(history).toContain(action);
  });

  it('says why a pause is refused once the campaign is sent', async () => {
    await h.addSubscribers(1, following('watch-c'));
    const campaign = await h.scheduleDue({ audience: followersOf('watch-c') });
    await dispatchDueCampaigns(h.dispatchDeps);
    await h.queue.idle();
    await finalizeCampaigns(h.dispatchDeps);
    const refused = await editor.post(`/console/campagnes/${campaign.id}/pause?depuis=envoi`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      'L’envoi n’a pas été mis en pause : une campagne envoyée ne peut pas passer',
    );
  });
});

describe('envoyer un test', () => {
  it('asks an agent without a linked chat to link it, then sends the test with the question’s buttons to their chat', async () => {
    const campaign = await h.scheduleDue({ audience: followersOf('test-a'), questionnaireId: h.questionnaire.id });
    const path = `/console/campagnes/${campaign.id}`;
    await editor.post(`${path}/deprogrammer`); // a draft again: « test » is offered there
    expect(await (await editor.get(path)).text()).toContain(`action="${path}/test"`);

    const refused = await editor.post(`${path}/test`);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('Le test n’a pas été envoyé : votre chat Telegram n’est pas lié');
    expect(html).toContain('<a href="/console/compte">Lier mon chat Telegram (Mon compte)</a>');

    const chatId = 777_001;
    h.sim.openChat(chatId);
    const { code } = await startTelegramLink(deps, { agentId: editorId, name: 'Camille' });
    await linkTelegramChat(deps, code, chatId);
    const sent = await editor.post(`${path}/test`);
    expect(sent.status).toBe(303);
    expect(await (await editor.get(path)).text()).toContain('Test envoyé à votre chat Telegram');
    const [message] = h.botMessages(chatId);
    expect(message?.text).toContain('[TEST] Le plan vélo avance');
    expect(message?.reply_markup?.inline_keyboard.flat().map((b) => b.text)[0]).toMatch(
      /^Répondre \(\d+ questions?, \d+ min\)$/,
    );
  });
});
