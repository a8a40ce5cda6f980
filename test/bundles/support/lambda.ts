// One synthesized function run as Lambda runs it: its bundle copied into a task directory of its own
// where only `@aws-sdk/*` resolves (what Lambda's Node runtime offers beside the code), a Node process
// (lambda-runtime.mjs) started at the first invocation with the function's environment and nothing of
// the test's, invocations one at a time, the function's timeout enforced (the sandbox is killed and
// the next invocation starts cold), and every line it logs kept for the test to read.
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../../cdk/constructs/lambda-function';

const RUNTIME = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));
/** Lambda gives a function's init its own 10 s, outside the invocation's timeout. */
const INIT_ALLOWANCE_MS = 10_000;

export interface FunctionSpec {
  /** The construct's id (AdminApi, Send…): how tests and messages name it. */
  readonly id: string;
  readonly functionName: string;
  readonly arn: string;
  readonly timeoutS: number;
  readonly memoryMb: number;
  /** The synthesized asset: index.mjs and its map. */
  readonly assetDir: string;
  /** The template's Variables, resolved. */
  readonly environment: Record<string, string>;
}

export interface InvokeOutcome {
  result?: any;
  error?: { errorType: string; errorMessage: string; stack: string[] };
  /** Set on a cold start: the bundle's import, as Lambda's init. */
  initMs?: number;
  /** Where it failed: at init, in the handler, by an uncaught error, or past the timeout. */
  phase?: 'init' | 'handler' | 'crash' | 'timeout';
}

export class BundledFunction {
  readonly logs: string[] = [];
  readonly outcomes: InvokeOutcome[] = [];
  private child: ChildProcess | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Lambda's /var/task: the asset's files and a node_modules with @aws-sdk only. */
  readonly taskRoot: string;

  constructor(
    readonly spec: FunctionSpec,
    workDir: string,
    /** What the stack's Lambda service adds: region, credentials, the stand-ins' endpoints. */
    private readonly lambdaEnv: Record<string, string>,
    /** The deployment's clock: each invocation starts at its time (lambda-runtime.mjs). */
    private readonly clock: () => number,
  ) {
    this.taskRoot = join(workDir, spec.id);
    mkdirSync(join(this.taskRoot, 'node_modules'), { recursive: true });
    cpSync(spec.assetDir, this.taskRoot, { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules/@aws-sdk'), join(this.taskRoot, 'node_modules/@aws-sdk'), 'dir');
  }

  /** Invokes the handler with `event`, after any invocation still running (one sandbox, one at a time). */
  invoke(event: unknown): Promise<InvokeOutcome> {
    const run = this.queue.then(() => this.run(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The lines logged since `from` (an index into `logs`). */
  logsSince(from: number): string[] {
    return this.logs.slice(from);
  }

  async close(): Promise<void> {
    await this.queue;
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  private async start(): Promise<ChildProcess> {
    const { spec } = this;
    const child = fork(RUNTIME, [join(this.taskRoot, 'index.mjs')], {
      cwd: this.taskRoot,
      env: {
        ...spec.environment,
        ...this.lambdaEnv,
        AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
        AWS_LAMBDA_LOG_STREAM_NAME: `2026/12/02/[$LATEST]${randomUUID().replace(/-/g, '')}`,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        LAMBDA_TASK_ROOT: this.taskRoot,
        HOME: this.taskRoot,
        TZ: ':UTC',
      },
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => {
        for (const line of String(chunk).split('\n')) if (line.trim()) this.logs.push(line);
        if (process.env.BUNDLES_VERBOSE) process.stderr.write(`[${spec.id}] ${String(chunk)}`);
      });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${spec.id}: the runtime exited (${code}) before it was ready`)));
    });
    return child;
  }

  private async run(event: unknown): Promise<InvokeOutcome> {
    const cold = !this.child;
    const child = (this.child ??= await this.start());
    const id = randomUUID();
    const timeoutMs = this.spec.timeoutS * 1000;
    const outcome = await new Promise<InvokeOutcome>((resolve) => {
      // eslint-disable-next-line no-restricted-globals -- Lambda's timeout is real time in the sandbox: a watchdog, not a wait.
      const timer = setTimeout(
        () => {
          child.kill('SIGKILL');
          resolve({
            phase: 'timeout',
            error: {
              errorType: 'Sandbox.Timedout',
              errorMessage: `Task timed out after ${this.spec.timeoutS} seconds`,
              stack: [],
            },
          });
        },
        timeoutMs + (cold ? INIT_ALLOWANCE_MS : 0),
      );
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        resolve({ phase: 'crash', error: { errorType: 'Runtime.ExitError', errorMessage: `exit ${code}`, stack: [] } });
      };
      child.once('exit', onExit);
      child.on('message', function onMessage(message: any) {
        if (message.type !== 'result' || (message.id !== id && message.id !== undefined)) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve({
          result: message.result,
          error: message.error,
          initMs: message.initMs,
          phase: message.error ? (message.phase ?? 'handler') : undefined,
        });
      });
      child.send({
        type: 'invoke',
        id,
        requestId: id,
        event,
        timeoutMs,
        clockMs: this.clock(),
        functionArn: this.spec.arn,
      });
    });
    // A sandbox that failed its init, crashed or timed out is gone: the next invocation starts cold.
    if (outcome.phase && outcome.phase !== 'handler') {
      child.kill('SIGKILL');
      this.child = undefined;
    }
    this.outcomes.push(outcome);
    return outcome;
  }
}
