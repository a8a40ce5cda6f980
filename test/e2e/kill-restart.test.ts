// Proven through real kills: the local runtime runs as a child process (`node --import tsx
// functions/local/main.ts`) on a DATA_DIR, sends a campaign to 200 citizens through a Telegram that
// lives in this test process (Telegram does not die with us, so it is what counts what citizens
// received), with faults injected — 5 % of 5xx, 2 % of connections cut after the message was
// accepted, a 429 storm, 3 % of citizens blocking the bot mid-campaign — and is SIGKILLed twice
// mid-send, restarted at once on the same data each time. Every reachable citizen gets the message;
// nothing is lost; a citizen who got it twice is counted uncertain; those who blocked are marked.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { createCampaign } from '#core/campaigns/use-cases';
import type { Delivery } from '#core/delivery/delivery';
import { startEmbeddedStore } from '#local/embedded-store';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { demarche } from '../adapters/dynamodb/fixtures';

const AUDIENCE = 200;
const FIRST_CHAT = 700_000;
const SLUG = 'kill-test';
const TOKEN = '7100000002:AAKillRestartTestToken000000000000';
const ADMIN = 'pv_kill-test-admin-token-0123456789';
/** Citizens who block the bot once the campaign is under way (3 %); none is among the first sends. */
const BLOCKERS = [70, 90, 110, 130, 150, 170].map((i) => FIRST_CHAT + i);
/** Sends after which a runtime is killed: the first one, then the one restarted after it. */
const KILL_EVERY = 60;
/**
 * Sends a killed runtime may have had under way without a line: 4 jobs at once (the in-process queue),
 * each with a lease window of 2 × 5 − 1 recipients (telegram-job.ts): the takeover's blind resends.
 */
const IN_FLIGHT_PER_KILL = 4 * 9;

let dataDir: string;
let sim: TelegramSimulator;
let telegram: Server;
let apiRoot: string;
let campaignId: string;
let sends = 0;
let onSend: (n: number) => void = () => {};
const runtimes: ChildProcess[] = [];
const chatOf = (i: number) => FIRST_CHAT + i;

/** The audience, the démarche they follow and a campaign due now, written in DATA_DIR before the first start. */
async function seedDataDir() {
  const embedded = await startEmbeddedStore({ dataDir, tableName: 'porte-voix' });
  const { store } = embedded;
  // The runtime runs on the machine's clock: a campaign created a minute ago, due now.
  const clock = fixedClock(new Date(new Date().getTime() - 60_000).toISOString());
  const at = clock.now().toISOString();
  await store.demarches.create(demarche({ slug: SLUG }));
  for (let i = 0; i < AUDIENCE; i++)
    await store.subscribers.put({
      id: `s-${chatOf(i)}`,
      chatId: chatOf(i),
      language: 'fr',
      frequency: 'instant',
      status: 'active',
      follows: { demarches: [SLUG], themes: [], territories: [] },
      createdAt: at,
      updatedAt: at,
    });
  const campaign = await createCampaign(
    { store, clock, ids: randomIds, telegramFormat: telegramCampaignFormat },
    { agentId: 'ag1', name: 'Camille' },
    {
      message: { title: 'Le plan vélo avance', text: 'Donnez votre avis.', link: 'https://example.org/plan-velo' },
      channels: ['telegram'],
      audience: { kind: 'followers', demarches: [SLUG], themes: [], territories: [] },
      sendAt: new Date(clock.now().getTime() + 1000).toISOString(),
    },
    { schedule: true },
  );
  campaignId = campaign.id;
  await embedded.close();
}

/** Starts `npm start`'s module as a child on DATA_DIR, talking to this process's Telegram; resolves with its URL. */
async function startRuntime(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      ADMIN_TOKEN: ADMIN,
      SUBSCRIBER_KEY_SECRET: 'kill-test-subscriber-key',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiRoot,
      LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runtimes.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /tourne sur (http:\/\/localhost:\d+)/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`the runtime exited (${code}) before listening:\n${output}`)));
  });
  return { child, url };
}

/** Resolves once `child` is SIGKILLed by this process's Telegram, `after` more sends from now. */
async function killedAfter(child: ChildProcess, after: number) {
  const at = sends + after;
  onSend = (n) => {
    if (n === at) child.kill('SIGKILL');
  };
  await once(child, 'exit');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-kill-'));
  await seedDataDir();
  sim = createTelegramSimulator({ token: TOKEN });
  for (let i = 0; i < AUDIENCE; i++) sim.openChat(chatOf(i));
  sim.injectFaults({ method: 'sendMessage', status: 502, probability: 0.05, seed: 1, count: Infinity });
  sim.injectFaults({ method: 'sendMessage', drop: 'after', probability: 0.02, seed: 2, count: Infinity });
  // Telegram's side of the wire: counts the sends, kills the runtime on the chosen one, then answers as the simulator.
  telegram = createServer((req, res) => {
    if (req.url?.endsWith('/sendMessage')) {
      sends++;
      if (sends === 1) for (const chat of BLOCKERS) void sim.citizenBlocks(chat);
      if (sends === 30) sim.injectFaults({ method: 'sendMessage', status: 429, retryAfter: 1, count: 20 });
      onSend(sends);
    }
    sim.listener(req, res);
  });
  telegram.listen(0, '127.0.0.1');
  await once(telegram, 'listening');
  apiRoot = `http://127.0.0.1:${(telegram.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const child of runtimes) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  telegram.closeAllConnections();
  await new Promise<void>((resolve) => telegram.close(() => resolve()));
  await sim.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('loses no citizen through two kill -9 mid-campaign, and counts every possible duplicate', async () => {
  // Killed mid-send, restarted at once on the same data (the lock does not refuse it), twice.
  await killedAfter((await startRuntime()).child, KILL_EVERY);
  await killedAfter((await startRuntime()).child, KILL_EVERY);
  const last = await startRuntime();
  const campaign = await vi.waitFor(
    async () => {
      const res = await fetch(`${last.url}/api/v1/campaigns/${campaignId}`, {
        headers: { Authorization: `Bearer ${ADMIN}` },
      });
      const body = (await res.json()) as { status: string; counts?: { telegram: Record<string, number> } };
      if (body.status !== 'sent') throw new Error(`campaign still ${body.status}`);
      return body;
    },
    // Far below the 15-minute resume a restart used to wait for; generous for a loaded machine.
    { timeout: 150_000, interval: 250 },
  );
  last.child.kill('SIGTERM');
  await once(last.child, 'exit');

  const embedded = await startEmbeddedStore({ dataDir, tableName: 'porte-voix' });
  try {
    const lines = new Map<number, Delivery>();
    let cursor: string | undefined;
    do {
      const page = await embedded.store.deliveries.listByCampaign(campaignId, { limit: 100, cursor });
      for (const line of page.items) lines.set(Number(line.recipient.slice(2)), line);
      cursor = page.next;
    } while (cursor);

    const reachable = Array.from({ length: AUDIENCE }, (_, i) => chatOf(i)).filter((c) => !BLOCKERS.includes(c));
    const copies = (chat: number) =>
      sim.messages(chat).filter((m) => m.from === 'bot' && m.text?.includes('Le plan vélo avance')).length;
    // 0 lost: every reachable citizen has the message and a `sent` line.
    for (const chat of reachable) {
      expect(copies(chat), `chat ${chat}`).toBeGreaterThanOrEqual(1);
      expect(lines.get(chat)?.status, `chat ${chat}`).toBe('sent');
    }
    // Blocked citizens: marked, their line blocked, not retried.
    for (const chat of BLOCKERS) {
      expect(lines.get(chat)?.status, `chat ${chat}`).toBe('blocked');
      expect((await embedded.store.subscribers.get(`s-${chat}`))?.status).toBe('blocked');
    }
    // A duplicate only where the outcome was unknown, and each one counted.
    const twice = reachable.filter((chat) => copies(chat) > 1);
    for (const chat of twice) expect(lines.get(chat)?.uncertain, `chat ${chat}`).toBe(true);
    const uncertain = [...lines.values()].filter((line) => line.uncertain).length;
    expect(campaign.counts?.telegram).toEqual({
      sent: AUDIENCE - BLOCKERS.length,
      failed: 0,
      blocked: BLOCKERS.length,
      uncertain,
    });
    const extra = reachable.reduce((sum, chat) => sum + copies(chat) - 1, 0);
    // Never more than were in flight: the cut connections, and what each killed runtime had under way.
    expect(extra).toBeLessThanOrEqual(sim.stats().faultsApplied + 2 * IN_FLIGHT_PER_KILL);
    expect(twice.length).toBeLessThanOrEqual(uncertain);
  } finally {
    await embedded.close();
  }
}, 300_000);
