// The deploy script's command line: its own flags, and everything else passed on to `cdk deploy`.
// The `-c key=value` among them are validated here with the app's own rules (cdk/context.ts), so a
// typo stops the script before CloudFormation starts, and the stack's name and region are known.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContext, type StackContext } from '../../cdk/context';

export interface DeployArgs {
  /** Only the after-deploy part: the stack exists and is up to date. */
  readonly skipCdk: boolean;
  /** Outputs from this file (`cdk deploy --outputs-file`) instead of asking CloudFormation. */
  readonly outputsFile?: string;
  /** Where the bot token is, when not in TELEGRAM_BOT_TOKEN (a file keeps it out of the shell history). */
  readonly botTokenFile?: string;
  /** Generate a new webhook secret, write it and register it with Telegram. */
  readonly rotateWebhookSecret: boolean;
  /** AWS CLI / SDK profile, also passed on to cdk. */
  readonly profile?: string;
  readonly help: boolean;
  /** Passed on to `cdk deploy` as given (context values, --require-approval, …). */
  readonly cdkArgs: readonly string[];
  readonly context: StackContext;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: npm run deploy -- [options] [cdk deploy options, e.g. -c domainName=… -c certificateArn=…]

Deploys the stack, writes the Telegram secret's generated values, registers the webhook and the
command menu. Idempotent: re-run it after a token, secret or domain change.

  --skip-cdk                 only the after-deploy part (the stack is deployed)
  --outputs-file <path>      the stack's outputs from this file (cdk deploy --outputs-file)
  --bot-token-file <path>    the bot token from this file (else TELEGRAM_BOT_TOKEN)
  --rotate-webhook-secret    a new webhook secret, written and registered with Telegram
  --profile <name>           the AWS profile (passed on to cdk)
  -h, --help                 this text`;

const OWN_VALUE_FLAGS = { '--outputs-file': 'outputsFile', '--bot-token-file': 'botTokenFile' } as const;

/**
 * The context CDK itself reads besides `-c`: cdk.json's "context" (where an operator keeps the values
 * every deploy needs, so a re-run without `-c domainName` keeps the domain), then cdk.context.json.
 */
export function projectContext(dir: string): Record<string, unknown> {
  const read = (file: string, pick: (json: Record<string, unknown>) => unknown): Record<string, unknown> => {
    const path = join(dir, file);
    if (!existsSync(path)) return {};
    try {
      return (pick(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) ?? {}) as Record<string, unknown>;
    } catch {
      throw new UsageError(`${file}: not a JSON document`);
    }
  };
  return { ...read('cdk.json', (json) => json.context), ...read('cdk.context.json', (json) => json) };
}

export function parseDeployArgs(argv: readonly string[], fileContext: Record<string, unknown> = {}): DeployArgs {
  const own: { -readonly [K in keyof DeployArgs]?: DeployArgs[K] } = {};
  const cdkArgs: string[] = [];
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = splitInline(arg);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-')))
        throw new UsageError(`${flag}: a value is expected`);
      return v;
    };
    if (flag === '--skip-cdk') own.skipCdk = true;
    else if (flag === '--rotate-webhook-secret') own.rotateWebhookSecret = true;
    else if (flag === '-h' || flag === '--help') own.help = true;
    else if (flag in OWN_VALUE_FLAGS) own[OWN_VALUE_FLAGS[flag as keyof typeof OWN_VALUE_FLAGS]] = value();
    else if (flag === '--profile') {
      own.profile = value();
      cdkArgs.push('--profile', own.profile);
    } else if (flag === '-c' || flag === '--context') {
      const pair = value();
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`${flag} ${pair}: key=value is expected`);
      context[pair.slice(0, eq)] = pair.slice(eq + 1);
      cdkArgs.push('-c', pair);
    } else cdkArgs.push(arg);
  }
  return {
    skipCdk: own.skipCdk ?? false,
    rotateWebhookSecret: own.rotateWebhookSecret ?? false,
    help: own.help ?? false,
    ...(own.outputsFile ? { outputsFile: own.outputsFile } : {}),
    ...(own.botTokenFile ? { botTokenFile: own.botTokenFile } : {}),
    ...(own.profile ? { profile: own.profile } : {}),
    cdkArgs,
    // Throws a ContextError naming each bad -c value, exactly as `cdk synth` would.
    context: parseContext({ ...fileContext, ...context }),
  };
}

/** `--flag=value` → ['--flag', 'value']; `-c` takes its value as the next argument only. */
function splitInline(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--')) return [arg, undefined];
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** The `cdk deploy` command line: the one stack, its outputs written where the script reads them. */
export function cdkDeployCommand(args: DeployArgs, outputsFile: string): string[] {
  return ['cdk', 'deploy', args.context.stackName, '--outputs-file', outputsFile, ...args.cdkArgs];
}
