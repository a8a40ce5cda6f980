// What every Bot API method handler receives, and the shared steps of sending: the flood check and the stats.
import { tooManyRequests } from '../errors';
import type { Params } from '../params';
import type { SendRateLimiter } from '../rate-limiter';
import type { ChatRecord, SimulatorState } from '../state';
import { countSent, type StatsRecorder } from '../stats';
import type { UpdateDispatcher } from '../update-delivery';

export interface ApiContext {
  state: SimulatorState;
  limiter: SendRateLimiter;
  stats: StatsRecorder;
  dispatcher: UpdateDispatcher;
  nowMs(): number;
  /** Age after which answerCallbackQuery refuses a query id; undefined = never. */
  callbackQueryTtlMs?: number;
}

export type MethodHandler = (params: Params, ctx: ApiContext) => unknown;

/** A result Telegram sends along with a description, e.g. setWebhook's "Webhook was set". */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

/** Applies the flood limits to one outgoing message; a refusal is Telegram's 429 with retry_after. */
export function takeSendSlot(ctx: ApiContext, chatId: number, paidBroadcast = false) {
  const verdict = ctx.limiter.take(chatId, ctx.nowMs(), paidBroadcast);
  if (verdict.ok) return;
  ctx.stats.rejected429ByScope[verdict.scope]++;
  throw tooManyRequests(verdict.retryAfter);
}

/** Counts an accepted message, noting when the same content already reached this chat (a duplicate send). */
export function recordSent(ctx: ApiContext, record: ChatRecord, contentKey: string) {
  countSent(ctx.stats, ctx.nowMs());
  if (record.botContents.has(contentKey)) ctx.stats.repeatedContents++;
  else record.botContents.add(contentKey);
}
