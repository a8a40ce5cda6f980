// Reserved concurrency: the two functions whose bound the design names get it, as a floor (never
// starved by the rest of the account) and a ceiling. The other four share the account's pool.
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { PorteVoixFunction } from './lambda-function';
import { SEND_MAX_CONCURRENCY } from './delivery';

/**
 * Telegram's `max_connections` for our webhook (its default, 40): Telegram never holds more updates
 * in flight to us, so the webhook never needs more invocations at once. The registration
 * (setWebhook) must use this number.
 */
export const TELEGRAM_WEBHOOK_MAX_CONNECTIONS = 40;

/** AWS keeps this much of an account's concurrency unreserved: a reservation that would dig into it fails the deploy. */
export const ACCOUNT_UNRESERVED_MINIMUM = 100;

interface ReservedFunctions {
  readonly telegramWebhook: PorteVoixFunction;
  readonly send: PorteVoixFunction;
}

/**
 * What each reserved function gets, and why:
 * - the webhook, Telegram's connections: citizens wait on it, so a busy account (a flood of feed reads,
 *   another application) must not throttle it; and the public URL flooded with forged updates (refused,
 *   but each one an invocation) cannot take more than that from the others.
 * - send, the event source's maximum concurrency: the send budget is bounded by the FIFO queue's one
 *   Telegram group and `maxConcurrency` (delivery.ts), not by this. The reservation guarantees those two
 *   slots: a batch the event source cannot hand over is throttled back to the queue, and every such
 *   receive counts toward the dead-letter queue. AWS asks for reserved ≥ maximum concurrency.
 */
const RESERVED_CONCURRENCY: { readonly [F in keyof ReservedFunctions]: number } = {
  telegramWebhook: TELEGRAM_WEBHOOK_MAX_CONNECTIONS,
  send: SEND_MAX_CONCURRENCY,
};

/** The account concurrency quota these reservations need (new accounts start at 10: ask for more, or deploy without). */
export const ACCOUNT_CONCURRENCY_NEEDED =
  ACCOUNT_UNRESERVED_MINIMUM + Object.values(RESERVED_CONCURRENCY).reduce((a, b) => a + b, 0);

export function reserveConcurrency(functions: ReservedFunctions): void {
  for (const [name, fn] of Object.entries(functions) as [keyof ReservedFunctions, PorteVoixFunction][]) {
    // On the L1 resource: PorteVoixFunction's props stay about what every function has.
    (fn.function.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = RESERVED_CONCURRENCY[name];
  }
}
