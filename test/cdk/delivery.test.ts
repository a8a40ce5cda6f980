// The delivery pipeline: the one-minute tick, the send queue and its dead letters, and the
// send function's event source with partial batch failures and bounded concurrency.
import { beforeAll, describe, expect, it } from 'vitest';
import { SEND_MAX_CONCURRENCY, SEND_MAX_RECEIVE_COUNT } from '../../cdk/constructs/delivery';
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
    // Two schedules: this one, and the feed import's (imports.test.ts).
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
  it('redrives to the dead-letter queue after 5 receives', () => {
    expect(props(built.stack.delivery.sendQueue).RedrivePolicy).toEqual({
      deadLetterTargetArn: getAtt(built.stack.delivery.deadLetterQueue),
      maxReceiveCount: SEND_MAX_RECEIVE_COUNT,
    });
    expect(SEND_MAX_RECEIVE_COUNT).toBe(5);
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
