// A stand-in of AWS Secrets Manager at the HTTP boundary (no AWS account here): a node:http server
// speaking the service's JSON 1.1 protocol (`X-Amz-Target: secretsmanager.<Operation>`) for the
// operations Porte-voix calls — GetSecretValue, PutSecretValue, DescribeSecret — keeping secrets by
// ARN (and by name), with failures that can be forced and every request recorded. The SDK's own
// clients talk to it through `endpoint` or the standard `AWS_ENDPOINT_URL_SECRETS_MANAGER` variable.
import { randomUUID } from 'node:crypto';
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerStandIn {
  /** http://127.0.0.1:<port>: the client's `endpoint`, or AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  readonly url: string;
  /** Creates (or replaces) a secret; returns its ARN, as the stack's outputs name it. */
  put(name: string, value: string | object): string;
  /** The current SecretString of a secret, by ARN or name (undefined if unknown). */
  value(id: string): string | undefined;
  /** The next `count` requests answer this error instead of the service's own (default: a 500). */
  failNext(count?: number, error?: { status: number; type: string }): void;
  /** Every request: its operation and the SecretId it named. */
  readonly requests: { operation: string; secretId: string | undefined }[];
  close(): Promise<void>;
}

const REGION_ACCOUNT = 'eu-west-3:123456789012';

export async function startSecretsManager(): Promise<SecretsManagerStandIn> {
  const secrets = new Map<string, { arn: string; name: string; value: string; versionId: string }>();
  const requests: SecretsManagerStandIn['requests'] = [];
  const forced: { status: number; type: string }[] = [];
  const find = (id: string | undefined) => [...secrets.values()].find((s) => s.arn === id || s.name === id);

  const answer = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      ...(type ? { 'x-amzn-errortype': type } : {}),
    });
    res.end(JSON.stringify(type ? { __type: type, message: `stand-in: ${type}` } : body));
  };

  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
    const body = (raw ? JSON.parse(raw) : {}) as { SecretId?: string; SecretString?: string };
    requests.push({ operation, secretId: body.SecretId });
    const failure = forced.shift();
    if (failure) return answer(res, failure.status, {}, failure.type);
    const secret = find(body.SecretId);
    if (!secret) return answer(res, 400, {}, 'ResourceNotFoundException');
    switch (operation) {
      case 'GetSecretValue':
        return answer(res, 200, {
          ARN: secret.arn,
          Name: secret.name,
          SecretString: secret.value,
          VersionId: secret.versionId,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: Date.parse('2026-12-01T00:00:00Z') / 1000,
        });
      case 'PutSecretValue':
        if (typeof body.SecretString !== 'string') return answer(res, 400, {}, 'InvalidParameterException');
        secret.value = body.SecretString;
        secret.versionId = randomUUID();
        return answer(res, 200, {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: secret.versionId,
          VersionStages: ['AWSCURRENT'],
        });
      case 'DescribeSecret':
        return answer(res, 200, { ARN: secret.arn, Name: secret.name });
      default:
        return answer(res, 400, {}, 'InvalidRequestException');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    put(name, value) {
      const arn =
        find(name)?.arn ?? `arn:aws:secretsmanager:${REGION_ACCOUNT}:secret:${name}-${randomUUID().slice(0, 6)}`;
      secrets.set(arn, {
        arn,
        name,
        value: typeof value === 'string' ? value : JSON.stringify(value),
        versionId: randomUUID(),
      });
      return arn;
    },
    value: (id) => find(id)?.value,
    failNext(count = 1, error = { status: 500, type: 'InternalServiceError' }) {
      for (let i = 0; i < count; i++) forced.push(error);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
