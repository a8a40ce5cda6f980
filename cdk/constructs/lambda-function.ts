// One Porte-voix Lambda: Node 22 on ARM, an ESM bundle built locally by esbuild, its own log
// group and its own role (so each function's permissions read as a list of explicit grants).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The repository root: esbuild resolves the package.json "imports" aliases (#core/*…) from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node's own URL in place of the `whatwg-url` package (see the shim for why). */
export const WHATWG_URL_SHIM = join(REPO_ROOT, 'cdk/bundling/whatwg-url.cjs');

/** ESM bundles still meet CommonJS dependencies that call `require`: give them one. */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface PorteVoixFunctionProps {
  /** Entry module, relative to the repository root; it must export `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /**
   * The handler's own time budget (env TIME_BUDGET_MS), shorter than `timeout`: past it the handler
   * cuts its work off itself, logs and counts what was cut (METRIC.cutOff) and answers, so Lambda's
   * timeout never kills it silently mid-way. What is between the two is the time to finish what is
   * in flight and to answer (docs/aws.md, « Timeouts »).
   */
  readonly budget: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** A fixed function name, when something must name the function before it exists; CloudFormation's own otherwise. */
  readonly functionName?: string;
}

/** The least a function keeps between its budget and its timeout: to log, count, flush and answer. */
export const MIN_TIMEOUT_MARGIN_MS = 1_000;

/** Stops synth when a handler's budget does not nest inside its Lambda's timeout, naming the function. */
export function checkBudget(id: string, budget: Duration, timeout: Duration): void {
  const budgetMs = budget.toMilliseconds();
  const timeoutMs = timeout.toMilliseconds();
  if (budgetMs <= 0 || budgetMs > timeoutMs - MIN_TIMEOUT_MARGIN_MS)
    throw new Error(
      `${id}: budget ${budgetMs} ms must be positive and at least ${MIN_TIMEOUT_MARGIN_MS} ms shorter than its timeout (${timeoutMs} ms)`,
    );
}

export class PorteVoixFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: PorteVoixFunctionProps) {
    super(scope, id);
    checkBudget(id, props.budget, props.timeout);

    // Our own log group, so retention is set here and not left at "never expire". Logs go with
    // the stack when it is deleted; the table is what must survive (storage.ts).
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any
    // log group in the account; this one writes to its own log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Porte-voix ${id}: ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      functionName: props.functionName,
      description: props.description,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...props.environment,
        TIME_BUDGET_MS: String(props.budget.toMilliseconds()),
        // Stack traces point at the TypeScript sources through the bundle's source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        minify: true,
        sourceMap: true,
        // The map is a separate file without a sourceMappingURL comment, so Node never parses it at
        // init (a fifth of the webhook's, SDK bundled): aws-deps.ts maps stacks from it on the first error.
        sourceMapMode: SourceMapMode.EXTERNAL,
        sourcesContent: false,
        format: OutputFormat.ESM,
        target: 'node22',
        banner: CREATE_REQUIRE_BANNER,
        mainFields: ['module', 'main'],
        // The AWS SDK clients we use are bundled and minified with the rest: the runtime's copy is
        // hundreds of CommonJS files resolved and read one by one at init, which cost the webhook
        // more than all of its own code (bench/lambda-bundles.ts, docs/benchmarks.md).
        externalModules: [],
        forceDockerBundling: false,
        // esbuild's per-file size report would drown `cdk synth`; test/cdk/bundling.test.ts prints sizes.
        logLevel: LogLevel.WARNING,
        esbuildArgs: { '--alias:whatwg-url': WHATWG_URL_SHIM },
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node 22 is pinned on purpose: bundles target node22 and the code is tested on it. Moving to a newer runtime is a deliberate, tested upgrade, not a drift.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so AWS requires Resource "*".',
    });
  }
}
