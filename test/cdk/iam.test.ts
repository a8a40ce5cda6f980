// Least privilege: each function's role holds only the grants its job needs.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PorteVoixFunction } from '../../cdk/constructs/lambda-function';
import { type Statement, actionsOf, grantsOf, logicalId, statementsOf, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

const statements = (fn: PorteVoixFunction): Statement[] =>
  statementsOf(built.template, logicalId(built.stack, fn.role));
const actions = (fn: PorteVoixFunction) => actionsOf(statements(fn));
const resourcesOf = (fn: PorteVoixFunction, action: string) =>
  grantsOf(statements(fn), action).map((s) => JSON.stringify(s.Resource));
const idOf = (construct: Parameters<typeof logicalId>[1]) => logicalId(built.stack, construct);

const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('function roles', () => {
  it('are one per function, assumed by Lambda only, with no managed policy', () => {
    const functions = Object.values(built.template.findResources('AWS::Lambda::Function'));
    const roleIds = new Set(functions.map((f) => f.Properties.Role['Fn::GetAtt'][0]));
    expect(roleIds.size).toBe(6);
    const roles = built.template.toJSON().Resources;
    for (const id of roleIds) {
      expect(roles[id].Properties.ManagedPolicyArns).toBeUndefined();
      expect(roles[id].Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' } }),
      ]);
    }
  });

  it('write logs to their own log group only', () => {
    for (const fn of [
      built.stack.api.adminApi,
      built.stack.api.feeds,
      built.stack.api.telegramWebhook,
      built.stack.delivery.dispatch,
      built.stack.delivery.send,
    ]) {
      expect(resourcesOf(fn, 'logs:PutLogEvents')).toEqual([
        JSON.stringify({ 'Fn::GetAtt': [idOf(fn.logGroup), 'Arn'] }),
      ]);
      expect(actions(fn).has('logs:CreateLogGroup')).toBe(false);
    }
  });
});

describe('feeds', () => {
  it('reads the table and writes nothing', () => {
    const granted = actions(built.stack.api.feeds);
    // The results pages and open data Query the questionnaire partitions (responses, moderation).
    expect(granted.has('dynamodb:Query')).toBe(true);
    expect(granted.has('dynamodb:GetItem')).toBe(true);
    expect(resourcesOf(built.stack.api.feeds, 'dynamodb:Query').join()).toContain(
      JSON.stringify({ 'Fn::GetAtt': [idOf(built.stack.storage.table), 'Arn'] }),
    );
    for (const write of TABLE_WRITES) expect(granted.has(write), write).toBe(false);
  });
  it('reads no secret and touches no queue', () => {
    const granted = [...actions(built.stack.api.feeds)];
    expect(granted.filter((a) => a.startsWith('secretsmanager:') || a.startsWith('sqs:'))).toEqual([]);
  });
});

describe('feed import', () => {
  it('reads and writes the table, reads no secret and touches no queue', () => {
    const granted = [...actions(built.stack.imports.import)];
    expect(granted).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
    );
    expect(granted.filter((a) => a.startsWith('secretsmanager:') || a.startsWith('sqs:'))).toEqual([]);
  });
  it('is invoked every 15 minutes by a schedule role that may invoke it and nothing else', () => {
    built.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: {
        Arn: { 'Fn::GetAtt': [idOf(built.stack.imports.import.function), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
    const tick = statementsOf(built.template, idOf(built.stack.imports.node.findChild('ImportTickRole')));
    expect([...actionsOf(tick)]).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(tick.map((s) => s.Resource))).not.toMatch(idOf(built.stack.delivery.dispatch.function));
  });
});

describe('Telegram webhook', () => {
  it('reads the Telegram secret only', () => {
    expect(resourcesOf(built.stack.api.telegramWebhook, 'secretsmanager:GetSecretValue')).toEqual([
      JSON.stringify({ Ref: idOf(built.stack.secrets.telegram) }),
    ]);
  });
  it('cannot send (or receive) queue messages', () => {
    expect([...actions(built.stack.api.telegramWebhook)].filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });
});

describe('admin API', () => {
  it('reads the admin secret and the Telegram one (test sends to an agent\u2019s chat), not X\u2019s, and touches no queue', () => {
    expect(resourcesOf(built.stack.api.adminApi, 'secretsmanager:GetSecretValue').sort()).toEqual(
      [
        JSON.stringify({ Ref: idOf(built.stack.secrets.admin) }),
        JSON.stringify({ Ref: idOf(built.stack.secrets.telegram) }),
      ].sort(),
    );
    expect([...actions(built.stack.api.adminApi)].filter((a) => a.startsWith('sqs:'))).toEqual([]);
  });
});

describe('dispatch', () => {
  it('sends to the send queue, reads no secret and cannot consume', () => {
    const queueArn = JSON.stringify({ 'Fn::GetAtt': [idOf(built.stack.delivery.sendQueue), 'Arn'] });
    expect(resourcesOf(built.stack.delivery.dispatch, 'sqs:SendMessage')).toEqual([queueArn]);
    const granted = [...actions(built.stack.delivery.dispatch)];
    expect(granted.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(granted).not.toContain('sqs:ReceiveMessage');
    expect(granted).not.toContain('sqs:DeleteMessage');
  });
});

describe('send', () => {
  it('consumes the send queue but cannot enqueue; may only park a malformed message in the dead letters', () => {
    const queueArn = JSON.stringify({ 'Fn::GetAtt': [idOf(built.stack.delivery.sendQueue), 'Arn'] });
    const deadLetterArn = JSON.stringify({ 'Fn::GetAtt': [idOf(built.stack.delivery.deadLetterQueue), 'Arn'] });
    expect(resourcesOf(built.stack.delivery.send, 'sqs:ReceiveMessage')).toEqual([queueArn]);
    expect(resourcesOf(built.stack.delivery.send, 'sqs:SendMessage')).toEqual([deadLetterArn]);
  });
  it('reads the Telegram and X secrets, not the admin one', () => {
    expect(resourcesOf(built.stack.delivery.send, 'secretsmanager:GetSecretValue').sort()).toEqual(
      [
        JSON.stringify({ Ref: idOf(built.stack.secrets.telegram) }),
        JSON.stringify({ Ref: idOf(built.stack.secrets.x) }),
      ].sort(),
    );
  });
});

describe('across the stack', () => {
  it('only dispatch may send to the send queue', () => {
    const queueArn = JSON.stringify({ 'Fn::GetAtt': [idOf(built.stack.delivery.sendQueue), 'Arn'] });
    const policies = Object.entries(built.template.findResources('AWS::IAM::Policy'));
    const senders = policies
      .filter(([, p]) =>
        (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).some(
          (s) => [s.Action].flat().includes('sqs:SendMessage') && JSON.stringify(s.Resource) === queueArn,
        ),
      )
      .map(([, p]) => JSON.stringify(p.Properties.Roles));
    expect(senders).toEqual([JSON.stringify([{ Ref: idOf(built.stack.delivery.dispatch.role) }])]);
  });

  it('the schedule role may invoke the dispatch function and nothing else', () => {
    const tickRole = built.stack.delivery.node.findChild('DispatchTickRole');
    const tick = statementsOf(built.template, idOf(tickRole));
    expect([...actionsOf(tick)]).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(tick.map((s) => s.Resource))).not.toMatch(
      new RegExp(
        [built.stack.api.adminApi, built.stack.api.feeds, built.stack.api.telegramWebhook, built.stack.delivery.send]
          .map((f) => idOf(f.function))
          .join('|'),
      ),
    );
  });

  it('only the admin API, import and dispatch may set campaign alarms, in the stack’s schedule group only', () => {
    const group = built.stack.delivery.alarms.group.scheduleGroupName;
    const setters = [built.stack.api.adminApi, built.stack.imports.import, built.stack.delivery.dispatch];
    for (const fn of setters) {
      for (const action of ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule']) {
        const resources = resourcesOf(fn, action);
        expect(resources, action).toHaveLength(1);
        expect(resources[0]).toContain(`:schedule/${group}/*`);
      }
    }
    const policies = Object.values(built.template.findResources('AWS::IAM::Policy'));
    const scheduling = policies
      .filter((p) => [...actionsOf(p.Properties.PolicyDocument.Statement)].some((a) => a.startsWith('scheduler:')))
      .map((p) => JSON.stringify(p.Properties.Roles));
    expect(scheduling.sort()).toEqual(setters.map((fn) => JSON.stringify([{ Ref: idOf(fn.role) }])).sort());
  });

  it('those three may pass Scheduler the one role that invokes dispatch, and no other role, to no other service', () => {
    const tickRole = idOf(built.stack.delivery.node.findChild('DispatchTickRole'));
    const policies = Object.values(built.template.findResources('AWS::IAM::Policy'));
    const passes = policies.flatMap((p) =>
      grantsOf(p.Properties.PolicyDocument.Statement as Statement[], 'iam:PassRole').map((statement) => ({
        roles: JSON.stringify(p.Properties.Roles),
        statement,
      })),
    );
    const setters = [built.stack.api.adminApi, built.stack.imports.import, built.stack.delivery.dispatch];
    expect(passes.map((p) => p.roles).sort()).toEqual(
      setters.map((fn) => JSON.stringify([{ Ref: idOf(fn.role) }])).sort(),
    );
    for (const { statement } of passes) {
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [tickRole, 'Arn'] });
      expect(statement.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    }
  });

  it('no policy grants an action wildcard', () => {
    for (const policy of Object.values(built.template.findResources('AWS::IAM::Policy'))) {
      for (const action of actionsOf(policy.Properties.PolicyDocument.Statement)) expect(action).not.toMatch(/\*$/);
    }
  });
});
