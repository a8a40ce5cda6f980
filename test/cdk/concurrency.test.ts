// Reserved concurrency: the webhook and send get a floor and a ceiling, the others share the pool, and
// an account too small for any reservation can deploy with the switch off.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACCOUNT_CONCURRENCY_NEEDED,
  ACCOUNT_UNRESERVED_MINIMUM,
  TELEGRAM_WEBHOOK_MAX_CONNECTIONS,
} from '../../cdk/constructs/concurrency';
import { SEND_MAX_CONCURRENCY } from '../../cdk/constructs/delivery';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

type Resources = Record<string, { Properties: Record<string, any> }>;
const reservedOf = (template: typeof built.template) =>
  Object.fromEntries(
    Object.entries(template.findResources('AWS::Lambda::Function') as Resources).map(([id, r]) => [
      id,
      r.Properties.ReservedConcurrentExecutions,
    ]),
  );

describe('reserved concurrency', () => {
  it('the webhook gets Telegram’s connections, send its event source’s slots, no other function any', () => {
    const id = (fn: { function: Parameters<typeof logicalId>[1] }) => logicalId(built.stack, fn.function);
    const reserved = reservedOf(built.template);
    expect(reserved[id(built.stack.api.telegramWebhook)]).toBe(TELEGRAM_WEBHOOK_MAX_CONNECTIONS);
    expect(reserved[id(built.stack.delivery.send)]).toBe(SEND_MAX_CONCURRENCY);
    const others = Object.entries(reserved).filter(
      ([fn]) => fn !== id(built.stack.api.telegramWebhook) && fn !== id(built.stack.delivery.send),
    );
    expect(others).toHaveLength(4);
    for (const [fn, value] of others) expect(value, fn).toBeUndefined();
  });

  it('send’s reservation is at least the event source’s maximum concurrency (AWS: else batches are throttled)', () => {
    const [mapping] = Object.values(built.template.findResources('AWS::Lambda::EventSourceMapping') as Resources);
    const maximum = mapping!.Properties.ScalingConfig.MaximumConcurrency as number;
    const send = reservedOf(built.template)[logicalId(built.stack, built.stack.delivery.send.function)] as number;
    expect(send).toBeGreaterThanOrEqual(maximum);
  });

  it('needs an account quota of 100 unreserved plus what is reserved (new accounts have 10)', () => {
    const total = Object.values(reservedOf(built.template)).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    expect(ACCOUNT_CONCURRENCY_NEEDED).toBe(ACCOUNT_UNRESERVED_MINIMUM + total);
    expect(ACCOUNT_CONCURRENCY_NEEDED).toBe(142);
  });

  it('reserves nothing when the stack is told not to (an account still at the 10 of a new one)', () => {
    const off = synthesize({ reserveConcurrency: false });
    for (const [fn, value] of Object.entries(reservedOf(off.template))) expect(value, fn).toBeUndefined();
  });
});
