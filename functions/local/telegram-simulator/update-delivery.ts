// Getting updates to the bot the two ways Telegram does: POSTed to its webhook (secret token header, retries with
// backoff on non-2xx or network errors, methods answered in the webhook response executed), or queued for
// getUpdates long polling. Updates stay pending until delivered (webhook) or confirmed by offset (polling).
import { setTimeout as sleep } from 'node:timers/promises';
import { conflict, TelegramApiError } from './errors';
import { decodeParams, type Params } from './params';
import { definedOnly } from './state';
import type { StatsRecorder } from './stats';
import type { Update, UpdateType } from './types';
import { postUpdate, type AttemptOutcome, type WebhookSettings } from './webhook-client';

export interface WebhookDeliveryOptions {
  /** Attempts per update before the simulator gives up (Telegram keeps trying for hours; a test wants a verdict). */
  attempts: number;
  /** Waits between attempts; the last value repeats. */
  backoffMs: number[];
  /** How long to wait for the bot's answer before counting the attempt as failed. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  attempts: 3,
  backoffMs: [100, 500],
  timeoutMs: 10_000,
};

export type DeliveryReport =
  | { mode: 'webhook'; delivered: boolean; status?: number; attempts: number; error?: string }
  | { mode: 'getUpdates'; pending: number }
  | { mode: 'filtered'; reason: string };

/** Runs a Bot API method the bot put in its webhook answer; Telegram never reports its outcome to the bot. */
export type WebhookReplyExecutor = (method: string, params: Params) => Promise<boolean>;

interface LongPoll {
  limit: number;
  finish(result: Update[] | TelegramApiError): void;
}

export class UpdateDispatcher {
  private webhook?: WebhookSettings;
  /** Shared by setWebhook and getUpdates: "if not specified, the previous setting will be used". */
  private allowedUpdates: string[] = [];
  private readonly pending = new Map<number, Update>();
  /** Updates on their way to the webhook right now, so draining the backlog does not send them twice. */
  private readonly delivering = new Set<number>();
  private poll?: LongPoll;
  private lastError?: { date: number; message: string };
  private inFlight = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private closing = new AbortController();
  private readonly later = new Set<Promise<void>>();
  executeWebhookReply?: WebhookReplyExecutor;

  constructor(
    private readonly options: WebhookDeliveryOptions,
    private readonly stats: StatsRecorder,
    private readonly nowSeconds: () => number,
  ) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Hands a new update to the bot; with a webhook, resolves once the bot answered (or every attempt failed). */
  async dispatch(update: Update): Promise<DeliveryReport> {
    this.stats.updates.created++;
    const type = updateType(update);
    // By default Telegram sends every type but chat_member and reactions, which the simulator never emits.
    if (this.allowedUpdates.length > 0 && !this.allowedUpdates.includes(type))
      return { mode: 'filtered', reason: `${type} is not in allowed_updates` };
    this.pending.set(update.update_id, update);
    if (this.webhook) return this.deliver(this.webhook, update);
    this.wakePoll();
    return { mode: 'getUpdates', pending: this.pending.size };
  }

  /**
   * Hands the bot an update its own call caused (leaveChat → my_chat_member « left ») without
   * waiting: Telegram answers the call first and sends the update after. `settle()` awaits them.
   */
  dispatchLater(update: Update): void {
    const delivery = this.dispatch(update).then(
      () => undefined,
      () => undefined,
    );
    this.later.add(delivery);
    void delivery.finally(() => this.later.delete(delivery));
  }

  /** Resolves once every update handed over by dispatchLater (and those they caused) was delivered or given up. */
  async settle(): Promise<void> {
    while (this.later.size > 0) await Promise.all([...this.later]);
  }

  /** Sends an update again with the same update_id, as Telegram does when it did not get a 2xx in time. */
  async redeliver(update: Update): Promise<DeliveryReport> {
    if (!this.webhook) throw conflict('redelivery needs a webhook: with getUpdates the bot confirms updates by offset');
    this.stats.updates.redelivered++;
    this.pending.set(update.update_id, update);
    return this.deliver(this.webhook, update);
  }

  setWebhook(settings: WebhookSettings, allowedUpdates: string[] | undefined, dropPending: boolean): string {
    const same = JSON.stringify(this.webhook) === JSON.stringify(settings);
    if (dropPending) this.pending.clear();
    if (allowedUpdates) this.allowedUpdates = allowedUpdates;
    this.poll?.finish(conflict('terminated by setWebhook request'));
    if (!same) this.lastError = undefined;
    this.webhook = settings;
    // Updates that waited (no webhook, or a failing one) go to the new webhook, oldest first, as on Telegram.
    if (this.pending.size > 0) void this.drain(settings);
    return same ? 'Webhook is already set' : 'Webhook was set';
  }

  deleteWebhook(dropPending: boolean): string {
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    this.lastError = undefined;
    if (dropPending) this.pending.clear();
    return had ? 'Webhook was deleted' : 'Webhook is already deleted';
  }

  webhookInfo(): Record<string, unknown> {
    const hook = this.webhook;
    return {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.pending.size,
      ...(hook ? { max_connections: hook.maxConnections, ip_address: hook.ipAddress ?? '127.0.0.1' } : {}),
      ...(this.lastError ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message } : {}),
      ...(this.allowedUpdates.length > 0 ? { allowed_updates: this.allowedUpdates } : {}),
    };
  }

  async getUpdates(p: {
    offset?: number;
    limit?: number;
    timeout?: number;
    allowed_updates?: string[];
  }): Promise<Update[]> {
    if (this.webhook)
      throw conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    if (p.allowed_updates) this.allowedUpdates = p.allowed_updates;
    this.confirm(p.offset);
    this.poll?.finish(
      conflict('terminated by other getUpdates request; make sure that only one bot instance is running'),
    );
    const limit = Math.min(100, Math.max(1, p.limit ?? 100));
    const ready = this.peek(limit);
    if (ready.length > 0 || !p.timeout || p.timeout <= 0) return ready;
    return new Promise<Update[]>((resolve, reject) => {
      const poll: LongPoll = {
        limit,
        finish: (result) => {
          clearTimeout(timer);
          if (this.poll === poll) this.poll = undefined;
          if (result instanceof TelegramApiError) reject(result);
          else resolve(result);
        },
      };
      const timer = setTimeout(() => poll.finish([]), p.timeout! * 1000);
      this.poll = poll;
    });
  }

  /** Ends long polls and pending retries: a stopped simulator leaves no timer behind. */
  close() {
    this.poll?.finish([]);
    this.closing.abort();
  }

  reopen() {
    if (this.closing.signal.aborted) this.closing = new AbortController();
  }

  reset() {
    this.poll?.finish([]);
    this.pending.clear();
    this.webhook = undefined;
    this.allowedUpdates = [];
    this.lastError = undefined;
  }

  private async deliver(hook: WebhookSettings, update: Update): Promise<DeliveryReport> {
    this.delivering.add(update.update_id);
    try {
      return await this.attempt(hook, update);
    } finally {
      this.delivering.delete(update.update_id);
    }
  }

  private async attempt(hook: WebhookSettings, update: Update): Promise<DeliveryReport> {
    let last: AttemptOutcome = { error: 'webhook removed before delivery' };
    let attempts = 0;
    while (attempts < this.options.attempts) {
      if (attempts > 0) {
        const wait = this.options.backoffMs[Math.min(attempts - 1, this.options.backoffMs.length - 1)] ?? 0;
        const stopped = await sleep(wait, false, { signal: this.closing.signal }).catch(() => true);
        if (stopped) break;
      }
      // A webhook changed or removed meanwhile: the update waits, pending, for whoever receives updates next.
      if (this.webhook !== hook) break;
      attempts++;
      this.stats.updates.webhookAttempts++;
      last = await this.withSlot(hook.maxConnections, () =>
        postUpdate(hook, update, AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.closing.signal])),
      );
      if (last.status !== undefined && last.status >= 200 && last.status < 300) {
        this.pending.delete(update.update_id);
        this.stats.updates.delivered++;
        if (last.reply) await this.runWebhookReply(last.reply);
        return { mode: 'webhook', delivered: true, status: last.status, attempts };
      }
      this.lastError = { date: this.nowSeconds(), message: last.error ?? 'unknown error' };
    }
    this.stats.updates.webhookFailures++;
    return { mode: 'webhook', delivered: false, attempts, ...definedOnly({ status: last.status, error: last.error }) };
  }

  private async drain(hook: WebhookSettings) {
    for (const update of [...this.pending.values()]) {
      if (this.webhook !== hook) return;
      if (!this.delivering.has(update.update_id) && this.pending.has(update.update_id))
        await this.deliver(hook, update);
    }
  }

  private async runWebhookReply(reply: { contentType?: string; body: Buffer }) {
    const params = await decodeParams(reply.contentType, reply.body).catch(() => undefined);
    const method = params?.method;
    if (typeof method !== 'string' || !this.executeWebhookReply) return;
    const { method: _method, ...rest } = params!;
    const ok = await this.executeWebhookReply(method, rest);
    if (ok) this.stats.webhookReplies.executed++;
    else this.stats.webhookReplies.failed++;
  }

  /** Telegram opens at most max_connections simultaneous webhook requests. */
  private async withSlot<T>(max: number, run: () => Promise<T>): Promise<T> {
    while (this.inFlight >= max) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.inFlight++;
    try {
      return await run();
    } finally {
      this.inFlight--;
      this.slotWaiters.shift()?.();
    }
  }

  private confirm(offset: number | undefined) {
    if (!offset) return;
    if (offset < 0) {
      // A negative offset keeps only the last -offset updates; all earlier ones are forgotten.
      for (const id of this.pending.keys()) if (this.pending.size > -offset) this.pending.delete(id);
      return;
    }
    for (const id of this.pending.keys()) if (id < offset) this.pending.delete(id);
  }

  private peek(limit: number): Update[] {
    const updates: Update[] = [];
    for (const update of this.pending.values()) {
      if (updates.length >= limit) break;
      updates.push(update);
    }
    return updates;
  }

  private wakePoll() {
    if (this.poll) this.poll.finish(this.peek(this.poll.limit));
  }
}

const UPDATE_TYPES: UpdateType[] = ['message', 'edited_message', 'channel_post', 'callback_query', 'my_chat_member'];
const updateType = (update: Update): UpdateType => UPDATE_TYPES.find((type) => update[type]) ?? 'my_chat_member';
