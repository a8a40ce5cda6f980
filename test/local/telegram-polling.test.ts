// With a bot token, the local runtime reaches Telegram (here: a simulator standing in for it at
// TELEGRAM_API_ROOT, with no webhook) by long polling, through the same update path as the webhook.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { loadConfig } from '#config';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';
import { SIMULATOR_TOKEN, type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';

let telegram: TelegramSimulator;
let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  telegram = createTelegramSimulator({ token: SIMULATOR_TOKEN });
  const apiRoot = await telegram.start();
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-polling-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'SILENT',
    TELEGRAM_BOT_TOKEN: SIMULATOR_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
  });
  runtime = await startLocalRuntime(config, { inMemory: true, demoData: false });
});

afterAll(async () => {
  await runtime?.stop();
  await telegram?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('answers /start by long polling, with no webhook registered', async () => {
  expect(runtime.telegram.mode).toBe('polling');
  expect(telegram.webhookInfo()).toMatchObject({ url: '' });
  const sent = await telegram.citizenSays(4242, '/start');
  expect(sent.delivery.mode).toBe('getUpdates');
  // The runtime's poller answers on its own schedule: wait for the answer itself, with a generous deadline.
  await vi.waitFor(() => expect(telegram.messages(4242).some((m) => m.from === 'bot')).toBe(true), {
    timeout: 15_000,
    interval: 100,
  });
  expect(telegram.lastBotMessage(4242)?.text).toMatch(/Ce que nous gardons/);
  expect(await runtime.deps.store.subscribers.countByStatus()).toMatchObject({ pending: 1 });
});
