// The stack's outputs the after-deploy steps need (cdk/porte-voix-stack.ts), from the file
// `cdk deploy --outputs-file` wrote, or from CloudFormation through the AWS CLI (`--skip-cdk`).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as z from 'zod';

export const StackOutputs = z.object({
  ApiUrl: z.string().min(1),
  TelegramSecretArn: z.string().startsWith('arn:'),
  XSecretArn: z.string().startsWith('arn:'),
  AdminSecretArn: z.string().startsWith('arn:'),
  AlarmTopicArn: z.string().optional(),
  DomainTarget: z.string().optional(),
});
export type StackOutputs = z.output<typeof StackOutputs>;

export class OutputsError extends Error {
  override name = 'OutputsError';
}

function check(stackName: string, where: string, raw: unknown): StackOutputs {
  const parsed = StackOutputs.safeParse(raw);
  if (parsed.success) return parsed.data;
  const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  throw new OutputsError(
    `stack ${stackName} (${where}): output ${missing} missing or malformed; is the stack deployed?`,
  );
}

/** `cdk deploy --outputs-file` writes `{ "<stack>": { "<output>": "<value>" } }`. */
export async function readOutputsFile(file: string, stackName: string): Promise<StackOutputs> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new OutputsError(`${file}: not a readable JSON outputs file (${(error as Error).message.split('\n')[0]})`);
  }
  const stacks = json as Record<string, unknown>;
  if (typeof stacks !== 'object' || stacks === null || !(stackName in stacks))
    throw new OutputsError(`${file}: no outputs for stack ${stackName} (-c stackName=… names another stack?)`);
  return check(stackName, file, stacks[stackName]);
}

const run = promisify(execFile);

/** Asks CloudFormation (the AWS CLI, a prerequisite anyway): the SDK's CloudFormation client is not a dependency. */
export async function describeStackOutputs(
  stackName: string,
  region: string,
  profile: string | undefined,
): Promise<StackOutputs> {
  const args = ['cloudformation', 'describe-stacks', '--stack-name', stackName, '--region', region];
  args.push('--query', 'Stacks[0].Outputs', '--output', 'json', ...(profile ? ['--profile', profile] : []));
  let stdout: string;
  try {
    ({ stdout } = await run('aws', args, { encoding: 'utf8' }));
  } catch (error) {
    const e = error as Error & { stderr?: string; code?: string };
    const why = e.code === 'ENOENT' ? 'the AWS CLI (aws) is not installed' : (e.stderr ?? e.message).trim();
    throw new OutputsError(`stack ${stackName} in ${region}: cannot read its outputs: ${why}`);
  }
  const list = JSON.parse(stdout) as { OutputKey: string; OutputValue: string }[] | null;
  return check(
    stackName,
    `CloudFormation, ${region}`,
    Object.fromEntries((list ?? []).map((o) => [o.OutputKey, o.OutputValue])),
  );
}
