// One Bot API call from arrival to answer: method lookup (404), injected faults, the handler, Telegram's error
// shape and HTTP status, and the counters. Shared by the HTTP server, in-process calls and webhook replies.
import { type Timers, systemTimers } from '#adapters/system/timers';
import { notFound, TelegramApiError } from './errors';
import { faultDescription, type FaultInjector } from './faults';
import { Described, findMethod, type ApiContext } from './methods';
import type { Params } from './params';
import { countCall } from './stats';
import type { ApiResponse } from './types';

/** An answer to write, or a connection to cut (an injected drop). */
export type ApiOutcome = { kind: 'answer'; status: number; body: ApiResponse } | { kind: 'drop'; tookEffect: boolean };

const answer = (body: ApiResponse): ApiOutcome => ({ kind: 'answer', status: body.ok ? 200 : body.error_code, body });

export class BotApi {
  constructor(
    private readonly ctx: ApiContext,
    private readonly faults: FaultInjector,
    /** Injected delays are spent on this time (tests pass virtual timers). */
    private readonly timers: Timers = systemTimers,
  ) {}

  async invoke(method: string, params: Params, applyFaults = true): Promise<ApiOutcome> {
    const found = findMethod(method);
    if (!found) {
      countCall(this.ctx.stats, method, 404);
      return answer(notFound().toResponse());
    }
    const fault = applyFaults ? this.faults.take(found.name, params.chat_id) : undefined;
    if (fault) {
      this.ctx.stats.faultsApplied++;
      if (fault.status !== undefined || fault.drop === 'before') {
        if (fault.delayMs) await this.timers.sleep(fault.delayMs);
        if (fault.drop === 'before') return { kind: 'drop', tookEffect: false };
        const status = fault.status!;
        if (status === 429) this.ctx.stats.rejected429ByScope.injected++;
        countCall(this.ctx.stats, found.name, status);
        return answer(
          new TelegramApiError(
            status,
            faultDescription(fault),
            status === 429 ? (fault.retryAfter ?? 1) : undefined,
          ).toResponse(),
        );
      }
    }
    const body = await this.run(found.name, found.handler, params);
    if (fault?.delayMs) await this.timers.sleep(fault.delayMs);
    if (fault?.drop === 'after') return { kind: 'drop', tookEffect: true };
    return answer(body);
  }

  private async run(
    name: string,
    handler: (params: Params, ctx: ApiContext) => unknown,
    params: Params,
  ): Promise<ApiResponse> {
    try {
      const result = await handler(params, this.ctx);
      countCall(this.ctx.stats, name);
      // Edits, deletions, blocks…: anything but a read may change what persistence.ts keeps.
      if (!name.startsWith('get')) this.ctx.state.changes++;
      return result instanceof Described
        ? { ok: true, result: result.result, description: result.description }
        : { ok: true, result };
    } catch (error) {
      // A simulator bug must still look like a server error to the bot, never crash the process.
      const failure =
        error instanceof TelegramApiError
          ? error
          : new TelegramApiError(500, `Internal Server Error: ${(error as Error).message}`);
      countCall(this.ctx.stats, name, failure.errorCode);
      return failure.toResponse();
    }
  }
}
