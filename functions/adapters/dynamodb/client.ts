// Connecting to the table: the document client both runtimes use, and `ensureTable`, which the
// local runtime and the tests call to create the table in the embedded store (on AWS the CDK
// stack creates it, with TTL on; dynalite has no UpdateTimeToLive, so ensureTable never sets it).
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, type TableStatus } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from './table';

export interface DocumentClientOptions {
  /** Endpoint of a local store (dynalite); unset on AWS. */
  endpoint?: string;
  region: string;
}

// A local store checks no signature, but the SDK insists on signing with something; fixed
// credentials keep it from searching the machine (env, ~/.aws, instance metadata) for real ones.
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createDocumentClient({ endpoint, region }: DocumentClientOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient(endpoint ? { region, endpoint, credentials: LOCAL_CREDENTIALS } : { region });
  // Optional fields of entities are `undefined` when absent; DynamoDB has no such value.
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The table's status, or undefined when it does not exist. */
export async function tableStatus(client: DynamoDBDocumentClient, tableName: string): Promise<TableStatus | undefined> {
  try {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return out.Table?.TableStatus;
  } catch (e) {
    if (e instanceof Error && e.name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** Creates the table if it is missing and waits until it is ACTIVE. Safe to call from racing processes. */
export async function ensureTable(
  client: DynamoDBDocumentClient,
  tableName: string,
  timeoutMs = 60_000,
): Promise<void> {
  let status = await tableStatus(client, tableName);
  if (status === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (e) {
      // Someone else created it between our look and our create: wait for theirs.
      if (!(e instanceof Error && e.name === 'ResourceInUseException')) throw e;
    }
    status = await tableStatus(client, tableName);
  }
  const deadline = Date.now() + timeoutMs;
  // dynalite activates at once; AWS takes seconds. Poll quickly at first, then back off.
  for (let delay = 25; status !== 'ACTIVE'; delay = Math.min(delay * 2, 2000)) {
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} is still ${status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    status = await tableStatus(client, tableName);
  }
}
