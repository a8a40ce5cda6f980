// Measures how long a killed runtime's jobs wait after a restart: `npx tsx scripts/kill-resume.ts`.
// The runtime runs as a child on a fresh DATA_DIR against a Telegram simulator in this process; it is
// SIGKILLed mid-campaign with sends in flight, restarted at once, and the script prints the seconds
// from the restart to its first send, and to the first send to a citizen whose send was in flight at
// the kill (a dead job's recipient: held by its lease until the takeover). MAX_WAIT_S bounds the wait.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { createCampaign } from '#core/campaigns/use-cases';
import { startEmbeddedStore } from '#local/embedded-store';
import { createTelegramSimulator } from '#local/telegram-simulator/index';

const AUDIENCE = 150;
const TOKEN = '7100000003:AAKillResumeScriptToken00000000000';
const maxWaitMs = Number(process.env.MAX_WAIT_S ?? 1200) * 1000;
const dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-kill-resume-'));

async function seed() {
  const embedded = await startEmbeddedStore({ dataDir, tableName: 'porte-voix' });
  const clock = fixedClock(new Date(Date.now() - 60_000).toISOString());
  const at = clock.now().toISOString();
  await embedded.store.demarches.create({
    slug: 'mesure',
    title: 'Mesure',
    summary: 'Mesure',
    url: 'https://example.org/mesure',
    themes: [],
    territories: [],
    steps: [],
    createdAt: at,
    updatedAt: at,
  } as never);
  for (let i = 0; i < AUDIENCE; i++)
    await embedded.store.subscribers.put({
      id: `s-${800_000 + i}`,
      chatId: 800_000 + i,
      language: 'fr',
      frequency: 'instant',
      status: 'active',
      follows: { demarches: ['mesure'], themes: [], territories: [] },
      createdAt: at,
      updatedAt: at,
    });
  await createCampaign(
    { store: embedded.store, clock, ids: randomIds, telegramFormat: telegramCampaignFormat },
    { agentId: 'ag1', name: 'Mesure' },
    {
      message: { title: 'Mesure', text: 'Mesure de la reprise.', link: 'https://example.org/mesure' },
      channels: ['telegram'],
      audience: { kind: 'followers', demarches: ['mesure'], themes: [], territories: [] },
      sendAt: new Date(clock.now().getTime() + 1000).toISOString(),
    },
    { schedule: true },
  );
  await embedded.close();
}

await seed();
const sim = createTelegramSimulator({ token: TOKEN });
for (let i = 0; i < AUDIENCE; i++) sim.openChat(800_000 + i);
let onSend: (chat: number) => void = () => {};
const inFlight = new Set<number>();
const server = createServer((req, res) => {
  if (req.url?.endsWith('/sendMessage')) {
    // Read alongside the simulator (both listen to 'data'): the chat, and whether its answer left.
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const chat = Number((JSON.parse(body || '{}') as { chat_id?: number }).chat_id);
      inFlight.add(chat);
      res.on('close', () => inFlight.delete(chat));
      onSend(chat);
    });
  }
  sim.listener(req, res);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function start(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot },
    stdio: 'ignore',
  });
}

let sends = 0;
const first = start();
const dead = await new Promise<Set<number>>((resolve) => {
  onSend = () => {
    if (++sends < 40 || inFlight.size === 0) return;
    const held = new Set(inFlight);
    first.kill('SIGKILL');
    resolve(held);
  };
});
await once(first, 'exit');
const restartedAt = Date.now();
const second = start();
const seconds = () => ((Date.now() - restartedAt) / 1000).toFixed(1);
await new Promise<void>((resolve) => {
  let firstSend = false;
  const timer = setTimeout(() => {
    console.log(`no send to a dead job's recipient within ${maxWaitMs / 1000} s of the restart`);
    resolve();
  }, maxWaitMs);
  onSend = (chat) => {
    if (!firstSend) console.log(`restart → first send: ${seconds()} s`);
    firstSend = true;
    if (!dead.has(chat)) return;
    console.log(`restart → first send to a recipient in flight at the kill: ${seconds()} s`);
    clearTimeout(timer);
    resolve();
  };
});
second.kill('SIGKILL');
server.closeAllConnections();
server.close();
await sim.stop();
rmSync(dataDir, { recursive: true, force: true });
