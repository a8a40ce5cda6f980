// The delivery pipeline: the one-minute tick, the send queue and its dead letters, and the
// send function's event source with partial batch failures and bounded concurrency.
import { beforeAll, describe, expect, it } from 'vitest';
import { messageGroupOf, retryDelaySeconds } from '#adapters/queue/sqs';
import type { SendJob } from '#core/delivery/ports';
import { SEND_MAX_CONCURRENCY, SEND_MAX_RECEIVE_COUNT, TELEGRAM_BOT_PER_SECOND } from '../../cdk/constructs/delivery';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

const getAtt = (construct: Parameters<typeof logicalId>[1]) => ({
  'Fn::GetAtt': [logicalId(built.stack, construct), 'Arn'],
});
const props = (construct: Parameters<typeof logicalId>[1]) =>
  built.template.toJSON().Resources[logicalId(built.stack, construct)].Properties;

describe('dispatch tick', () => {
  it('invokes the dispatch function every minute, without retries, through its own role', () => {
    // Two schedules: this one, and the feed import's (imports.test.ts); campaign alarms are made at run time.
    built.template.resourceCountIs('AWS::Scheduler::Schedule', 2);
    built.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: getAtt(built.stack.delivery.dispatch.function),
        RetryPolicy: { MaximumRetryAttempts: 0 },
        RoleArn: {
          'Fn::GetAtt': [logicalId(built.stack, built.stack.delivery.node.findChild('DispatchTickRole')), 'Arn'],
        },
      },
    });
  });
});

describe('send queue', () => {
  it('redrives to the dead-letter queue after 10 receives (about 25 minutes of backoff)', () => {
    expect(props(built.stack.delivery.sendQueue).RedrivePolicy).toEqual({
      deadLetterTargetArn: getAtt(built.stack.delivery.deadLetterQueue),
      maxReceiveCount: SEND_MAX_RECEIVE_COUNT,
    });
    expect(SEND_MAX_RECEIVE_COUNT).toBe(10);
    const backoff = Array.from({ length: SEND_MAX_RECEIVE_COUNT - 1 }, (_, i) => retryDelaySeconds(i + 1));
    expect(backoff.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20 * 60);
  });

  it('is FIFO, dead letters too, with a deduplication id per message rather than per body', () => {
    expect(props(built.stack.delivery.sendQueue)).toMatchObject({ FifoQueue: true });
    expect(props(built.stack.delivery.sendQueue).ContentBasedDeduplication).not.toBe(true);
    expect(props(built.stack.delivery.deadLetterQueue)).toMatchObject({ FifoQueue: true });
  });

  it('hides a job for at least 6× the send timeout while it is being sent', () => {
    const sendTimeout = props(built.stack.delivery.send.function).Timeout as number;
    expect(props(built.stack.delivery.sendQueue).VisibilityTimeout).toBeGreaterThanOrEqual(6 * sendTimeout);
  });

  it('keeps dead letters 14 days', () => {
    expect(props(built.stack.delivery.deadLetterQueue).MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('encrypts both queues and refuses plain-HTTP access', () => {
    for (const queue of [built.stack.delivery.sendQueue, built.stack.delivery.deadLetterQueue]) {
      expect(props(queue).SqsManagedSseEnabled).toBe(true);
      const id = logicalId(built.stack, queue);
      const policies = Object.values(built.template.findResources('AWS::SQS::QueuePolicy')).filter((p) =>
        JSON.stringify(p.Properties.Queues).includes(id),
      );
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('one Telegram budget', () => {
  it('one consumer: the send function paces at the bot’s whole ceiling, since every Telegram job shares one message group', () => {
    const env = props(built.stack.delivery.send.function).Environment.Variables;
    expect(env.TELEGRAM_MAX_PER_SECOND).toBe(String(TELEGRAM_BOT_PER_SECOND));
    expect(TELEGRAM_BOT_PER_SECOND).toBe(30);
    const jobs: SendJob[] = [
      { channel: 'telegram', campaignId: 'c1', recipients: ['a'] },
      { channel: 'telegram', campaignId: 'c2', recipients: ['b'], round: 1 },
    ];
    expect(new Set(jobs.map(messageGroupOf))).toEqual(new Set(['telegram']));
    expect(messageGroupOf({ channel: 'x', campaignId: 'c1' })).not.toBe('telegram');
    // Digests leave through the same consumer: the one Telegram budget covers them too.
    expect(messageGroupOf({ channel: 'digests', dueBy: '2026-03-02T17:00:00.000Z' })).toBe('telegram');
    // FIFO's one batch per group is what bounds the Telegram senders; the reservation (concurrency.ts) only
    // guarantees the event source its slots, so it never exceeds them.
    expect(props(built.stack.delivery.send.function).ReservedConcurrentExecutions).toBe(SEND_MAX_CONCURRENCY);
  });
});

describe('send event source', () => {
  it('feeds the send function batches of 10, reports item failures, at bounded concurrency', () => {
    built.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: getAtt(built.stack.delivery.sendQueue),
      FunctionName: { Ref: logicalId(built.stack, built.stack.delivery.send.function) },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: SEND_MAX_CONCURRENCY },
    });
    expect(SEND_MAX_CONCURRENCY).toBe(2);
  });
});

describe('campaign alarms', () => {
  const alarms = () => built.stack.delivery.alarms;
  const roleArn = () => ({
    'Fn::GetAtt': [logicalId(built.stack, built.stack.delivery.node.findChild('DispatchTickRole')), 'Arn'],
  });

  it('have a schedule group of the stack’s own, deleted with it (with its schedules)', () => {
    built.template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    const group = built.template.toJSON().Resources[logicalId(built.stack, alarms().group)];
    expect(group.DeletionPolicy).toBe('Delete');
  });

  it('tell the admin API, import and dispatch where to set them: the group, the role to pass, the dispatch function', () => {
    const dispatchName = props(built.stack.delivery.dispatch.function).FunctionName;
    expect(dispatchName).toBe('PorteVoix-Dispatch');
    for (const fn of [built.stack.api.adminApi, built.stack.imports.import, built.stack.delivery.dispatch]) {
      const env = props(fn.function).Environment.Variables;
      expect(env.SCHEDULER_GROUP_NAME).toBe(alarms().group.scheduleGroupName);
      expect(env.SCHEDULER_ROLE_ARN).toEqual(roleArn());
      expect(JSON.stringify(env.DISPATCH_FUNCTION_ARN)).toContain(`:function:${dispatchName}`);
    }
    for (const fn of [built.stack.api.feeds, built.stack.api.telegramWebhook, built.stack.delivery.send])
      expect(props(fn.function).Environment.Variables.SCHEDULER_GROUP_NAME).toBeUndefined();
  });
});
