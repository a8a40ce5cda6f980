// The one DynamoDB table, defined once: the CDK stack and the local runtime both build it from
// here. Single-table design; the key of each entity is built in `keys.ts` and nowhere else.
// See docs/table.md for every entity's keys and access patterns.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE = {
  /** Default name; the deployed name comes from configuration (`TABLE_NAME`). */
  defaultName: 'porte-voix',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Generic, overloaded indexes: what they hold depends on the entity (docs/table.md). */
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Sparse: only items that carry gsi2pk (scheduled campaigns, démarche feed items).
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ] as const satisfies readonly IndexDefinition[],
  /** Epoch seconds; AWS expires the item, the embedded store does not, so reads filter on it too. */
  ttlAttribute: 'expiresAt',
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['indexName'];

/** The table as a `CreateTable` request, for the local runtime and tests (on-demand billing). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
