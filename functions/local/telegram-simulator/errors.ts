// Bot API failures as values: each carries the HTTP status and the description Telegram itself sends,
// so a client library (telegraf) raises exactly the error it would raise against api.telegram.org.
import type { ApiResponse } from './types';

export class TelegramApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
    this.name = 'TelegramApiError';
  }

  toResponse(): ApiResponse {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.retryAfter === undefined ? {} : { parameters: { retry_after: this.retryAfter } }),
    };
  }
}

export const badRequest = (what: string) => new TelegramApiError(400, `Bad Request: ${what}`);
export const unauthorized = () => new TelegramApiError(401, 'Unauthorized');
export const blockedByUser = () => new TelegramApiError(403, 'Forbidden: bot was blocked by the user');
export const notFound = () => new TelegramApiError(404, 'Not Found');
export const conflict = (what: string) => new TelegramApiError(409, `Conflict: ${what}`);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new TelegramApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, retryAfterSeconds);

export const chatNotFound = () => badRequest('chat not found');

/** A failure of the simulator's own citizen endpoints (not part of the Bot API). */
export class CitizenActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'CitizenActionError';
  }
}

/** An injected fault cut the connection; an in-process caller sees this where an HTTP client sees ECONNRESET. */
export class SimulatedConnectionDrop extends Error {
  constructor(readonly tookEffect: boolean) {
    super(
      tookEffect ? 'connection dropped after the call took effect' : 'connection dropped before the call took effect',
    );
    this.name = 'SimulatedConnectionDrop';
  }
}
