// An agent links their own Telegram chat with the console's one-time code (`/lier`), then a
// campaign test reaches that chat, through the simulator over HTTP as on Telegram, and counts nowhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramSender } from '#adapters/telegram/sender';
import { startTelegramLink } from '#core/agents/telegram-link';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import type { Campaign } from '#core/campaigns/campaign';
import { sendCampaignTest } from '#core/campaigns/test-send';
import { createCampaign } from '#core/campaigns/use-cases';
import { type BotHarness, NOW, questionnaireOf, startBotHarness } from './harness';

let h: BotHarness;
let sender: ReturnType<typeof createTelegramSender>;
beforeAll(async () => {
  h = await startBotHarness();
  sender = createTelegramSender({ token: h.sim.token, apiRoot: h.sim.url, backoffMs: 10, maxAttempts: 2 });
});
afterAll(async () => {
  sender.close();
  await h.close();
});

const admin = { ...BOOTSTRAP_ADMIN };
async function agentWithCode(name: string) {
  const { agent } = await createAgent(h.deps, admin, { name, role: 'editor' });
  const actor = { agentId: agent.id, name: agent.name };
  return { agent, actor, ...(await startTelegramLink(h.deps, actor)) };
}
const chatOf = async (agentId: string) => (await h.deps.store.agents.get(agentId))?.telegramChatId;

describe('/lier: an agent links their chat', () => {
  it('links a chat that is no subscriber, keeping no subscriber item, and refuses the code a second time', async () => {
    const { agent, command } = await agentWithCode('Camille <Équipe>');
    await h.say(5001, command);
    expect(h.lastBot(5001).text).toBe(
      'Ce chat est lié à votre compte d’agent : Camille <Équipe>. Les tests de campagne envoyés depuis la console arriveront ici.',
    );
    expect(await chatOf(agent.id)).toBe(5001);
    expect(await h.deps.store.subscribers.get(h.idOf(5001))).toBeUndefined();

    await h.say(5009, command);
    expect(h.lastBot(5009).text).toContain('déjà utilisé');
    expect(await chatOf(agent.id)).toBe(5001);
    // The log says what happened, never the chat id.
    expect(h.logs.some((line) => line.includes('agent chat linked'))).toBe(true);
    expect(h.logs.some((line) => line.includes('5001'))).toBe(false);
  });

  it('works for a citizen still asked for consent, and with /link in English', async () => {
    const { agent, code } = await agentWithCode('Dominique');
    await h.say(5002, '/start');
    expect(h.lastBot(5002).text).toContain('Acceptez-vous ?');
    await h.say(5002, `/link ${code.toLowerCase()}`);
    expect(h.lastBot(5002).text).toContain('Ce chat est lié à votre compte d’agent : Dominique');
    expect(await chatOf(agent.id)).toBe(5002);
    expect((await h.deps.store.subscribers.get(h.idOf(5002)))?.status).toBe('pending');
  });

  it('answers a wrong code, an expired code and a missing code in French, storing nothing', async () => {
    const { agent, command } = await agentWithCode('Alex');
    await h.say(5003, '/lier ZZZZ2222');
    expect(h.lastBot(5003).text).toContain('Ce code ne correspond à rien');
    await h.say(5003, '/lier');
    expect(h.lastBot(5003).text).toContain('suivi du code affiché dans la console');
    h.clock.advance(10 * 60_000 + 1);
    try {
      await h.say(5003, command);
    } finally {
      h.clock.set(NOW);
    }
    expect(h.lastBot(5003).text).toContain('Ce code a expiré');
    expect(await chatOf(agent.id)).toBeUndefined();
  });
});

describe('a campaign test', () => {
  const questionnaire = questionnaireOf('qTest', [{ kind: 'yes_no', id: 'velo', prompt: 'Venez-vous à vélo ?' }]);
  let campaign: Campaign;
  beforeAll(async () => {
    await h.deps.store.questionnaires.create(questionnaire);
    campaign = await createCampaign(h.deps, admin, {
      message: { title: 'Le parc change', text: 'Donnez votre avis.', link: 'https://example.org/parc' },
      channels: ['telegram'],
      sendAt: '2026-11-26T09:00:00Z',
      questionnaireId: 'qTest',
    });
  });

  it('arrives in the agent’s chat marked [TEST], with the « Répondre » button, and counts nowhere', async () => {
    const { agent, actor, command } = await agentWithCode('Maël');
    await h.say(5004, command);
    h.tick();
    const result = await sendCampaignTest({ ...h.deps, telegram: sender }, actor, campaign.id);
    expect(result).toEqual({ campaignId: campaign.id, sentAt: NOW, withQuestion: true });
    const test = h.lastBot(5004);
    expect(test.text).toMatch(/^\[TEST\] Le parc change/);
    expect(test.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Répondre (1 question, 1 min)']);

    expect((await h.deps.store.deliveries.listByCampaign(campaign.id)).items).toEqual([]);
    expect(await h.deps.store.campaigns.get(campaign.id)).toEqual(campaign);
    // The clock is pinned: events share their instant, so they are found by action, not by order.
    const events = (await h.deps.store.audit.list({ entity: { type: 'campaign', id: campaign.id } })).items;
    expect(events.filter((e) => e.action === 'campaign.test').map((e) => e.actor.agentId)).toEqual([agent.id]);
  });

  it('says how to link when the agent has no chat linked, and that Telegram is not configured without a sender', async () => {
    const { actor } = await agentWithCode('Noa');
    await expect(sendCampaignTest({ ...h.deps, telegram: sender }, actor, campaign.id)).rejects.toMatchObject({
      code: 'Conflict',
      violations: [{ rule: 'telegram_not_linked', message: expect.stringContaining('/lier') }],
    });
    await expect(sendCampaignTest(h.deps, actor, campaign.id)).rejects.toMatchObject({
      message: expect.stringContaining('Telegram non configuré'),
    });
    await expect(sendCampaignTest({ ...h.deps, telegram: sender }, admin, campaign.id)).rejects.toMatchObject({
      violations: [{ rule: 'registered_agent' }],
    });
  });

  it('says so when the agent’s chat blocked the bot', async () => {
    const { actor, command } = await agentWithCode('Sacha');
    await h.say(5005, command);
    await h.sim.citizenBlocks(5005);
    await expect(sendCampaignTest({ ...h.deps, telegram: sender }, actor, campaign.id)).rejects.toMatchObject({
      violations: [{ rule: 'telegram_chat_blocked', message: expect.stringContaining('bloqué le bot') }],
    });
    const tests = (await h.deps.store.audit.list({ entity: { type: 'campaign', id: campaign.id } })).items;
    expect(tests.filter((e) => e.actor.agentId === actor.agentId)).toEqual([]);
  });
});
