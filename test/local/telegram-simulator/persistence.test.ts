// The embedded simulator keeps its citizens in DATA_DIR: after a restart (or a crash, the file is
// written as things change) the bot still reaches them, blocked ones still refuse it, update ids go
// on, and the file is its owner's only.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MESSAGES_KEPT_PER_CHAT } from '#local/telegram-simulator/persistence';
import { startSimulator } from './support';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porte-voix-sim-'));
  file = join(dir, 'telegram-simulator.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('still knows its citizens after a restart: their chats, their last messages, who blocked the bot', async () => {
  const first = await startSimulator({ persistFile: file, rateLimits: false });
  await first.sim.citizenSays(1001, '/start');
  await first.sim.citizenSays(1002, '/start');
  for (let i = 0; i < MESSAGES_KEPT_PER_CHAT + 5; i++) await first.telegram.sendMessage(1001, `Message ${i}`);
  const blocked = await first.sim.citizenBlocks(1002);
  await first.sim.stop();
  expect(statSync(file).mode & 0o777).toBe(0o600);

  const second = await startSimulator({ persistFile: file, rateLimits: false });
  try {
    expect(second.sim.chats().map((c) => [c.id, c.blocked])).toEqual(
      expect.arrayContaining([
        [1001, false],
        [1002, true],
      ]),
    );
    // Bounded: the last messages of each chat, the newest kept.
    const kept = second.sim.messages(1001);
    expect(kept).toHaveLength(MESSAGES_KEPT_PER_CHAT);
    expect(kept.at(-1)?.text).toBe(`Message ${MESSAGES_KEPT_PER_CHAT + 4}`);
    const sent = await second.telegram.sendMessage(1001, 'Après le redémarrage');
    expect(sent.message_id).toBe(MESSAGES_KEPT_PER_CHAT + 7); // message ids go on, after /start and the 25
    await expect(second.telegram.sendMessage(1002, 'Bonjour')).rejects.toMatchObject({ code: 403 });
    const next = await second.sim.citizenSays(1001, 'encore là');
    expect(next.update_id).toBeGreaterThan(blocked.changed ? blocked.update_id : 0);
  } finally {
    await second.sim.stop();
  }
});

it('starts afresh, and says so, from a file it cannot read', async () => {
  writeFileSync(file, JSON.stringify({ version: 99 }));
  const warnings: string[] = [];
  const h = await startSimulator({ persistFile: file, warn: (message) => warnings.push(message) });
  expect(h.sim.chats()).toEqual([]);
  expect(warnings).toEqual([expect.stringContaining('illisible')]);
  await h.sim.citizenSays(1003, '/start');
  await h.sim.stop();
  expect(JSON.parse(readFileSync(file, 'utf8')).chats).toHaveLength(1);
});
