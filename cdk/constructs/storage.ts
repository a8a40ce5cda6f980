// The DynamoDB table, built from the one definition in functions/adapters/dynamodb/table.ts
// (the local runtime creates its embedded table from the same module).
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '#adapters/dynamodb/table';
import type { PorteVoixFunction } from './lambda-function';

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
      timeToLiveAttribute: TABLE.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
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

  /** Read items and query the indexes: nothing that writes. */
  grantRead(fn: PorteVoixFunction): void {
    this.table.grantReadData(fn.role);
    this.acknowledgeIndexWildcard(fn);
  }

  grantReadWrite(fn: PorteVoixFunction): void {
    this.table.grantReadWriteData(fn.role);
    this.acknowledgeIndexWildcard(fn);
  }

  /** Table grants include "<table>/index/*", which cdk-nag flags; it names this table's GSIs only. */
  private acknowledgeIndexWildcard(fn: PorteVoixFunction): void {
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as dynamodb.CfnTable);
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: `The function queries this table's global secondary indexes (${TABLE.indexes.map((i) => i.indexName).join(', ')}, from table.ts); "index/*" matches only the indexes of this one table.`,
    });
  }
}
