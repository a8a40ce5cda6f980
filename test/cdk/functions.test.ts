// Each Lambda: Node 22 on ARM, traced, its own log group with a retention, sized for its job, and
// given exactly the environment functions/config.ts reads.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '#config';
import { ALARM_MAX_EARLY_MS } from '#core/delivery/dispatch';
import type { PorteVoixFunction } from '../../cdk/constructs/lambda-function';
import type { PorteVoixStack } from '../../cdk/porte-voix-stack';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

type Resource = { Properties: Record<string, any> };

function functionsOf(stack: PorteVoixStack): Record<string, PorteVoixFunction> {
  return {
    adminApi: stack.api.adminApi,
    feeds: stack.api.feeds,
    telegramWebhook: stack.api.telegramWebhook,
    dispatch: stack.delivery.dispatch,
    send: stack.delivery.send,
  };
}

function resourceOf(fn: PorteVoixFunction): Resource {
  return built.template.toJSON().Resources[logicalId(built.stack, fn.function)];
}

function envOf(fn: PorteVoixFunction): Record<string, unknown> {
  return resourceOf(fn).Properties.Environment.Variables;
}

const ref = (construct: Parameters<typeof logicalId>[1]) => ({ Ref: logicalId(built.stack, construct) });

describe('every function', () => {
  it('runs Node 22 on ARM with active tracing and the bundled ESM handler', () => {
    for (const [name, fn] of Object.entries(functionsOf(built.stack))) {
      const props = resourceOf(fn).Properties;
      expect(props.Runtime, name).toBe('nodejs22.x');
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.TracingConfig, name).toEqual({ Mode: 'Active' });
      expect(props.Handler, name).toBe('index.handler');
    }
  });

  it('logs to its own log group, kept one month', () => {
    const logGroups = built.template.toJSON().Resources;
    for (const [name, fn] of Object.entries(functionsOf(built.stack))) {
      const groupId = logicalId(built.stack, fn.logGroup);
      expect(resourceOf(fn).Properties.LoggingConfig, name).toEqual({ LogGroup: { Ref: groupId } });
      expect(logGroups[groupId].Properties.RetentionInDays, name).toBe(30);
    }
  });

  it('gets the shared environment: table, public URL, log level, Powertools service', () => {
    const apiId = logicalId(built.stack, built.stack.api.httpApi);
    for (const [name, fn] of Object.entries(functionsOf(built.stack))) {
      const env = envOf(fn);
      expect(env.TABLE_NAME, name).toEqual(ref(built.stack.storage.table));
      expect(env.LOG_LEVEL, name).toBe('INFO');
      expect(env.POWERTOOLS_SERVICE_NAME, name).toBe('porte-voix');
      expect(JSON.stringify(env.PUBLIC_URL), name).toContain(apiId);
      expect(env.NODE_OPTIONS, name).toBe('--enable-source-maps');
    }
  });

  it('sets only variables that functions/config.ts reads (besides the runtime\u2019s own)', () => {
    const runtimeOnly = new Set(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE']);
    const known = new Set(Object.keys(ConfigSchema.shape));
    for (const [name, fn] of Object.entries(functionsOf(built.stack))) {
      const unknown = Object.keys(envOf(fn)).filter((v) => !runtimeOnly.has(v) && !known.has(v));
      expect(unknown, name).toEqual([]);
    }
  });
});

describe('per-function environment: each secret ARN only where it is read', () => {
  const SECRET_VARS = ['ADMIN_SECRET_ARN', 'TELEGRAM_SECRET_ARN', 'X_SECRET_ARN', 'SEND_QUEUE_URL'];
  const specific = (fn: PorteVoixFunction) =>
    Object.fromEntries(Object.entries(envOf(fn)).filter(([k]) => SECRET_VARS.includes(k)));

  it('admin API: ADMIN_SECRET_ARN, and TELEGRAM_SECRET_ARN for campaign tests', () => {
    expect(specific(built.stack.api.adminApi)).toEqual({
      ADMIN_SECRET_ARN: ref(built.stack.secrets.admin),
      TELEGRAM_SECRET_ARN: ref(built.stack.secrets.telegram),
    });
  });
  it('feeds: nothing secret', () => {
    expect(specific(built.stack.api.feeds)).toEqual({});
  });
  it('Telegram webhook: TELEGRAM_SECRET_ARN', () => {
    expect(specific(built.stack.api.telegramWebhook)).toEqual({
      TELEGRAM_SECRET_ARN: ref(built.stack.secrets.telegram),
    });
  });
  it('dispatch: SEND_QUEUE_URL', () => {
    expect(specific(built.stack.delivery.dispatch)).toEqual({ SEND_QUEUE_URL: ref(built.stack.delivery.sendQueue) });
  });
  it('send: TELEGRAM_SECRET_ARN and X_SECRET_ARN; SEND_QUEUE_URL to bring failed jobs back after their backoff', () => {
    expect(specific(built.stack.delivery.send)).toEqual({
      TELEGRAM_SECRET_ARN: ref(built.stack.secrets.telegram),
      X_SECRET_ARN: ref(built.stack.secrets.x),
      SEND_QUEUE_URL: ref(built.stack.delivery.sendQueue),
    });
  });
});

describe('sizes and timeouts', () => {
  it('webhook: 256–512 MB, at most 10 s (Telegram retries slow deliveries)', () => {
    const props = resourceOf(built.stack.api.telegramWebhook).Properties;
    expect(props.MemorySize).toBeGreaterThanOrEqual(256);
    expect(props.MemorySize).toBeLessThanOrEqual(512);
    expect(props.Timeout).toBeLessThanOrEqual(10);
  });
  it('send: 60 s; dispatch: 3 min, for an alarm that came up to 2 minutes early and waits for its campaign', () => {
    expect(resourceOf(built.stack.delivery.send).Properties.Timeout).toBe(60);
    expect(resourceOf(built.stack.delivery.dispatch).Properties.Timeout).toBe(180);
    expect(ALARM_MAX_EARLY_MS / 1000).toBeLessThanOrEqual(180 - 60);
  });
  it('HTTP functions answer within the API Gateway 30 s integration limit', () => {
    for (const fn of [built.stack.api.adminApi, built.stack.api.feeds, built.stack.api.telegramWebhook]) {
      expect(resourceOf(fn).Properties.Timeout).toBeLessThan(30);
    }
  });
});

describe('the X budget', () => {
  it('reaches every function when the stack is given one, and none otherwise', () => {
    const withBudget = synthesize({ xMonthlyBudgetUsd: 20 });
    const env = (template: typeof withBudget.template) =>
      Object.values(template.findResources('AWS::Lambda::Function')).map(
        (r) => (r as Resource).Properties.Environment?.Variables ?? {},
      );
    const budgets = env(withBudget.template)
      .filter((v) => 'TABLE_NAME' in v)
      .map((v) => v.X_MONTHLY_BUDGET_USD);
    expect(budgets.length).toBeGreaterThanOrEqual(6);
    expect(new Set(budgets)).toEqual(new Set(['20']));
    expect(env(built.template).some((v) => 'X_MONTHLY_BUDGET_USD' in v)).toBe(false);
  });
});
