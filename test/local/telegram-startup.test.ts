// Start-up with a bot token survives the Bot API's moods (Telegram played by the simulator at
// TELEGRAM_API_ROOT, faults injected at its HTTP boundary): a failing setMyCommands (5xx, 429, a
// method the server lacks) never stops the bot, the menu is set in the background once the fault
// clears; only a token Telegram refuses (401 from getMe) stops start-up, with a plain message.
// The waits between retries go through an injected sleep: no real time passes.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fr } from '#adapters/telegram/messages/fr';
import { loadConfig } from '#config';
import { LocalStartError } from '#local/embedded-store';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';
import { SIMULATOR_TOKEN, type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';

let telegram: TelegramSimulator;
let apiRoot: string;
let dataDir: string;
let runtime: LocalRuntime | undefined;

beforeAll(async () => {
  telegram = createTelegramSimulator({ token: SIMULATOR_TOKEN });
  apiRoot = await telegram.start();
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-startup-'));
});
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  telegram.reset();
});
afterAll(async () => {
  await telegram?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const configWith = (token: string) =>
  loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'SILENT',
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: apiRoot,
  });

/** A sleep the test releases by hand: records each wait asked for, resolves on `release()`. */
function gatedSleep() {
  const waits: number[] = [];
  let open: () => void = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  return {
    waits,
    sleep: (ms: number, signal: AbortSignal) => {
      waits.push(ms);
      return new Promise<void>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        void gate.then(resolve);
      });
    },
    release() {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
  };
}

const commandMenu = async (languageCode?: string) => {
  const answer = await telegram.callApi('getMyCommands', languageCode ? { language_code: languageCode } : {});
  return (answer as { result: { command: string }[] }).result.map((c) => c.command);
};

describe('start-up with TELEGRAM_BOT_TOKEN', () => {
  it.each([
    { status: 500, description: 'Internal Server Error' },
    { status: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7 },
    { status: 404, description: 'Not Found: method not found' },
  ])('starts and answers /start while setMyCommands answers $status; sets the menu once it clears', async (fault) => {
    const menuFault = telegram.injectFaults({ method: 'setMyCommands', count: Infinity, ...fault });
    const clock = gatedSleep();
    runtime = await startLocalRuntime(configWith(SIMULATOR_TOKEN), {
      inMemory: true,
      demoData: false,
      sleep: clock.sleep,
    });

    await telegram.citizenSays(4301, '/start');
    await vi.waitFor(() => expect(telegram.lastBotMessage(4301)?.text).toMatch(/Ce que nous gardons/), {
      timeout: 15_000,
    });
    // The first attempt failed and a retry waits: Telegram's retry_after when it gave one.
    await vi.waitFor(() => expect(clock.waits).toHaveLength(1));
    expect(clock.waits[0]).toBe(fault.retryAfter ? fault.retryAfter * 1000 : 2_000);
    expect(await commandMenu()).toEqual([]);

    menuFault.cancel();
    clock.release();
    expect(await runtime.telegram.commandMenu).toBe('registered');
    expect(await commandMenu()).toEqual(fr.commands.map((c) => c.command));
    expect(await commandMenu('en')).toContain('follow');
  });

  it('gives up after a bounded number of attempts, and stops waiting when the runtime stops', async () => {
    telegram.injectFaults({ method: 'setMyCommands', count: Infinity, status: 502 });
    const waits: number[] = [];
    runtime = await startLocalRuntime(configWith(SIMULATOR_TOKEN), {
      inMemory: true,
      demoData: false,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(await runtime.telegram.commandMenu).toBe('gave_up');
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000]);

    await runtime.stop();
    runtime = undefined;
    telegram.reset();
    telegram.injectFaults({ method: 'setMyCommands', count: Infinity, status: 502 });
    const clock = gatedSleep();
    runtime = await startLocalRuntime(configWith(SIMULATOR_TOKEN), {
      inMemory: true,
      demoData: false,
      sleep: clock.sleep,
    });
    await vi.waitFor(() => expect(clock.waits).toHaveLength(1));
    await runtime.stop(); // the pending wait is aborted: stop() does not hang on it
    expect(await runtime.telegram.commandMenu).toBe('stopped');
    runtime = undefined;
  });

  it('refuses to start when Telegram refuses the token, with a plain message naming the variable', async () => {
    const attempt = startLocalRuntime(configWith('7000000001:AAWrongTokenWrongTokenWrongToken000'), {
      inMemory: true,
      demoData: false,
    });
    await expect(attempt).rejects.toBeInstanceOf(LocalStartError);
    await expect(attempt).rejects.toThrow(/^Telegram refuse le jeton TELEGRAM_BOT_TOKEN \(401 Unauthorized\)/);
    // Everything it opened was closed: the same DATA_DIR starts again at once.
    runtime = await startLocalRuntime(configWith(SIMULATOR_TOKEN), { inMemory: true, demoData: false });
    expect(runtime.telegram.mode).toBe('polling');
  });

  it('npm start prints the plain message, without a stack trace, and exits 2', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        join('node_modules', '.bin', 'tsx'),
        ['functions/local/main.ts'],
        {
          env: {
            ...process.env,
            PORT: '0',
            DATA_DIR: join(dataDir, 'npm-start'),
            LOG_LEVEL: 'SILENT',
            TELEGRAM_BOT_TOKEN: '7000000001:AAWrongTokenWrongTokenWrongToken000',
            TELEGRAM_API_ROOT: apiRoot,
          },
        },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^Telegram refuse le jeton TELEGRAM_BOT_TOKEN \(401 Unauthorized\)[^\n]*$/);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  }, 120_000); // a whole process with tsx's compilation: slow on a busy machine, and that is no verdict
});
