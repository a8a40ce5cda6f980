// The after-deploy part of `npm run deploy` (scripts/deploy/after-deploy.ts) against the Secrets
// Manager stand-in and the Telegram simulator, with a stand-in of the webhook that checks Telegram's
// secret header as the real one does: run twice, the second run changes nothing; the secret rotates;
// a non-HTTPS URL, a bad token and a bad secret are refused by name, their values never shown.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_SECRET_PATTERN } from '#adapters/aws/secret-shapes';
import { en } from '#adapters/telegram/messages/en';
import { fr } from '#adapters/telegram/messages/fr';
import { HANDLED_TYPES } from '#handlers/http/telegram-webhook';
import { type TelegramSimulator, createTelegramSimulator } from '#local/telegram-simulator/index';
import { type AfterDeployInput, afterDeploy } from '../../scripts/deploy/after-deploy';
import type { StackOutputs } from '../../scripts/deploy/outputs';
import { checkBotToken } from '../../scripts/deploy/telegram-secret';
import { webhookDrift } from '../../scripts/deploy/webhook';
import { startSecretsManager, type SecretsManagerStandIn } from '../support/aws/secrets-manager';

const TOKEN = '7200000004:AAPorteVoixDeployScriptToken000000000';
const SUBSCRIBER_KEY = 'k'.repeat(64);

let sm: SecretsManagerStandIn;
let sim: TelegramSimulator;
let secrets: SecretsManagerClient;
let webhook: Server;
let apiUrl: string;
/** Secret headers the webhook stand-in received, in order. */
let received: (string | undefined)[];
/** Resolved when the webhook stand-in has answered its next request. */
let onDelivery: (() => void) | undefined;
const nextDelivery = () => new Promise<void>((resolve) => (onDelivery = resolve));
let outputs: StackOutputs;

beforeAll(async () => {
  sm = await startSecretsManager();
  secrets = new SecretsManagerClient({
    endpoint: sm.url,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  // One attempt per update: a refused delivery is recorded at once as Telegram's last_error_message.
  sim = createTelegramSimulator({ token: TOKEN, rateLimits: false, webhookDelivery: { attempts: 1 } });
  await sim.start();
  // The webhook function's secret check (telegram-webhook.ts answers 401 on a wrong header), nothing more.
  webhook = createServer((req, res) => {
    const given = req.headers['x-telegram-bot-api-secret-token'] as string | undefined;
    received.push(given);
    const stored = JSON.parse(sm.value(outputs.TelegramSecretArn)!) as { webhookSecret: string };
    res.writeHead(given === stored.webhookSecret ? 200 : 401).end(() => onDelivery?.());
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  // https: as the stack outputs it; the simulator reaches a loopback https:// address over plain http.
  apiUrl = `https://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sim.stop();
  await sm.close();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
});

let stackCount = 0;
beforeEach(() => {
  sim.reset();
  received = [];
  sm.requests.length = 0;
  // A fresh stack's secrets, as cdk/constructs/secrets.ts generates them.
  const stack = `Test${++stackCount}`;
  outputs = {
    ApiUrl: apiUrl,
    TelegramSecretArn: sm.put(`${stack}Telegram`, { botToken: '', webhookSecret: '', subscriberKey: SUBSCRIBER_KEY }),
    XSecretArn: sm.put(`${stack}X`, { appKey: '', appSecret: '', accessToken: '', accessSecret: '' }),
    AdminSecretArn: sm.put(`${stack}Admin`, { adminToken: 'a'.repeat(48) }),
    AlarmTopicArn: 'arn:aws:sns:eu-west-3:123456789012:alarms',
  };
});

const run = (input: Partial<AfterDeployInput> = {}) =>
  afterDeploy({ outputs, secrets, rotateWebhookSecret: false, telegramApiRoot: sim.url, ...input });
const stored = () => JSON.parse(sm.value(outputs.TelegramSecretArn)!) as Record<string, string>;
const puts = () => sm.requests.filter((r) => r.operation === 'PutSecretValue').length;
const calls = (method: string) => sim.stats().byMethod[method]?.ok ?? 0;
/** What the Bot API answers a method, failing the test on an error. */
async function result(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const answer = await sim.callApi(method, params);
  if (!answer.ok) throw new Error(`${method}: ${answer.description}`);
  return answer.result;
}
const webhookInfo = () => result('getWebhookInfo');

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error, 'expected the run to fail').toBeInstanceOf(Error);
  return error!.message;
}

describe('first deploy, then a re-run', () => {
  it('writes the token and a generated webhook secret at once, keeping subscriberKey, and registers the webhook and the menu', async () => {
    const report = await run({ botToken: TOKEN });

    expect(puts()).toBe(1);
    const secret = stored();
    expect(secret).toEqual({ botToken: TOKEN, webhookSecret: expect.any(String), subscriberKey: SUBSCRIBER_KEY });
    expect(secret.webhookSecret).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(await webhookInfo()).toMatchObject({
      url: `${apiUrl}/telegram/webhook`,
      max_connections: 40,
      allowed_updates: [...HANDLED_TYPES],
    });
    expect(await result('getMyCommands')).toEqual(fr.commands);
    expect(await result('getMyCommands', { language_code: 'en' })).toEqual(en.commands);
    expect(report.changes).toEqual([
      'bot token written',
      'webhook secret generated',
      `webhook registered at ${apiUrl}/telegram/webhook (no webhook yet)`,
      'command menu set (fr, en)',
    ]);
    expect(report.problems).toEqual([]);

    // Telegram now delivers with the secret the function reads: the webhook takes the update.
    const { delivery } = await sim.citizenSays(5001, '/start');
    expect(received).toEqual([secret.webhookSecret]);
    expect(delivery).toMatchObject({ mode: 'webhook', delivered: true });
  });

  it('changes nothing on a second run, with or without the token given again', async () => {
    await run({ botToken: TOKEN });
    const first = stored();
    const sets = { webhook: calls('setWebhook'), menu: calls('setMyCommands') };

    for (const again of [{ botToken: TOKEN }, {}]) {
      const report = await run(again);
      expect(report.changes).toEqual([]);
    }
    expect(puts()).toBe(1);
    expect(stored()).toEqual(first);
    expect({ webhook: calls('setWebhook'), menu: calls('setMyCommands') }).toEqual(sets);
  });

  it('generates the webhook secret without a token, registers nothing, and says Telegram is not configured', async () => {
    const report = await run();
    expect(stored()).toMatchObject({ botToken: '', subscriberKey: SUBSCRIBER_KEY });
    expect(stored().webhookSecret).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(report.changes).toEqual(['webhook secret generated']);
    expect(calls('getMe') + calls('setWebhook')).toBe(0);
    expect(report.nextSteps[0]).toMatch(
      /^Telegram is not configured: .*TELEGRAM_BOT_TOKEN=… npm run deploy -- --skip-cdk/,
    );

    // The token comes later: the same secret is kept and registered.
    const secret = stored().webhookSecret;
    const later = await run({ botToken: TOKEN });
    expect(later.changes).toEqual([
      'bot token written',
      `webhook registered at ${apiUrl}/telegram/webhook (no webhook yet)`,
      'command menu set (fr, en)',
    ]);
    expect(stored().webhookSecret).toBe(secret);
  });

  it('tells the operator what is left: the bot’s username, the alarms, the admin token (its command, never its value)', async () => {
    const report = await run({ botToken: TOKEN });
    expect(report.nextSteps).toEqual([
      `Posters' t.me links: add -c telegramBotUsername=${sim.botInfo.username} to your deploy command`,
      expect.stringContaining('aws sns subscribe --topic-arn arn:aws:sns:eu-west-3:123456789012:alarms'),
      `Bootstrap admin token: aws secretsmanager get-secret-value --secret-id ${outputs.AdminSecretArn} --query SecretString --output text`,
      `Console: ${apiUrl}/console (create named agents with the bootstrap token, then rotate it)`,
      expect.stringMatching(/^X \(optional\)/),
    ]);
    expect(JSON.stringify(report)).not.toContain('a'.repeat(48));
    const named = await run({ telegramBotUsername: sim.botInfo.username! });
    expect(named.nextSteps.join('\n')).not.toContain('telegramBotUsername');
  });

  it('with a custom domain not in the DNS yet: names the record to create, waits for it, and registers at the re-run', async () => {
    outputs = { ...outputs, DomainTarget: 'd-abc123.execute-api.eu-west-3.amazonaws.com' };
    let dnsRecordCreated = false;
    const resolves = async (host: string) => host === '127.0.0.1' && dnsRecordCreated;

    const first = await run({ botToken: TOKEN, resolves });
    expect(first.pending).toEqual(['webhook not registered: 127.0.0.1 does not resolve yet']);
    expect(first.changes).toEqual(['bot token written', 'webhook secret generated', 'command menu set (fr, en)']);
    expect(first.nextSteps[0]).toBe(
      'DNS: point 127.0.0.1 at d-abc123.execute-api.eu-west-3.amazonaws.com (CNAME, or a Route 53 alias), then npm run deploy -- --skip-cdk registers the webhook there',
    );
    expect(calls('setWebhook')).toBe(0);

    dnsRecordCreated = true;
    const again = await run({ resolves });
    expect(again).toMatchObject({
      pending: [],
      changes: [`webhook registered at ${apiUrl}/telegram/webhook (no webhook yet)`],
    });
  });
});

describe('rotation', () => {
  it('--rotate-webhook-secret writes a new secret and registers it: the next update carries it', async () => {
    await run({ botToken: TOKEN });
    const before = stored().webhookSecret;
    const report = await run({ rotateWebhookSecret: true });
    expect(stored().webhookSecret).not.toBe(before);
    expect(report.changes).toEqual([
      'webhook secret rotated',
      `webhook registered at ${apiUrl}/telegram/webhook (the webhook secret changed)`,
    ]);
    await sim.citizenSays(5002, 'bonjour');
    expect(received).toEqual([stored().webhookSecret]);
  });

  it('a webhook secret written by hand: the webhook refuses Telegram, the re-run registers the stored one, the next is quiet', async () => {
    await run({ botToken: TOKEN });
    sm.put(outputs.TelegramSecretArn.split(':secret:')[1]!.replace(/-[^-]+$/, ''), {
      ...stored(),
      webhookSecret: 'W'.repeat(40),
    });
    expect((await sim.citizenSays(5003, 'bonjour')).delivery).toMatchObject({ delivered: false, status: 401 });
    expect(await webhookInfo()).toMatchObject({
      pending_update_count: 1,
      last_error_message: expect.stringContaining('401'),
    });

    // setWebhook sends Telegram's stuck update again at once: wait for the webhook to answer it.
    const redelivered = nextDelivery();
    const report = await run();
    expect(report.changes).toEqual([
      `webhook registered at ${apiUrl}/telegram/webhook (the webhook refused Telegram’s deliveries)`,
    ]);
    await redelivered;
    expect((await sim.citizenSays(5003, 'bonjour')).delivery).toMatchObject({ delivered: true });
    expect(received.slice(-2)).toEqual(['W'.repeat(40), 'W'.repeat(40)]);

    // Nothing is stuck any more (whether Telegram still shows the old 401 or not): a re-run is quiet.
    expect(await webhookInfo()).toMatchObject({ pending_update_count: 0 });
    expect((await run()).changes).toEqual([]);
  });

  it('a new URL (a custom domain added) moves the webhook', async () => {
    await run({ botToken: TOKEN });
    outputs = { ...outputs, ApiUrl: apiUrl.replace('127.0.0.1', 'localhost') };
    const report = await run();
    expect(report.changes).toEqual([
      `webhook registered at ${outputs.ApiUrl}/telegram/webhook (the webhook URL changed)`,
    ]);
    expect(await webhookInfo()).toMatchObject({ url: `${outputs.ApiUrl}/telegram/webhook` });
  });
});

describe('bad input', () => {
  it('refuses a non-HTTPS URL before writing anything', async () => {
    outputs = { ...outputs, ApiUrl: apiUrl.replace('https:', 'http:') };
    expect(await failure(run({ botToken: TOKEN }))).toBe(
      `ApiUrl ${outputs.ApiUrl}: the webhook must be an https:// URL (Telegram refuses any other)`,
    );
    expect(sm.requests).toEqual([]);
    expect(calls('setWebhook')).toBe(0);
  });

  it('never writes a token Telegram refuses, and never shows it', async () => {
    const wrong = '7200000004:AAThisTokenWasRevokedByBotFather00000';
    const message = await failure(run({ botToken: wrong }));
    expect(message).toBe('Telegram getMe: 401 Unauthorized (the bot token was refused: check it with @BotFather)');
    expect(puts()).toBe(0);
  });

  it('never shows the token when the Bot API cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const root = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const message = await failure(run({ botToken: TOKEN, telegramApiRoot: root }));
    expect(message).toMatch(/^Telegram getMe: /);
    expect(message).not.toContain(TOKEN.split(':')[1]);
    expect(puts()).toBe(0);
  });

  it.each([
    ['not JSON', `{"botToken": "${TOKEN}", `, 'secret Telegram (TelegramSecretArn): not a JSON document'],
    [
      'without subscriberKey',
      JSON.stringify({ botToken: TOKEN, webhookSecret: '' }),
      'secret Telegram (TelegramSecretArn): unexpected shape at subscriberKey (expected {botToken, webhookSecret, subscriberKey})',
    ],
    [
      'with a malformed token',
      JSON.stringify({ botToken: 'hunter2-not-a-token', webhookSecret: '', subscriberKey: SUBSCRIBER_KEY }),
      'secret Telegram (TelegramSecretArn): unexpected shape at botToken (expected {botToken, webhookSecret, subscriberKey})',
    ],
  ])('reports a Telegram secret %s by name, never its value, and writes nothing', async (_, text, expected) => {
    sm.put(outputs.TelegramSecretArn.split(':secret:')[1]!.replace(/-[^-]+$/, ''), text);
    const message = await failure(run({ botToken: TOKEN }));
    expect(message).toBe(`${expected}; nothing was written`);
    expect(message).not.toContain('hunter2');
    expect(puts()).toBe(0);
    expect(sm.value(outputs.TelegramSecretArn)).toBe(text);
  });

  it('reports the admin and X secrets of unexpected shape by name, never their values', async () => {
    const name = (arn: string) => arn.split(':secret:')[1]!.replace(/-[^-]+$/, '');
    sm.put(name(outputs.AdminSecretArn), { adminToken: 'short-s3cret' });
    sm.put(name(outputs.XSecretArn), 'appKey=k3y-in-a-text');
    const report = await run({ botToken: TOKEN });
    expect(report.problems).toEqual([
      'secret Admin (AdminSecretArn): unexpected shape at adminToken (expected {adminToken})',
      'secret X (XSecretArn): not a JSON document',
    ]);
    expect(JSON.stringify(report)).not.toMatch(/s3cret|k3y/);
  });
});

describe('webhookDrift', () => {
  const wanted = { url: 'https://participation.example.org/telegram/webhook', secretToken: 'S'.repeat(64) };
  const registered = { url: wanted.url, max_connections: 40, allowed_updates: [...HANDLED_TYPES].reverse() };

  it('sees nothing to do when Telegram has the webhook as wanted, in any order of update types', () => {
    expect(webhookDrift(registered, wanted, false)).toBeUndefined();
  });

  it('counts an old 401 only while updates are stuck behind it (Telegram keeps the last error after a fix)', () => {
    const refused = { ...registered, last_error_message: 'Wrong response from the webhook: 401 Unauthorized' };
    expect(webhookDrift({ ...refused, pending_update_count: 0 }, wanted, false)).toBeUndefined();
    expect(webhookDrift({ ...refused, pending_update_count: 3 }, wanted, false)).toBe(
      'the webhook refused Telegram’s deliveries',
    );
    const unconfigured = {
      ...registered,
      last_error_message: 'Wrong response from the webhook: 503 Service Unavailable',
    };
    expect(webhookDrift({ ...unconfigured, pending_update_count: 3 }, wanted, false)).toBeUndefined();
  });

  it.each([
    [{ ...registered, url: '' }, false, 'no webhook yet'],
    [{ ...registered, url: 'https://old.example.org/telegram/webhook' }, false, 'the webhook URL changed'],
    [registered, true, 'the webhook secret changed'],
    [{ ...registered, allowed_updates: ['message'] }, false, 'the update types changed'],
    [{ ...registered, max_connections: 100 }, false, 'max_connections changed'],
  ])('sets it again when %j (secret changed: %s)', (info, secretChanged, why) => {
    expect(webhookDrift(info, wanted, secretChanged)).toBe(why);
  });
});

describe('checkBotToken', () => {
  it('takes a token with the newline a file ends with, and refuses anything else by its source alone', () => {
    expect(checkBotToken(`${TOKEN}\n`, '--bot-token-file token.txt')).toBe(TOKEN);
    expect(() => checkBotToken(`bot${TOKEN}`, 'TELEGRAM_BOT_TOKEN')).toThrow(
      'TELEGRAM_BOT_TOKEN: not a bot token as @BotFather gives it (<bot id>:<35 characters>)',
    );
  });
});
