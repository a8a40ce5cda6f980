// The simulator's own HTTP endpoints under /simulator/: act as citizens, read conversations and stats, redeliver
// updates, inject faults. Bodies are validated with zod; answers are plain JSON, errors `{ ok: false, error }`.
import * as z from 'zod';
import { ATTACHMENT_KINDS } from './citizens';
import { CitizenActionError, TelegramApiError } from './errors';
import type { ControlAnswer } from './http-server';
import type { TelegramSimulator } from './index';

const Profile = z.object({
  first_name: z.string().min(1).max(64).optional(),
  last_name: z.string().max(64).optional(),
  username: z.string().max(32).optional(),
  language_code: z.string().max(35).optional(),
});

const OpenChat = Profile.extend({ id: z.number().int().positive() });
/** A citizen's message obeys the same 4,096-character limit as the bot's. */
const Say = z.object({ text: z.string().min(1).max(4096), from: Profile.optional() });
const Attach = z.object({
  kind: z.enum(ATTACHMENT_KINDS),
  caption: z.string().min(1).max(1024).optional(),
  file_name: z.string().min(1).max(255).optional(),
  emoji: z.string().min(1).max(16).optional(),
  from: Profile.optional(),
});
const Edit = z.object({ message_id: z.number().int().positive(), text: z.string().min(1).max(4096) });
const AddToGroup = z.object({
  id: z.number().int().negative(),
  type: z.enum(['group', 'supergroup', 'channel']),
  title: z.string().min(1).max(128),
  by: OpenChat,
  as: z.enum(['member', 'administrator']).optional(),
  can_post_messages: z.boolean().optional(),
});
const GroupSay = z.object({ text: z.string().min(1).max(4096) });
const Press = z
  .object({
    message_id: z.number().int().positive(),
    callback_data: z.string().optional(),
    text: z.string().optional(),
    force: z.boolean().optional(),
  })
  .refine(
    (p) => p.callback_data !== undefined || p.text !== undefined,
    'give callback_data or text (the button label)',
  );
const Fault = z.object({
  method: z.union([z.string(), z.array(z.string())]).optional(),
  chatId: z.number().int().optional(),
  count: z.number().int().positive().optional(),
  status: z.number().int().min(400).max(599).optional(),
  description: z.string().optional(),
  retryAfter: z.number().int().positive().optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  drop: z.enum(['before', 'after']).optional(),
});

const ok = (body: unknown, status = 200): ControlAnswer => ({ status, body });
const fail = (status: number, error: string): ControlAnswer => ({ status, body: { ok: false, error } });

export async function handleControl(
  sim: TelegramSimulator,
  method: string,
  segments: string[],
  body: unknown,
): Promise<ControlAnswer> {
  try {
    return (
      (await route(sim, method, segments, body)) ??
      fail(404, `no simulator endpoint ${method} /simulator/${segments.join('/')}`)
    );
  } catch (error) {
    if (error instanceof z.ZodError)
      return fail(400, error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    if (error instanceof CitizenActionError) return fail(error.status, error.message);
    if (error instanceof TelegramApiError) return fail(error.errorCode, error.description);
    throw error;
  }
}

async function route(
  sim: TelegramSimulator,
  method: string,
  segments: string[],
  body: unknown,
): Promise<ControlAnswer | undefined> {
  const [first, id, action] = segments;
  const key = `${method} ${[first, id === undefined ? undefined : ':id', action].filter(Boolean).join('/')}`;
  switch (key) {
    case 'GET ':
      return ok({
        bot: sim.botInfo,
        token: sim.token,
        api_root: sim.url,
        webhook: sim.webhookInfo(),
        endpoints: ENDPOINTS,
      });
    case 'GET chats':
      return ok(sim.chats());
    case 'POST chats': {
      const { id: chatId, ...profile } = OpenChat.parse(body);
      return ok(sim.openChat(chatId, profile), 201);
    }
    case 'GET chats/:id/messages':
      return ok(sim.messages(chatId(id)));
    case 'POST chats/:id/messages': {
      const say = Say.parse(body);
      return ok(await sim.citizenSays(chatId(id), say.text, say.from));
    }
    case 'POST chats/:id/attachments': {
      const { from, ...attachment } = Attach.parse(body);
      return ok(await sim.citizenAttaches(chatId(id), stripUndefined(attachment), from));
    }
    case 'POST chats/:id/edit': {
      const edit = Edit.parse(body);
      return ok(await sim.citizenEdits(chatId(id), edit.message_id, edit.text));
    }
    case 'POST groups':
      return ok(await sim.addBotToGroup(stripUndefined(AddToGroup.parse(body))), 201);
    case 'GET groups/:id/messages':
      return ok(sim.messages(groupId(id)));
    case 'POST groups/:id/messages':
      return ok(await sim.citizenWritesInGroup(groupId(id), GroupSay.parse(body).text));
    case 'POST chats/:id/press':
      return ok(await sim.citizenPresses(chatId(id), Press.parse(body)));
    case 'POST chats/:id/block':
      return ok(await sim.citizenBlocks(chatId(id)));
    case 'POST chats/:id/unblock':
      return ok(await sim.citizenUnblocks(chatId(id)));
    case 'GET stats':
      return ok(sim.stats());
    case 'GET webhook':
      return ok(sim.webhookInfo());
    case 'GET updates/:id': {
      const update = sim.update(Number(id));
      return update ? ok(update) : fail(404, `update ${id} not found (never created, or past the history limit)`);
    }
    case 'POST updates/:id/redeliver':
      return ok(await sim.redeliver(Number(id)));
    case 'POST faults': {
      const handle = sim.injectFaults(stripUndefined(Fault.parse(body)));
      return ok({ remaining: handle.remaining }, 201);
    }
    case 'DELETE faults':
      sim.clearFaults();
      return ok({ cleared: true });
    case 'POST reset':
      sim.reset();
      return ok({ reset: true });
    default:
      return undefined;
  }
}

function chatId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new CitizenActionError(400, 'chatId must be a positive integer (a private chat: chat id = user id)');
  return id;
}

function groupId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id >= 0)
    throw new CitizenActionError(400, 'a group or channel id is a negative integer (e.g. -1001234567890)');
  return id;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const ENDPOINTS = [
  'GET  /simulator/chats',
  'POST /simulator/chats { id, first_name?, language_code? }',
  'GET  /simulator/chats/:chatId/messages',
  'POST /simulator/chats/:chatId/messages { text, from?: { first_name, language_code } }',
  'POST /simulator/chats/:chatId/attachments { kind: photo|sticker|voice|audio|video|video_note|animation|document|location|contact, caption?, file_name?, emoji? }',
  'POST /simulator/chats/:chatId/edit { message_id, text }',
  'POST /simulator/chats/:chatId/press { message_id, callback_data | text, force? }',
  'POST /simulator/groups { id (negative), type: group|supergroup|channel, title, by: { id, first_name?, language_code? }, as?, can_post_messages? }',
  'GET  /simulator/groups/:groupId/messages',
  'POST /simulator/groups/:groupId/messages { text }',
  'POST /simulator/chats/:chatId/block',
  'POST /simulator/chats/:chatId/unblock',
  'GET  /simulator/stats',
  'GET  /simulator/webhook',
  'GET  /simulator/updates/:updateId',
  'POST /simulator/updates/:updateId/redeliver',
  'POST /simulator/faults { method?, chatId?, count?, status?, retryAfter?, delayMs?, drop? }',
  'DELETE /simulator/faults',
  'POST /simulator/reset',
];
