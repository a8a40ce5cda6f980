// Least privilege: each function's role holds only the grants its job needs, and on the table exactly
// the DynamoDB actions its bundled code calls.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '#adapters/dynamodb/store';
import { createDocumentClient } from '#adapters/dynamodb/client';
import { TABLE } from '#adapters/dynamodb/table';
import { REPO_ROOT, type PorteVoixFunction } from '../../cdk/constructs/lambda-function';
import { TABLE_ACTIONS, type TableAction } from '../../cdk/constructs/storage';
import { STORE_ACTIONS, type StoreUse, storeUseOf } from './store-actions';
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

/** Each function, its entry (as lambda-function.ts bundles it) and what its code calls on the table. */
function functionEntries(): { name: string; fn: PorteVoixFunction; entry: string }[] {
  const { api, delivery, imports } = built.stack;
  return [
    { name: 'admin-api', fn: api.adminApi, entry: 'functions/handlers/lambda/admin-api.ts' },
    { name: 'feeds', fn: api.feeds, entry: 'functions/handlers/lambda/feeds.ts' },
    { name: 'telegram-webhook', fn: api.telegramWebhook, entry: 'functions/handlers/lambda/telegram-webhook.ts' },
    { name: 'dispatch', fn: delivery.dispatch, entry: 'functions/handlers/lambda/dispatch.ts' },
    { name: 'send', fn: delivery.send, entry: 'functions/handlers/lambda/send.ts' },
    { name: 'import', fn: imports.import, entry: 'functions/handlers/lambda/import.ts' },
  ];
}

const tableActionsOf = (fn: PorteVoixFunction): string[] =>
  [...actions(fn)].filter((a) => a.startsWith('dynamodb:')).sort();

describe('DynamoDB: each role may call exactly what its code calls', () => {
  const uses = new Map<string, StoreUse>();
  beforeAll(async () => {
    // Six esbuild bundles (tree-shaken: only the code each function carries), in parallel.
    const entries = functionEntries();
    const found = await Promise.all(entries.map((e) => storeUseOf(e.entry)));
    entries.forEach((e, i) => uses.set(e.name, found[i]!));
  }, 60_000);

  it('covers every function of the stack', () => {
    const ids = functionEntries().map((e) => idOf(e.fn.function));
    expect(ids.sort()).toEqual(Object.keys(built.template.findResources('AWS::Lambda::Function')).sort());
  });

  it('grants on the table are the actions of the Store methods the bundle calls, no more, no fewer', () => {
    for (const { name, fn } of functionEntries()) {
      const needed = [...uses.get(name)!.actions].map((a) => `dynamodb:${a}`).sort();
      expect(tableActionsOf(fn), name).toEqual(needed);
    }
  });

  it('as stated in docs/aws.md: feeds and import never delete, only send batch-reads, only the admin API reads the table status', () => {
    const granted = (fn: PorteVoixFunction) => new Set(tableActionsOf(fn).map((a) => a.replace('dynamodb:', '')));
    const { api, delivery, imports } = built.stack;
    expect([...granted(api.feeds)].sort()).toEqual(['GetItem', 'Query']);
    expect(granted(imports.import).has('DeleteItem')).toBe(false);
    for (const { name, fn } of functionEntries()) {
      expect(granted(fn).has('BatchGetItem'), name).toBe(fn === delivery.send);
      expect(granted(fn).has('DescribeTable'), name).toBe(fn === api.adminApi);
    }
  });

  it('no role may Scan, batch-write, run transactions, read streams or touch another table', () => {
    const allowed = new Set(TABLE_ACTIONS.map((a) => `dynamodb:${a}`));
    for (const policy of Object.values(built.template.findResources('AWS::IAM::Policy'))) {
      for (const action of actionsOf(policy.Properties.PolicyDocument.Statement)) {
        if (action.startsWith('dynamodb:')) expect(allowed.has(action), action).toBe(true);
      }
    }
  });

  it('Query reaches the table and its two indexes by name; every other action the table alone', () => {
    const tableArn = { 'Fn::GetAtt': [idOf(built.stack.storage.table), 'Arn'] };
    const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
    for (const { name, fn } of functionEntries()) {
      for (const statement of statements(fn).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')))) {
        const isQuery = [statement.Action].flat().includes('dynamodb:Query');
        if (isQuery) {
          expect(statement.Action, name).toEqual('dynamodb:Query');
          expect(statement.Resource, name).toEqual([tableArn, ...TABLE.indexes.map((i) => indexArn(i.indexName))]);
        } else {
          expect(statement.Resource, name).toEqual(tableArn);
        }
        expect(JSON.stringify(statement.Resource), name).not.toContain('*');
      }
    }
  });
});

describe('STORE_ACTIONS, the map the check above reads', () => {
  it('lists every method of every repository the store builds, and nothing else', () => {
    const store = createDynamoStore({
      client: createDocumentClient({ endpoint: 'http://127.0.0.1:9', region: 'eu-west-3' }),
      tableName: 'unused',
    });
    const { health: _health, ...repositories } = store;
    expect(Object.keys(STORE_ACTIONS).sort()).toEqual(Object.keys(repositories).sort());
    for (const [name, repository] of Object.entries(repositories)) {
      expect(Object.keys(STORE_ACTIONS[name as keyof typeof STORE_ACTIONS]).sort(), name).toEqual(
        Object.keys(repository).sort(),
      );
    }
  });

  it('names, for each repository, the actions its module sends and only those', () => {
    // What each building block of a repository sends (reads.ts, writes.ts, lib-dynamodb's commands).
    const SENDS: Record<string, TableAction[]> = {
      getItem: ['GetItem'],
      getItems: ['BatchGetItem'],
      queryPage: ['Query'],
      queryUpTo: ['Query'],
      countRange: ['Query'],
      putNew: ['PutItem'],
      putIfVersion: ['PutItem', 'GetItem'],
      moveItem: ['PutItem', 'DeleteItem'],
      PutCommand: ['PutItem'],
      UpdateCommand: ['UpdateItem'],
      DeleteCommand: ['DeleteItem'],
    };
    const dir = join(REPO_ROOT, 'functions/adapters/dynamodb/repositories');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const repository = file.replace(/\.ts$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      const source = readFileSync(join(dir, file), 'utf8');
      const imported = [
        ...source.matchAll(/^import \{([^}]*)\} from '(?:\.\.\/(?:reads|writes)|@aws-sdk\/lib-dynamodb)';$/gm),
      ]
        .flatMap((m) => m[1]!.split(','))
        .map((n) => n.trim())
        .filter((n) => n in SENDS && new RegExp(`\\b${n}\\(`).test(source.replace(/^import .*$/gm, '')));
      const sends = new Set(imported.flatMap((n) => SENDS[n]!));
      const listed = new Set(Object.values(STORE_ACTIONS[repository as keyof typeof STORE_ACTIONS]).flat());
      expect([...listed].sort(), file).toEqual([...sends].sort());
    }
  });
});
