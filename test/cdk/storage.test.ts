// The deployed table is the table of table.ts: same keys, indexes and TTL as the local runtime's.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE, createTableInput } from '#adapters/dynamodb/table';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

function table() {
  const tables = built.template.findResources('AWS::DynamoDB::Table');
  expect(Object.keys(tables)).toHaveLength(1);
  return Object.values(tables)[0]!;
}

describe('DynamoDB table', () => {
  it('has the key schema, attributes and indexes of createTableInput (the local runtime table)', () => {
    const local = createTableInput('any');
    const props = table().Properties;
    expect(props.KeySchema).toEqual(local.KeySchema);
    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      (a.AttributeName ?? '').localeCompare(b.AttributeName ?? '');
    expect([...props.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions!].sort(byName));
    expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
  });

  it('has one GSI per TABLE.indexes entry, keyed by its attributes', () => {
    const indexes = table().Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown[] }[];
    expect(indexes.map((i) => i.IndexName)).toEqual(TABLE.indexes.map((i) => i.indexName));
    for (const index of TABLE.indexes) {
      expect(indexes.find((i) => i.IndexName === index.indexName)?.KeySchema).toEqual([
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ]);
    }
  });

  it('is on-demand, expires on the TTL attribute, has point-in-time recovery (35 days) and AWS-managed encryption', () => {
    built.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
      // SSE on without a key of ours: the AWS-managed aws/dynamodb key.
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
    });
  });

  it('survives a stack deletion or replacement: deletion protection and RETAIN', () => {
    const resource = table();
    expect(resource.Properties.DeletionProtectionEnabled).toBe(true);
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });

  it('lets CloudFormation name it, and every function reads the name from TABLE_NAME', () => {
    expect(table().Properties.TableName).toBeUndefined();
    const tableId = logicalId(built.stack, built.stack.storage.table);
    const functions = Object.values(built.template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(6);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: tableId });
    }
  });
});
