// The CDK context (cdk/context.ts): every value the app reads is checked before a stack is built, and
// a bad one is refused with its name, so a deploy never starts on a typo.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContextError, parseContext } from '../../cdk/context';

const CERT = 'arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

function problem(raw: Record<string, unknown>): string {
  try {
    parseContext(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ContextError);
    return (error as Error).message;
  }
  throw new Error('expected a ContextError');
}

describe('parseContext', () => {
  it('defaults to the PorteVoix stack in Paris and passes CDK’s own keys through', () => {
    expect(
      parseContext({ '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': false, 'aws:cdk:bundling-stacks': [] }),
    ).toEqual({ stackName: 'PorteVoix', region: 'eu-west-3', reserveConcurrency: true });
  });

  it('reads every value, strings from -c and numbers from cdk.json alike', () => {
    expect(
      parseContext({
        stackName: 'PorteVoix-staging',
        region: 'eu-west-1',
        publicUrl: 'https://bot.example.org',
        logLevel: 'DEBUG',
        xMonthlyBudgetUsd: '20',
        telegramBotUsername: 'porte_voix_bot',
      }),
    ).toEqual({
      stackName: 'PorteVoix-staging',
      region: 'eu-west-1',
      publicUrl: 'https://bot.example.org',
      logLevel: 'DEBUG',
      xMonthlyBudgetUsd: 20,
      telegramBotUsername: 'porte_voix_bot',
      reserveConcurrency: true,
    });
    expect(parseContext({ xMonthlyBudgetUsd: 0 }).xMonthlyBudgetUsd).toBe(0);
  });

  it('reserves concurrency unless told false, from -c (a string) or cdk.json (a boolean); anything else is named', () => {
    expect(parseContext({}).reserveConcurrency).toBe(true);
    expect(parseContext({ reserveConcurrency: 'false' }).reserveConcurrency).toBe(false);
    expect(parseContext({ reserveConcurrency: false }).reserveConcurrency).toBe(false);
    expect(() => parseContext({ reserveConcurrency: 'no' })).toThrow('-c reserveConcurrency: true or false');
  });

  it('takes a custom domain with its certificate, and makes https://<domain> the public URL', () => {
    expect(parseContext({ domainName: 'participation.example.org', certificateArn: CERT })).toEqual({
      stackName: 'PorteVoix',
      region: 'eu-west-3',
      domain: { domainName: 'participation.example.org', certificateArn: CERT },
      publicUrl: 'https://participation.example.org',
      reserveConcurrency: true,
    });
  });

  it.each([
    [{ domainName: 'participation.example.org' }, '-c certificateArn: missing (-c domainName is given'],
    [{ certificateArn: CERT }, '-c domainName: missing (-c certificateArn is given'],
    [
      { domainName: 'https://participation.example.org', certificateArn: CERT },
      '-c domainName: a lower-case host name',
    ],
    [{ domainName: 'Participation.Example.org', certificateArn: CERT }, '-c domainName: a lower-case host name'],
    [{ domainName: 'participation.example.org', certificateArn: 'arn:aws:iam::123:cert' }, '-c certificateArn: an ACM'],
    [
      { domainName: 'participation.example.org', certificateArn: CERT.replace('eu-west-3', 'us-east-1') },
      '-c certificateArn: the certificate is in us-east-1, the stack in eu-west-3',
    ],
    [
      { domainName: 'participation.example.org', certificateArn: CERT, publicUrl: 'https://other.example.org' },
      '-c publicUrl: with -c domainName the public URL is https://participation.example.org',
    ],
    [{ publicUrl: 'http://bot.example.org' }, '-c publicUrl: an https:// URL'],
    [{ publicUrl: 'https://bot.example.org/' }, '-c publicUrl: no trailing slash'],
    [{ publicUrl: '' }, '-c publicUrl: an https:// URL'],
    [{ region: 'Paris' }, '-c region: an AWS region'],
    [{ stackName: 'porte_voix' }, '-c stackName: a letter, then letters, digits or -'],
    [{ logLevel: 'info' }, '-c logLevel: one of DEBUG, INFO, WARN, ERROR, SILENT'],
    [{ xMonthlyBudgetUsd: 'twenty' }, '-c xMonthlyBudgetUsd: a number of dollars ≥ 0'],
    [{ xMonthlyBudgetUsd: '-5' }, '-c xMonthlyBudgetUsd: a number of dollars ≥ 0'],
    [{ telegramBotUsername: '@porte_voix_bot' }, "-c telegramBotUsername: the bot's username without @"],
    [{ domainname: 'participation.example.org' }, '-c domainname: unknown key; did you mean -c domainName?'],
  ])('refuses %j, naming the value', (raw, expected) => {
    expect(problem(raw)).toContain(expected);
  });

  it('names every bad value at once', () => {
    const message = problem({ region: 'Paris', logLevel: 'loud', certificateArn: CERT });
    expect(message).toContain('-c region:');
    expect(message).toContain('-c logLevel:');
  });

  it('names the domain’s own problems beside another bad value', () => {
    const message = problem({
      logLevel: 'verbose',
      domainName: 'participation.example.org',
      certificateArn: CERT.replace('eu-west-3', 'us-east-1'),
    });
    expect(message).toContain('-c logLevel:');
    expect(message).toContain('-c certificateArn: the certificate is in us-east-1, the stack in eu-west-3');
  });
});

describe('cdk/app.ts', () => {
  it('stops before building anything, with the message alone (no stack trace), on a bad value', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'porte-voix-context-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'cdk/app.ts'], {
        // What the CDK CLI passes the app: its context as JSON, and where to write the cloud assembly.
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify({ domainName: 'bot.example.org' }),
          CDK_OUTDIR: outdir,
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        'Invalid CDK context:\n  -c certificateArn: missing (-c domainName is given; both or neither)',
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
