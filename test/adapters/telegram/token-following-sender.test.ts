// The AWS binding's sender follows the bot token in its secret: none yet is `TelegramNotConfigured`
// (jobs are parked, not failed), a written token is used, and a rotated one replaces the old sender
// (whose limiter is closed: two at once would double the pace Telegram allows). Against the simulator,
// which answers only its own token.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { type TelegramCampaignSender, createTelegramSender } from '#adapters/telegram/sender';
import { createTokenFollowingSender } from '#adapters/telegram/token-following-sender';
import { TelegramNotConfigured } from '#core/delivery/ports';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { campaign } from '../dynamodb/fixtures';

let sim: TelegramSimulator;
beforeAll(async () => {
  sim = createTelegramSimulator();
  await sim.start();
});
afterAll(() => sim.stop());

it('refuses without a token, sends with the written one, and rebuilds on rotation', async () => {
  const secret = { botToken: '' };
  const built: { token: string; sender: TelegramCampaignSender }[] = [];
  const telegram = createTokenFollowingSender(
    async () => secret.botToken,
    (token) => {
      const sender = createTelegramSender({ token, apiRoot: sim.url, maxAttempts: 1 });
      built.push({ token, sender });
      return sender;
    },
  );
  const message = telegramCampaignFormat.render(campaign(), 'fr');
  sim.openChat(6001);

  await expect(telegram.checkConfigured?.()).rejects.toBeInstanceOf(TelegramNotConfigured);
  await expect(telegram.send(6001, message)).rejects.toBeInstanceOf(TelegramNotConfigured);
  expect(built).toEqual([]);

  secret.botToken = sim.token;
  expect(await telegram.send(6001, message)).toMatchObject({ status: 'sent' });
  expect(await telegram.send(6001, message)).toMatchObject({ status: 'sent' });
  expect(built.map((b) => b.token)).toEqual([sim.token]);

  // Rotated to a token the simulator does not know: a new sender is built, and it is the one asking (401).
  secret.botToken = `${sim.token.split(':')[0]}:${'Z'.repeat(35)}`;
  expect(await telegram.send(6001, message)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^401/) });
  expect(built).toHaveLength(2);
  for (const b of built) b.sender.close();
});

it('does not keep a sender that failed to build: the next send builds it again', async () => {
  let attempts = 0;
  const senders: TelegramCampaignSender[] = [];
  const telegram = createTokenFollowingSender(
    async () => sim.token,
    async (token) => {
      if (++attempts === 1) throw new Error('module failed to load');
      const sender = createTelegramSender({ token, apiRoot: sim.url, maxAttempts: 1 });
      senders.push(sender);
      return sender;
    },
  );
  const message = telegramCampaignFormat.render(campaign(), 'fr');
  sim.openChat(6002);
  await expect(telegram.send(6002, message)).rejects.toThrow('module failed to load');
  expect(await telegram.send(6002, message)).toMatchObject({ status: 'sent' });
  expect(attempts).toBe(2);
  for (const s of senders) s.close();
});
