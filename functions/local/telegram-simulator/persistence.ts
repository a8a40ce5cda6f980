// The embedded simulator's citizens outlive the process: `npm start` after a crash still knows its
// chats (else every resumed send would fail « chat not found »), who blocked the bot, the update
// counter (the bot ignores an update_id it has seen: a counter back at 1 would silence citizens)
// and each chat's last messages, so a button pressed before the restart still answers. Written at
// most once a second when something changed, and at stop; atomically (a temp file renamed over the
// old one: a kill mid-write leaves the previous snapshot whole); 0600, as it holds chat ids; bounded.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import type { ChatRecord, SimulatorState, StoredMessage } from './state';
import type { ChatMember } from './types';

/** Messages kept per chat: the last ones are those a citizen may still press or read back. */
export const MESSAGES_KEPT_PER_CHAT = 20;
/** Chats kept, most recently active first: a bench's 10,000 fits, a runaway loop does not fill the disk. */
export const CHATS_KEPT = 50_000;
const SAVE_EVERY_MS = 1000;

const Snapshot = z.object({
  version: z.literal(1),
  nextUpdateId: z.number().int().positive(),
  chats: z.array(
    z.object({
      chat: z.looseObject({ id: z.number() }),
      user: z.looseObject({ id: z.number() }),
      blocked: z.boolean(),
      /** Groups and channels: the bot's membership there. */
      botMember: z.looseObject({ status: z.enum(['member', 'administrator', 'left', 'kicked']) }).optional(),
      nextMessageId: z.number().int().positive(),
      messages: z.array(z.looseObject({ message: z.looseObject({ message_id: z.number() }) })),
    }),
  ),
});
/** What `Snapshot` reads back (the Telegram objects as the simulator holds them). */
function snapshotOf(state: SimulatorState) {
  const lastActive = (record: ChatRecord) => record.messages.at(-1)?.message.date ?? 0;
  const chats = [...state.chats.values()].sort((a, b) => lastActive(b) - lastActive(a)).slice(0, CHATS_KEPT);
  return {
    version: 1 as const,
    nextUpdateId: state.peekNextUpdateId(),
    chats: chats.map((record) => ({
      chat: record.chat,
      user: record.user,
      blocked: record.blocked,
      ...(record.botMember ? { botMember: record.botMember } : {}),
      nextMessageId: record.nextMessageId,
      messages: record.messages.slice(-MESSAGES_KEPT_PER_CHAT),
    })),
  };
}

/** Restores what `file` holds into an empty state; a missing or unreadable file starts afresh (said in `warn`). */
function restore(state: SimulatorState, file: string, warn: (message: string) => void) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return; // first start
  }
  const parsed = Snapshot.safeParse(JSON.parse(text));
  if (!parsed.success) return warn(`simulateur Telegram : ${file} illisible, les conversations repartent de zéro`);
  state.restoreUpdateCounter(parsed.data.nextUpdateId);
  for (const saved of parsed.data.chats) {
    const record = state.openChat(saved.chat.id);
    Object.assign(record.chat, saved.chat);
    Object.assign(record.user, saved.user);
    record.blocked = saved.blocked;
    if (saved.botMember) {
      // A group or channel: its chat object is Telegram's (a title, no first name), kept whole.
      record.chat = saved.chat as unknown as ChatRecord['chat'];
      record.botMember = saved.botMember as unknown as ChatMember;
    }
    record.nextMessageId = saved.nextMessageId;
    record.messages = saved.messages as unknown as StoredMessage[];
    // botContents (the duplicates counter's memory) starts empty: a repeat across a restart is not counted.
    for (const stored of record.messages) record.byId.set(stored.message.message_id, stored);
  }
}

export interface PersistedState {
  /** Writes now if anything changed since the last write; the timer stops. */
  close(): void;
}

/** Loads `file` into `state`, then keeps it written as the state changes. */
export function persistState(state: SimulatorState, file: string, warn: (message: string) => void): PersistedState {
  restore(state, file, warn);
  let saved = state.changes;
  const save = () => {
    if (state.changes === saved) return;
    saved = state.changes;
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify(snapshotOf(state)), { mode: 0o600 });
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      warn(`simulateur Telegram : écriture de ${file} impossible (${(error as Error).message})`);
    }
  };
  const timer = setInterval(save, SAVE_EVERY_MS);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      save();
    },
  };
}
