// `npm run deploy`'s command line (scripts/deploy/main.ts, args.ts): its own flags apart from cdk's,
// the context checked as `cdk synth` checks it, bad input refused by name before anything runs, and
// the script run for real (`--skip-cdk`) twice against the stand-ins, the token never printed.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTelegramSimulator, type TelegramSimulator } from '#local/telegram-simulator/index';
import { ContextError } from '../../cdk/context';
import { cdkDeployCommand, parseDeployArgs, projectContext, UsageError } from '../../scripts/deploy/args';
import { main } from '../../scripts/deploy/main';
import { startSecretsManager, type SecretsManagerStandIn } from '../support/aws/secrets-manager';

const TOKEN = '7300000005:AAPorteVoixDeployCliToken00000000000';
const CERT = 'arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('parseDeployArgs', () => {
  it('keeps its own flags and passes the rest, context included, on to cdk deploy', () => {
    const args = parseDeployArgs([
      '-c',
      'domainName=participation.example.org',
      '--context',
      `certificateArn=${CERT}`,
      '--require-approval',
      'never',
      '--profile=ville',
      '--bot-token-file',
      'token.txt',
    ]);
    expect(args).toMatchObject({
      skipCdk: false,
      rotateWebhookSecret: false,
      botTokenFile: 'token.txt',
      profile: 'ville',
      context: {
        stackName: 'PorteVoix',
        region: 'eu-west-3',
        publicUrl: 'https://participation.example.org',
        domain: { domainName: 'participation.example.org', certificateArn: CERT },
      },
    });
    expect(cdkDeployCommand(args, '/tmp/out.json')).toEqual([
      'cdk',
      'deploy',
      'PorteVoix',
      '--outputs-file',
      '/tmp/out.json',
      '-c',
      'domainName=participation.example.org',
      '-c',
      `certificateArn=${CERT}`,
      '--require-approval',
      'never',
      '--profile',
      'ville',
    ]);
  });

  it('deploys the stack -c stackName names', () => {
    const args = parseDeployArgs(['-c', 'stackName=PorteVoix-recette', '--skip-cdk', '--rotate-webhook-secret']);
    expect(args).toMatchObject({
      skipCdk: true,
      rotateWebhookSecret: true,
      context: { stackName: 'PorteVoix-recette' },
    });
    expect(cdkDeployCommand(args, 'o.json').slice(0, 3)).toEqual(['cdk', 'deploy', 'PorteVoix-recette']);
  });

  it('refuses a bad context value as cdk synth would, naming it', () => {
    expect(() => parseDeployArgs(['-c', 'domainName=participation.example.org'])).toThrow(
      new ContextError('Invalid CDK context:\n  -c certificateArn: missing (-c domainName is given; both or neither)'),
    );
  });

  it.each([
    [['--outputs-file'], '--outputs-file: a value is expected'],
    [['--bot-token-file', '--skip-cdk'], '--bot-token-file: a value is expected'],
    [['-c', 'domainName'], '-c domainName: key=value is expected'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDeployArgs(argv)).toThrow(new UsageError(message));
  });
});

describe('main, before anything runs', () => {
  let errors: string[];
  beforeAll(() => {
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => {
    errors.length = 0;
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('refuses a malformed TELEGRAM_BOT_TOKEN by name, without showing it', async () => {
    expect(await main(['--skip-cdk', '--outputs-file', '/nonexistent'], { TELEGRAM_BOT_TOKEN: 'hunter2:oops' })).toBe(
      1,
    );
    expect(errors).toEqual(['TELEGRAM_BOT_TOKEN: not a bot token as @BotFather gives it (<bot id>:<35 characters>)']);
  });

  it('refuses a bot token file that cannot be read, or holds no token', async () => {
    expect(await main(['--skip-cdk', '--bot-token-file', '/nonexistent/token'], {})).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'porte-voix-token-'));
    writeFileSync(join(dir, 'token'), 'hunter2\n');
    expect(await main(['--skip-cdk', '--bot-token-file', join(dir, 'token')], {})).toBe(1);
    rmSync(dir, { recursive: true });
    expect(errors).toEqual([
      '--bot-token-file /nonexistent/token: ENOENT',
      `--bot-token-file ${join(dir, 'token')}: not a bot token as @BotFather gives it (<bot id>:<35 characters>)`,
    ]);
  });

  it('says which stack has no outputs in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porte-voix-outputs-'));
    writeFileSync(join(dir, 'o.json'), JSON.stringify({ PorteVoix: {} }));
    expect(await main(['--skip-cdk', '--outputs-file', join(dir, 'o.json'), '-c', 'stackName=Autre'], {})).toBe(1);
    expect(await main(['--skip-cdk', '--outputs-file', join(dir, 'o.json')], {})).toBe(1);
    rmSync(dir, { recursive: true });
    expect(errors).toEqual([
      `${join(dir, 'o.json')}: no outputs for stack Autre (-c stackName=… names another stack?)`,
      `stack PorteVoix (${join(dir, 'o.json')}): output ApiUrl, TelegramSecretArn, XSecretArn, AdminSecretArn missing or malformed; is the stack deployed?`,
    ]);
  });
});

describe('npm run deploy -- --skip-cdk, run for real', () => {
  let sm: SecretsManagerStandIn;
  let sim: TelegramSimulator;
  let dir: string;
  beforeAll(async () => {
    sm = await startSecretsManager();
    sim = createTelegramSimulator({ token: TOKEN, rateLimits: false });
    await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'porte-voix-deploy-cli-'));
    const outputs = {
      ApiUrl: 'https://abc123.execute-api.eu-west-3.amazonaws.com',
      TelegramSecretArn: sm.put('Telegram', { botToken: '', webhookSecret: '', subscriberKey: 'k'.repeat(64) }),
      XSecretArn: sm.put('X', { appKey: '', appSecret: '', accessToken: '', accessSecret: '' }),
      AdminSecretArn: sm.put('Admin', { adminToken: 'a'.repeat(48) }),
    };
    writeFileSync(join(dir, 'outputs.json'), JSON.stringify({ PorteVoix: outputs }));
  });
  afterAll(async () => {
    await sim.stop();
    await sm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Asynchronous: the stand-ins answer from this process while the script runs.
  const deploy = (extraEnv: Record<string, string> = {}) =>
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/deploy/main.ts', '--skip-cdk', '--outputs-file', join(dir, 'outputs.json')],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          // The SDK's standard endpoint variable and dummy credentials: no AWS account is reached.
          AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          TELEGRAM_API_ROOT: sim.url,
          ...extraEnv,
        },
      },
    );

  it('configures Telegram the first time, changes nothing the second, and never prints the token', async () => {
    const first = await deploy({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(first.stdout).toContain(
      'Changed:\n  - bot token written\n  - webhook secret generated\n  - webhook registered at https://abc123.execute-api.eu-west-3.amazonaws.com/telegram/webhook (no webhook yet)\n  - command menu set (fr, en)\n',
    );
    const second = await deploy({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(second.stdout).toMatch(/^Nothing to change: /);
    expect(second.stdout).toContain('Next steps:\n  1. ');
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr])
      expect(output).not.toContain(TOKEN.split(':')[1]);
    expect(sm.requests.filter((r) => r.operation === 'PutSecretValue')).toHaveLength(1);
  });
});

describe('projectContext', () => {
  it('reads cdk.json’s context and cdk.context.json, as CDK does, so a re-run without -c keeps the domain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'porte-voix-context-files-'));
    writeFileSync(
      join(dir, 'cdk.json'),
      JSON.stringify({ app: 'x', context: { 'cli-telemetry': false, region: 'eu-west-1' } }),
    );
    writeFileSync(
      join(dir, 'cdk.context.json'),
      JSON.stringify({
        domainName: 'participation.example.org',
        certificateArn: CERT.replace('eu-west-3', 'eu-west-1'),
      }),
    );
    const args = parseDeployArgs(['-c', 'stackName=PorteVoix-recette'], projectContext(dir));
    expect(args.context).toMatchObject({
      stackName: 'PorteVoix-recette',
      region: 'eu-west-1',
      domain: { domainName: 'participation.example.org' },
    });
    // cdk reads the files itself: only the command line's values are passed on.
    expect(args.cdkArgs).toEqual(['-c', 'stackName=PorteVoix-recette']);
    writeFileSync(join(dir, 'cdk.context.json'), '{ "domainName": ');
    expect(() => projectContext(dir)).toThrow(new UsageError('cdk.context.json: not a JSON document'));
    rmSync(dir, { recursive: true });
  });
});
