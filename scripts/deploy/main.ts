// `npm run deploy`: deploys the stack (`cdk deploy`), then does what the first campaign needs after it
// (scripts/deploy/after-deploy.ts) and prints what is left. Re-run it after a token or domain change.
// The bot token comes from TELEGRAM_BOT_TOKEN or --bot-token-file and is never printed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ContextError } from '../../cdk/context';
import { type AfterDeployReport, afterDeploy } from './after-deploy';
import { type DeployArgs, USAGE, UsageError, cdkDeployCommand, parseDeployArgs, projectContext } from './args';
import { OutputsError, type StackOutputs, describeStackOutputs, readOutputsFile } from './outputs';
import { SecretProblem, checkBotToken } from './telegram-secret';
import { TelegramProblem } from './webhook';

/** Errors whose message is written for the operator: printed alone, no stack trace. */
const TOLD = [UsageError, ContextError, OutputsError, SecretProblem, TelegramProblem];

function givenBotToken(args: DeployArgs, env: NodeJS.ProcessEnv): string | undefined {
  if (args.botTokenFile) {
    let text: string;
    try {
      text = readFileSync(args.botTokenFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--bot-token-file ${args.botTokenFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      );
    }
    return checkBotToken(text, `--bot-token-file ${args.botTokenFile}`);
  }
  const fromEnv = env.TELEGRAM_BOT_TOKEN;
  return fromEnv ? checkBotToken(fromEnv, 'TELEGRAM_BOT_TOKEN') : undefined;
}

async function cdkDeploy(args: DeployArgs): Promise<StackOutputs> {
  const dir = mkdtempSync(join(tmpdir(), 'porte-voix-deploy-'));
  try {
    const file = join(dir, 'outputs.json');
    const child = spawn('npx', ['--no-install', ...cdkDeployCommand(args, file)], { stdio: 'inherit' });
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new OutputsError(`cdk deploy failed (exit ${code}); nothing after it was done`);
    return await readOutputsFile(file, args.context.stackName);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(report: AfterDeployReport, log: (line: string) => void): void {
  log(
    report.changes.length
      ? 'Changed:'
      : 'Nothing to change: the secret, the webhook and the command menu are as wanted.',
  );
  for (const change of report.changes) log(`  - ${change}`);
  if (report.pending.length) log('Waiting for you (then re-run):');
  for (const item of report.pending) log(`  - ${item}`);
  if (report.problems.length) log('Problems (fix these secrets; their values were not shown):');
  for (const problem of report.problems) log(`  - ${problem}`);
  log('Next steps:');
  report.nextSteps.forEach((step, i) => log(`  ${i + 1}. ${step}`));
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let token: string | undefined;
  try {
    const args = parseDeployArgs(argv, projectContext(process.cwd()));
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    // Checked before cdk deploy: a bad token should not wait ten minutes to be refused.
    token = givenBotToken(args, env);
    let outputs: StackOutputs;
    if (!args.skipCdk) outputs = await cdkDeploy(args);
    else if (args.outputsFile) outputs = await readOutputsFile(args.outputsFile, args.context.stackName);
    else outputs = await describeStackOutputs(args.context.stackName, args.context.region, args.profile);
    const secrets = new SecretsManagerClient({
      region: args.context.region,
      ...(args.profile ? { profile: args.profile } : {}),
    });
    const report = await afterDeploy({
      outputs,
      secrets,
      rotateWebhookSecret: args.rotateWebhookSecret,
      ...(token ? { botToken: token } : {}),
      ...(env.TELEGRAM_API_ROOT ? { telegramApiRoot: env.TELEGRAM_API_ROOT } : {}),
      ...(args.context.telegramBotUsername ? { telegramBotUsername: args.context.telegramBotUsername } : {}),
    });
    print(report, (line) => console.log(line));
    return report.problems.length ? 1 : 0;
  } catch (error) {
    const e = error as Error;
    const told = TOLD.some((kind) => e instanceof kind);
    // An AWS error (AccessDenied, ResourceNotFound…) is named with its own words, which never carry a secret's value.
    const message = told ? e.message : `${e.name}: ${e.message}`;
    console.error(token ? message.replaceAll(token, '<bot token>') : message);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
