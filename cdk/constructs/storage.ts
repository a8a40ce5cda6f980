// The DynamoDB table, built from the one definition in functions/adapters/dynamodb/table.ts
// (the local runtime creates its embedded table from the same module), and the grants on it: each
// function gets the DynamoDB actions its code calls, named one by one (test/cdk/iam.test.ts holds them).
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE } from '#adapters/dynamodb/table';
import type { PorteVoixFunction } from './lambda-function';

/**
 * Every DynamoDB action Porte-voix calls (functions/adapters/dynamodb): single-item reads and writes,
 * batched reads, queries, and the table's status for /health. Never Scan (reads.ts), BatchWriteItem,
 * transactions (the embedded store has none) or streams: CDK's grantReadWriteData would give them all.
 */
export const TABLE_ACTIONS = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'DescribeTable',
] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

export class Storage extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      // No fixed name: CloudFormation names it, the functions read TABLE_NAME. A fixed name would
      // forbid a second stage in the same account and any replacement of the table.
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // Processed update ids, console sessions, link codes, sent digests and delivery lines carry
      // `expiresAt` (docs/table.md): AWS deletes them; the embedded store does not, so reads filter.
      timeToLiveAttribute: TABLE.ttlAttribute,
      // Restores to any second of the last 35 days (the most AWS keeps): a bad deploy or a wrong
      // manual edit is undone without losing the subscribers' consent or the responses since a backup.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Subscribers, responses and the audit trail live here: neither a stack deletion nor a
      // replacement may drop them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /**
   * Lets `fn` call exactly `actions` on the table. Query alone reaches the indexes, each named (gsi1,
   * gsi2 from table.ts: no "index/*" wildcard); every other action applies to the table's items only.
   */
  grant(fn: PorteVoixFunction, actions: readonly TableAction[]): void {
    const unknown = actions.filter((a) => !TABLE_ACTIONS.includes(a));
    if (unknown.length > 0 || actions.length === 0 || new Set(actions).size !== actions.length)
      throw new Error(`storage.grant(${fn.node.id}): give each of ${TABLE_ACTIONS.join(', ')} at most once`);
    // In TABLE_ACTIONS order, so a function's policy reads the same whatever order its list was written in.
    const ordered = TABLE_ACTIONS.filter((a) => actions.includes(a));
    const onItems = ordered.filter((a) => a !== 'Query');
    if (onItems.length > 0)
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: onItems.map((a) => `dynamodb:${a}`),
          resources: [this.table.tableArn],
        }),
      );
    if (ordered.includes('Query'))
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [this.table.tableArn, ...TABLE.indexes.map((i) => `${this.table.tableArn}/index/${i.indexName}`)],
        }),
      );
  }
}
