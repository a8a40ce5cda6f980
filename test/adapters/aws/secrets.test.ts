// The secrets reader against a Secrets Manager stand-in at the HTTP boundary: a read is kept for its
// max age then read again (rotation with no redeploy), a failed read is never kept, a document of
// another shape is named by secret and field, never echoed. Time: Date is faked (Powertools' cache
// and the reader's retry pause read it); the network is real.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { AdminSecret, TelegramSecret } from '#adapters/aws/secret-shapes';
import { RETRY_PAUSE_MS, SecretUnavailable, createSecretsReader } from '#adapters/aws/secrets';
import { type SecretsManagerStandIn, startSecretsManager } from '../../support/aws/secrets-manager';

let sm: SecretsManagerStandIn;
beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  sm = await startSecretsManager();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sm.close();
});
let now = 0;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  // From the real time: the SDK compares it with the server's Date header (a skew is corrected and retried).
  now = new Date().getTime();
  vi.setSystemTime(now);
});
afterEach(() => vi.useRealTimers());

const TOKEN = '123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQrr';
const KEY = 'k'.repeat(32);

function reader() {
  const failures: string[] = [];
  const secrets = createSecretsReader({
    maxAgeSeconds: 300,
    clientConfig: { region: 'eu-west-3', endpoint: sm.url },
    onFailure: ({ problem }) => failures.push(problem),
  });
  return { secrets, failures };
}
const reads = (arn: string) => sm.requests.filter((r) => r.operation === 'GetSecretValue' && r.secretId === arn).length;
const later = (ms: number) => vi.setSystemTime((now += ms));

it('keeps a read for its max age, then reads the rotated secret: no redeploy', async () => {
  const arn = sm.put('rotating-admin', { adminToken: 'a'.repeat(40) });
  const { secrets } = reader();
  expect(await secrets.read(arn, 'ADMIN_SECRET_ARN', AdminSecret)).toEqual({ adminToken: 'a'.repeat(40) });
  sm.put('rotating-admin', { adminToken: 'b'.repeat(40) });
  later(299_000);
  expect((await secrets.read(arn, 'ADMIN_SECRET_ARN', AdminSecret)).adminToken).toBe('a'.repeat(40));
  expect(reads(arn)).toBe(1);
  later(2_000);
  expect((await secrets.read(arn, 'ADMIN_SECRET_ARN', AdminSecret)).adminToken).toBe('b'.repeat(40));
  expect(reads(arn)).toBe(2);
});

it('shares one call among concurrent reads (a job’s sends ask at once)', async () => {
  const arn = sm.put('concurrent', { botToken: '', webhookSecret: '', subscriberKey: KEY });
  const { secrets } = reader();
  const all = await Promise.all(
    Array.from({ length: 25 }, () => secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret)),
  );
  expect(new Set(all.map((s) => s.botToken))).toEqual(new Set(['']));
  expect(reads(arn)).toBe(1);
});

it('never keeps a failed read: reported, counted once per pause, and read again at the next use', async () => {
  const arn = sm.put('flaky', { botToken: TOKEN, webhookSecret: 'w'.repeat(32), subscriberKey: KEY });
  const { secrets, failures } = reader();
  sm.failNext(1, { status: 400, type: 'AccessDeniedException' });
  const failed = secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret);
  await expect(failed).rejects.toBeInstanceOf(SecretUnavailable);
  await expect(failed).rejects.toThrow('secret TELEGRAM_SECRET_ARN: read failed (AccessDeniedException, HTTP 400)');
  const afterFailure = reads(arn);
  // Within the pause, the same answer without a call (a burst of sends makes one call, not hundreds).
  await expect(secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret)).rejects.toBeInstanceOf(SecretUnavailable);
  expect(reads(arn)).toBe(afterFailure);
  expect(failures).toEqual(['secret TELEGRAM_SECRET_ARN: read failed (AccessDeniedException, HTTP 400)']);
  later(RETRY_PAUSE_MS);
  expect((await secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret)).botToken).toBe(TOKEN);
  expect(reads(arn)).toBe(afterFailure + 1);
});

it('names a document of another shape by secret and field, never quoting it, and takes the fix without waiting the max age', async () => {
  const leaked = 'not-a-token-but-secret-all-the-same';
  const arn = sm.put('malformed', { botToken: leaked, webhookSecret: '', subscriberKey: KEY });
  const { secrets, failures } = reader();
  const error = await secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret).catch((e: unknown) => e as Error);
  expect(error).toBeInstanceOf(SecretUnavailable);
  expect((error as Error).message).toBe(
    'secret TELEGRAM_SECRET_ARN: unexpected shape at botToken (expected {botToken, webhookSecret, subscriberKey})',
  );
  expect(failures.join()).not.toContain(leaked);

  sm.put('malformed', '{"botToken": "' + leaked); // not even JSON: JSON.parse would quote it
  later(RETRY_PAUSE_MS);
  const notJson = await secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret).catch((e: unknown) => e as Error);
  expect((notJson as Error).message).toBe('secret TELEGRAM_SECRET_ARN: not a JSON document');
  expect(failures.join()).not.toContain(leaked);

  // The operator fixes it: taken at the next use after the pause, not after the 300 s max age.
  sm.put('malformed', { botToken: TOKEN, webhookSecret: 'w'.repeat(32), subscriberKey: KEY });
  later(RETRY_PAUSE_MS);
  expect((await secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret)).botToken).toBe(TOKEN);
});

it('keeps serving the last good document when a refresh fails, and says so', async () => {
  const arn = sm.put('outage', { adminToken: 'c'.repeat(40) });
  const { secrets, failures } = reader();
  await secrets.read(arn, 'ADMIN_SECRET_ARN', AdminSecret);
  later(301_000);
  // The SDK's own 3 attempts all fail.
  sm.failNext(3, { status: 500, type: 'InternalServiceError' });
  expect((await secrets.read(arn, 'ADMIN_SECRET_ARN', AdminSecret)).adminToken).toBe('c'.repeat(40));
  expect(failures).toEqual(['secret ADMIN_SECRET_ARN: read failed (InternalServiceError, HTTP 500)']);
  // A botched write is not taken either: the bot keeps working on the last good token.
  sm.put('outage', { adminToken: 'short' });
  later(RETRY_PAUSE_MS);
  expect((await secrets.read(arn, 'ADMIN_SECRET_ARN', AdminSecret)).adminToken).toBe('c'.repeat(40));
  expect(failures.at(-1)).toBe('secret ADMIN_SECRET_ARN: unexpected shape at adminToken (expected {adminToken})');
});

it('names a variable that is not set', async () => {
  const { secrets } = reader();
  await expect(secrets.read(undefined, 'X_SECRET_ARN', AdminSecret)).rejects.toThrow(
    'configuration: X_SECRET_ARN is not set',
  );
});
