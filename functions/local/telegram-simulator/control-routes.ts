// The simulator's own HTTP endpoints under /simulator/: act as citizens, read conversations and stats, redeliver
// updates, inject faults. Bodies are validated with zod; answers are plain JSON, errors `{ ok: false, error }`.
import * as z from 'zod';
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

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const ENDPOINTS = [
  'GET  /simulator/chats',
  'POST /simulator/chats { id, first_name?, language_code? }',
  'GET  /simulator/chats/:chatId/messages',
  'POST /simulator/chats/:chatId/messages { text, from?: { first_name, language_code } }',
  'POST /simulator/chats/:chatId/press { message_id, callback_data | text, force? }',
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
