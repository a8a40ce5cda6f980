// What agents are told about Telegram, judged from the secret as it is now (through the secrets
// reader and the Secrets Manager stand-in): « non configuré » with what is missing, « indisponible »
// with the cause when the secret cannot be read, never a value.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { telegramChannelStatus } from '#adapters/aws/channel-status';
import { TelegramSecret } from '#adapters/aws/secret-shapes';
import { createSecretsReader } from '#adapters/aws/secrets';
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

const KEY = 'k'.repeat(32);
const statusOf = (name: string, value: string | object) => {
  const arn = sm.put(name, value);
  // Max age 1 s is irrelevant here: each case has its own secret and its own reader.
  const secrets = createSecretsReader({ maxAgeSeconds: 1, clientConfig: { region: 'eu-west-3', endpoint: sm.url } });
  return telegramChannelStatus(() => secrets.read(arn, 'TELEGRAM_SECRET_ARN', TelegramSecret))();
};

it('says what is missing right after the deploy', async () => {
  expect(await statusOf('fresh', { botToken: '', webhookSecret: '', subscriberKey: KEY })).toEqual({
    telegram: { state: 'unconfigured', reason: expect.stringContaining('jeton du bot') },
  });
  const tokenOnly = { botToken: '123456:' + 'a'.repeat(35), webhookSecret: '', subscriberKey: KEY };
  expect(await statusOf('token-only', tokenOnly)).toEqual({
    telegram: { state: 'unconfigured', reason: expect.stringContaining('secret du webhook') },
  });
});

it('says configured once both are written', async () => {
  const written = { botToken: '123456:' + 'a'.repeat(35), webhookSecret: 'w'.repeat(32), subscriberKey: KEY };
  expect(await statusOf('written', written)).toEqual({ telegram: { state: 'configured' } });
});

it('says unavailable, with the field at fault and never its value, for a secret of another shape', async () => {
  const status = await statusOf('garbled', { botToken: 'oops-not-a-token', webhookSecret: '', subscriberKey: KEY });
  expect(status).toEqual({
    telegram: {
      state: 'unavailable',
      reason:
        'secret TELEGRAM_SECRET_ARN: unexpected shape at botToken (expected {botToken, webhookSecret, subscriberKey})',
    },
  });
});
