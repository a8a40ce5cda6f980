// Timeouts that nest, read from the template: every function's own budget (TIME_BUDGET_MS) is shorter
// than its Lambda's timeout, the HTTP functions end before API Gateway's 30 s, and a send job is hidden
// from other consumers for 6× the send timeout. A budget that does not nest stops synth, naming it.
import { Duration, Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import { APOLOGY_MS } from '#handlers/http/telegram-webhook';
import { MIN_TIMEOUT_MARGIN_MS, PorteVoixFunction, checkBudget } from '../../cdk/constructs/lambda-function';
import { SEND_TIMEOUT } from '../../cdk/constructs/delivery';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

interface FunctionProps {
  Timeout: number;
  Environment: { Variables: Record<string, unknown> };
}
const functionProps = (fn: PorteVoixFunction) =>
  built.template.toJSON().Resources[logicalId(built.stack, fn.function)].Properties as FunctionProps;

/** The HTTP API's integration timeout: past it API Gateway answers 503 by itself, whatever the function does. */
const API_GATEWAY_LIMIT_MS = 30_000;

describe('every function', () => {
  it('has a budget at least a second shorter than its timeout, in its environment', () => {
    const functions = built.template.findResources('AWS::Lambda::Function');
    // Six functions of ours (admin API, feeds, webhook, dispatch, send, import); CDK adds none here.
    expect(Object.keys(functions)).toHaveLength(6);
    for (const [id, resource] of Object.entries(functions)) {
      const { Timeout, Environment } = resource.Properties as FunctionProps;
      const budget = Number(Environment.Variables.TIME_BUDGET_MS);
      expect(budget, id).toBeGreaterThan(0);
      expect(budget, id).toBeLessThanOrEqual(Timeout * 1000 - MIN_TIMEOUT_MARGIN_MS);
      // What the function reads back is the same figure (functions/config.ts).
      expect(loadConfig({ TIME_BUDGET_MS: String(Environment.Variables.TIME_BUDGET_MS) }).TIME_BUDGET_MS, id).toBe(
        budget,
      );
    }
  });

  it('answers HTTP before API Gateway gives up (30 s), with room for the webhook’s apology', () => {
    for (const fn of [built.stack.api.adminApi, built.stack.api.feeds, built.stack.api.telegramWebhook]) {
      const { Timeout, Environment } = functionProps(fn);
      expect(Timeout * 1000, fn.node.id).toBeLessThan(API_GATEWAY_LIMIT_MS);
      expect(Number(Environment.Variables.TIME_BUDGET_MS), fn.node.id).toBeLessThan(Timeout * 1000);
    }
    const webhook = functionProps(built.stack.api.telegramWebhook);
    expect(webhook.Timeout).toBe(10);
    expect(Number(webhook.Environment.Variables.TIME_BUDGET_MS)).toBe(8_000);
    expect(8_000 - APOLOGY_MS).toBeGreaterThan(5_000); // most of the budget is the bot's own
  });
});

describe('send queue', () => {
  it('hides a job for at least 6× the send function’s timeout, as AWS advises for Lambda consumers', () => {
    const send = functionProps(built.stack.delivery.send);
    expect(send.Timeout).toBe(SEND_TIMEOUT.toSeconds());
    const queue = built.template.toJSON().Resources[logicalId(built.stack, built.stack.delivery.sendQueue)].Properties;
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * send.Timeout);
    // The send budget leaves the sends in flight time to end (the sender's request timeout is 15 s).
    expect(send.Timeout * 1000 - Number(send.Environment.Variables.TIME_BUDGET_MS)).toBeGreaterThanOrEqual(15_000);
  });
});

describe('a budget that does not nest', () => {
  it('stops synth with the function’s name', () => {
    expect(() => checkBudget('Send', Duration.seconds(60), Duration.seconds(60))).toThrow(/^Send: budget 60000 ms/);
    expect(() => checkBudget('Feeds', Duration.millis(9_500), Duration.seconds(10))).toThrow(/Feeds/);
    expect(() => checkBudget('Feeds', Duration.seconds(0), Duration.seconds(10))).toThrow(/positive/);
    expect(() => checkBudget('Feeds', Duration.seconds(9), Duration.seconds(10))).not.toThrow();
    const stack = new Stack();
    expect(
      () =>
        new PorteVoixFunction(stack, 'TooLong', {
          entry: 'functions/handlers/lambda/feeds.ts',
          description: 'test',
          memorySize: 128,
          timeout: Duration.seconds(10),
          budget: Duration.seconds(12),
          environment: {},
          logRetention: 30,
        }),
    ).toThrow(/TooLong: budget 12000 ms must be positive and at least 1000 ms shorter than its timeout \(10000 ms\)/);
  });
});
