// One function's view of AWS in the bundle tests: the endpoint its SDK clients are given
// (AWS_ENDPOINT_URL), which passes each request on to the stand-in of its service — told by the
// service name in the request's SigV4 credential scope, as AWS itself routes — and records the call
// as the IAM action it needs (dynamodb:Query on table/index…), so a test can hold what the real bundle
// called against what its role grants.
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsCall {
  /** The IAM action: `dynamodb:GetItem`, `sqs:SendMessage` (SendMessageBatch is authorised as SendMessage)… */
  action: string;
  /** What it was called on: a table (and its index), a queue URL, a secret id, a schedule group/name. */
  resource: string | undefined;
}

export interface AwsEndpoint {
  readonly url: string;
  readonly calls: AwsCall[];
  close(): Promise<void>;
}

/** Batch APIs authorised by their single action (SQS documents it per API). */
const AUTHORISED_AS: Record<string, string> = {
  'sqs:SendMessageBatch': 'sqs:SendMessage',
  'sqs:DeleteMessageBatch': 'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibilityBatch': 'sqs:ChangeMessageVisibility',
};

const SCHEDULER_OPERATIONS: Record<string, string> = {
  POST: 'CreateSchedule',
  PUT: 'UpdateSchedule',
  DELETE: 'DeleteSchedule',
  GET: 'GetSchedule',
};

const serviceOf = (req: IncomingMessage) =>
  /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''))?.[1];

function describeCall(service: string, req: IncomingMessage, raw: string): AwsCall[] {
  const body = (raw.startsWith('{') ? JSON.parse(raw) : {}) as Record<string, any>;
  if (service === 'scheduler') {
    const path = new URL(req.url ?? '/', 'http://x');
    const group = body.GroupName ?? path.searchParams.get('groupName') ?? 'default';
    const operation = SCHEDULER_OPERATIONS[req.method ?? ''] ?? String(req.method);
    return [
      {
        action: `scheduler:${operation}`,
        resource: `${group}/${decodeURIComponent(path.pathname.split('/').at(-1)!)}`,
      },
    ];
  }
  const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '?';
  const action = `${service}:${operation}`;
  const authorised = AUTHORISED_AS[action] ?? action;
  if (service === 'dynamodb') {
    // A BatchGetItem names its tables in RequestItems; every other call names one.
    const tables: string[] = body.TableName ? [body.TableName] : Object.keys(body.RequestItems ?? {});
    return tables.map((table) => ({
      action: authorised,
      resource: body.IndexName ? `${table}/index/${body.IndexName}` : table,
    }));
  }
  return [{ action: authorised, resource: body.QueueUrl ?? body.SecretId }];
}

export async function startAwsEndpoint(services: Record<string, string>): Promise<AwsEndpoint> {
  const calls: AwsCall[] = [];
  const forward = (req: IncomingMessage, raw: Buffer, target: URL, res: ServerResponse) => {
    const headers = { ...req.headers, host: target.host };
    const out = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', (error) => res.writeHead(502).end(String(error)));
    out.end(raw);
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const service = serviceOf(req);
    const target = service && services[service];
    if (!service || !target) {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ message: `bundle tests: no stand-in for AWS service ${service ?? '(unsigned)'}` }),
      );
    }
    calls.push(...describeCall(service, req, raw.toString('utf8')));
    forward(req, raw, new URL(target), res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
