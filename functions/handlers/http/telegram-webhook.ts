// POST /telegram/webhook: where Telegram delivers updates. Checks the secret token before touching
// anything, validates the update's shape, handles each update_id once, and answers only after the
// bot's every Bot API call has finished (on Lambda, nothing may run after the response).
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Update } from 'telegraf/types';
import * as z from 'zod';
import { systemTimers, type Timers } from '#adapters/system/timers';
import { type Bot, apologise } from '#adapters/telegram/bot/create-bot';
import { CUT_OFF, type CutOffWitness, deadlineIn, reportCutOff, within } from '#handlers/time-budget';
import type { HttpDeps } from './deps';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

// Only the parts of an update the bot reads are checked; other fields pass through untouched.
const Chat = z.looseObject({ id: z.number().int(), type: z.string() });
const User = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  language_code: z.string().optional(),
});
const Message = z.looseObject({
  message_id: z.number().int(),
  date: z.number(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
});
const CallbackQuery = z.looseObject({
  id: z.string(),
  from: User,
  chat_instance: z.string(),
  data: z.string().optional(),
  message: z.looseObject({ message_id: z.number().int(), chat: Chat }).optional(),
});
const ChatMemberUpdated = z.looseObject({
  chat: Chat,
  from: User,
  date: z.number(),
  new_chat_member: z.looseObject({ status: z.string(), user: User }),
});
export const TelegramUpdate = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: Message.optional(),
  // Edits get an answer (they are not taken into account); a channel post means the bot is in a channel it must leave.
  edited_message: Message.optional(),
  channel_post: Message.optional(),
  callback_query: CallbackQuery.optional(),
  my_chat_member: ChatMemberUpdated.optional(),
});
/** The update types the bot acts on; also what long polling asks for (allowed_updates). */
export const HANDLED_TYPES = ['message', 'edited_message', 'channel_post', 'callback_query', 'my_chat_member'] as const;

/** `cutOff`: claimed, but its handling outlived the update's budget (logged, counted, the citizen told). */
export type UpdateOutcome = 'handled' | 'duplicate' | 'ignored' | 'cutOff';

/**
 * How long one update may take, from its arrival: on AWS the webhook Lambda's TIME_BUDGET_MS (8 s of its
 * 10 s), so an update is cut off by us, logged with its id and type, and answered 200 — rather than
 * killed by Lambda, unlogged, answered 5xx by API Gateway, and its redelivery then taken for a duplicate
 * of an update that never ended.
 */
export interface UpdateBudget {
  ms: number;
  /** Time for the deadline (tests pass virtual timers). */
  timers?: Timers;
  /** Where `handler.cutOff` is counted (the Lambda's Powertools Metrics). */
  metrics?: CutOffWitness['metrics'];
}

/**
 * Without a Lambda around it (the local runtime's webhook and long polling, which handles updates one
 * by one): a stuck update must still not hold the next ones. The figure telegraf used to apply.
 */
export const DEFAULT_UPDATE_BUDGET_MS = 25_000;
/** Kept at the end of the budget to apologise to the citizen after a cut-off, and answer. */
export const APOLOGY_MS = 1_500;

/** A cut-off before the update's claim was known to be written: Telegram must deliver it again (500). */
export class UpdateNotClaimed extends Error {
  override name = 'UpdateNotClaimed';
}

/** Compares in constant time, whatever the lengths (hashing first evens them out). */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined || secret.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * Handles one update once. Shared by the webhook and any long-polling loop of the local runtime.
 *
 * Idempotency: the update_id is claimed first (a conditional put), then the update is handled.
 * A redelivery finds the claim and is acknowledged without effect. If the claim itself fails (the
 * store is unreachable) nothing happened yet, so the error propagates and the webhook answers 500:
 * Telegram redelivers and the update gets a fresh chance. If handling fails after the claim, the
 * bot has already logged it and apologised to the citizen, who can simply press again; the update
 * is NOT retried, because a half-done update replayed could send the same message twice, and a
 * failing update answered 500 would hold back that chat's later updates for as long as Telegram
 * keeps retrying it. (Un-claiming would need a delete in the ProcessedUpdates port.)
 */
export async function processTelegramUpdate(
  deps: HttpDeps,
  bot: Bot,
  body: unknown,
  budget: UpdateBudget = { ms: DEFAULT_UPDATE_BUDGET_MS },
): Promise<UpdateOutcome> {
  const timers = budget.timers ?? systemTimers;
  const deadline = deadlineIn(budget.ms, timers);
  const parsed = TelegramUpdate.safeParse(body);
  if (!parsed.success) {
    const id = (body as { update_id?: unknown } | null)?.update_id;
    deps.logger.warn('telegram update ignored: unexpected shape', {
      updateId: typeof id === 'number' ? id : undefined,
    });
    return 'ignored';
  }
  const update = parsed.data;
  const updateType = HANDLED_TYPES.find((type) => update[type] !== undefined);
  if (!updateType) {
    // Nothing the bot acts on (reactions, inline queries…): no effect, so no claim to write.
    deps.logger.info('telegram update ignored: type not handled', {
      updateId: update.update_id,
      updateType: Object.keys(update).find((k) => k !== 'update_id'),
    });
    return 'ignored';
  }
  const ids = { updateId: update.update_id, updateType };
  const witness = { logger: deps.logger, metrics: budget.metrics };
  const abandoned = new AbortController();
  const claimed = await within(claim(deps, bot, update.update_id, abandoned.signal), deadline.remaining(), timers);
  if (claimed === CUT_OFF) {
    // A getMe that answers late claims nothing (the redelivery will). Only a claim write already in
    // flight may still land, and then the redelivery is taken for a duplicate: the store stuck for
    // seconds, and the line below says so. Answering 200 instead would lose the update for sure.
    abandoned.abort();
    reportCutOff(witness, 'telegram update', { ...ids, phase: 'claim', budgetMs: budget.ms });
    throw new UpdateNotClaimed(`update ${update.update_id} not claimed within ${budget.ms} ms`);
  }
  if (!claimed) {
    deps.logger.info('telegram update already handled', ids);
    return 'duplicate';
  }
  const handled = await within(handle(deps, bot, update, ids), deadline.remaining() - APOLOGY_MS, timers);
  if (handled !== CUT_OFF) return 'handled';
  // Claimed, so Telegram's redelivery would be a duplicate: the citizen hears that something went
  // wrong (they can press again), Telegram gets 200, and the handler left running is abandoned.
  reportCutOff(witness, 'telegram update', { ...ids, phase: 'handler', budgetMs: budget.ms });
  await within(apologise(bot, update as unknown as Update, deps.logger), deadline.remaining(), timers);
  return 'cutOff';
}

/**
 * getMe (telegraf asks it before its first update; asked here, before the claim, a failure is retried),
 * then the claim, unless the update was abandoned meanwhile (cut off: answered 500, to be delivered again).
 */
async function claim(deps: HttpDeps, bot: Bot, updateId: number, abandoned: AbortSignal): Promise<boolean> {
  bot.botInfo ??= await bot.telegram.getMe();
  if (abandoned.aborted) return false;
  return deps.store.processedUpdates.markFirstSeen(updateId, deps.clock.now());
}

async function handle(deps: HttpDeps, bot: Bot, update: z.infer<typeof TelegramUpdate>, ids: object) {
  try {
    await bot.handleUpdate(update as unknown as Update);
  } catch (error) {
    // The bot's own error handler catches handler failures; this is what escapes it.
    deps.logger.error('telegram update failed', {
      ...ids,
      errorName: (error as Error).name,
      errorMessage: (error as Error).message,
    });
  }
}

/**
 * Telegram's largest updates are a few tens of kilobytes: a 4,096-character message with its
 * entities, the message it replies to, a keyboard. 1 MB leaves a wide margin for what the Bot API
 * may add, and refuses from its Content-Length, unread, the megabytes a stranger with the secret
 * could send. A 413 makes Telegram retry: it is logged, since it would mean this cap is wrong.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export function telegramWebhookRoutes(
  deps: HttpDeps,
  bot: Bot,
  options: { secret: string; budget?: UpdateBudget },
): Hono {
  if (!options.secret)
    throw new TypeError('TELEGRAM_WEBHOOK_SECRET est requis pour recevoir les mises à jour de Telegram');
  const app = new Hono();
  app.post(
    TELEGRAM_WEBHOOK_PATH,
    // Before anything else, the store and the body included: a wrong secret is a stranger, not Telegram.
    async (c, next) =>
      secretMatches(c.req.header(SECRET_HEADER), options.secret) ? next() : c.json({ ok: false }, 401),
    bodyLimit({
      maxSize: WEBHOOK_BODY_LIMIT_BYTES,
      onError: (c) => {
        deps.logger.warn('telegram update refused: body over 1 MB');
        return c.json({ ok: false, error: 'le corps dépasse 1 Mo' }, 413);
      },
    }),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        deps.logger.warn('telegram update ignored: body is not JSON');
        return c.json({ ok: true, outcome: 'ignored' satisfies UpdateOutcome });
      }
      try {
        return c.json({ ok: true, outcome: await processTelegramUpdate(deps, bot, body, options.budget) });
      } catch (error) {
        // Only the claim or getMe can land here, before any effect: 500 makes Telegram deliver again.
        if (error instanceof UpdateNotClaimed) return c.json({ ok: false }, 500);
        deps.logger.error('telegram update not claimed', {
          errorName: (error as Error).name,
          errorMessage: (error as Error).message,
        });
        return c.json({ ok: false }, 500);
      }
    },
  );
  return app;
}
