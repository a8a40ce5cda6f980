// Benchmark: the Lambdas' cold start. Bundles each handler with esbuild exactly as the CDK stack does
// (cdk/constructs/lambda-function.ts: minified ESM for node22, the AWS SDK clients bundled in, the
// source map beside the bundle without a sourceMappingURL comment, whatwg-url mapped to Node's URL),
// reports each bundle's size, then times the module init in fresh `node` processes, side by side
// with a bundle of telegraf alone in the same run. Runs alone with `npx tsx bench/lambda-bundles.ts`.
import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { CREATE_REQUIRE_BANNER, REPO_ROOT, WHATWG_URL_SHIM } from '../cdk/constructs/lambda-function';
import { type Summary, round, summarize } from './stats';

export const LAMBDAS = ['admin-api', 'feeds', 'telegram-webhook', 'dispatch', 'send'] as const;
export type LambdaName = (typeof LAMBDAS)[number];

const WEBHOOK: LambdaName = 'telegram-webhook';
const WEBHOOK_RUNS = 10;
const OTHER_RUNS = 3;
const REFERENCE_RUNS = 5;
/** The first import of a bundle reads it from disk: discarded, so every measured run finds the files in the page cache alike. */
const WARMUP_RUNS = 1;

/**
 * Where each init stops without a network: since issue #12 none reads a secret at init (each reads its
 * own at the first request, with a maximum age, so an unconfigured or rotated secret is not fatal),
 * so every bundle loads whole. The webhook's first secret read is then part of its first update.
 */
const EXPECTED_STOP: Record<LambdaName, string | undefined> = {
  'admin-api': undefined,
  'telegram-webhook': undefined,
  feeds: undefined,
  dispatch: undefined,
  send: undefined,
};

const BUNDLES_DIR = join(REPO_ROOT, '.bench/bundles');
const PROBE = join(REPO_ROOT, 'bench/lambda-init-probe.mjs');

export interface BundleReport {
  name: LambdaName | ReferenceName;
  file: string;
  sizeKB: number;
  mapKB: number;
  buildMs: number;
  /** What the minified bundle is made of, by package (KB in the output). */
  largestInputsKB: Record<string, number>;
  /** What it leaves to the runtime (the AWS SDK packages). */
  externalImports: string[];
}

/**
 * Bundles made only to read the others by: the webhook as it was deployed before issue #10 (the AWS
 * SDK left to the runtime, the source map linked and parsed at load), for a before/after in the same
 * run; the SDK clients the webhook uses as the runtime provides them (unbundled CommonJS), alone; and
 * telegraf alone without the whatwg-url alias, the figure DESIGN.md gives for this machine (408 KB,
 * 41 ms): the peer a developer would start from, and how fast the machine is today.
 */
type ReferenceName = 'telegram-webhook-before' | 'sdk-imports-of-webhook' | 'reference-telegraf';

/** The SDK clients the webhook uses (aws-deps.ts, adapters/dynamodb/client.ts). */
const WEBHOOK_SDK_CLIENTS = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-secrets-manager'];

/** Same settings as the CDK's NodejsFunction (see lambda-function.ts `bundling`), through esbuild's JS API. */
async function bundle(
  name: LambdaName | ReferenceName,
  source?: { contents: string; aliasWhatwgUrl: boolean },
  /** `sdkExternal`: the settings before issue #10 (SDK left to the runtime, the map linked from the bundle). */
  options: { sdkExternal?: boolean } = {},
): Promise<BundleReport> {
  const entry = name === 'telegram-webhook-before' ? WEBHOOK : name;
  const outfile = join(BUNDLES_DIR, name, 'index.mjs');
  mkdirSync(join(BUNDLES_DIR, name), { recursive: true });
  const started = performance.now();
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    ...(source
      ? { stdin: { contents: source.contents, resolveDir: REPO_ROOT, sourcefile: `${name}.ts`, loader: 'ts' as const } }
      : { entryPoints: [join(REPO_ROOT, `functions/handlers/lambda/${entry}.ts`)] }),
    bundle: true,
    outfile,
    target: 'node22',
    platform: 'node',
    format: 'esm',
    minify: true,
    // SourceMapMode.EXTERNAL: the map is written, the bundle does not point to it.
    sourcemap: options.sdkExternal ? true : 'external',
    sourcesContent: false,
    external: options.sdkExternal ? ['@aws-sdk/*'] : [],
    banner: { js: CREATE_REQUIRE_BANNER },
    mainFields: ['module', 'main'],
    alias: source?.aliasWhatwgUrl === false ? {} : { 'whatwg-url': WHATWG_URL_SHIM },
    logLevel: 'warning',
    // Not a bundling setting: esbuild's account of which input ended up where (it changes nothing in the output).
    metafile: true,
  });
  const buildMs = performance.now() - started;
  const output = result.metafile?.outputs[relative(REPO_ROOT, outfile)];
  const byPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
      (input.startsWith('functions/') ? 'porte-voix (functions/)' : input);
    byPackage[pkg] = (byPackage[pkg] ?? 0) + bytesInOutput;
  }
  const largestInputsKB = Object.fromEntries(
    Object.entries(byPackage)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 8)
      .map(([pkg, bytes]) => [pkg, round(bytes / 1024, 1)]),
  );
  // What the bundle leaves to the runtime: the AWS SDK (esbuild also lists optional `require`s it could not resolve).
  const externalImports = [
    ...new Set((output?.imports ?? []).filter((i) => i.external && i.path.startsWith('@aws-sdk/')).map((i) => i.path)),
  ];
  return {
    name,
    externalImports,
    file: relative(REPO_ROOT, outfile),
    sizeKB: round(statSync(outfile).size / 1024, 1),
    mapKB: round(statSync(`${outfile}.map`).size / 1024, 1),
    buildMs: round(buildMs, 0),
    largestInputsKB,
  };
}

interface ProbeReport {
  importMs: number;
  sinceProcessStartMs: number;
  stoppedAt: 'loaded' | 'error';
  handler?: string;
  message?: string;
  stack?: string;
}

/** The environment a Lambda of the stack gets (porte-voix-stack.ts), and nothing of this shell's. */
function lambdaEnvironment(
  name: LambdaName | ReferenceName,
  extra: Record<string, string>,
  sourceMaps: boolean,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'eu-west-3',
    AWS_DEFAULT_REGION: 'eu-west-3',
    AWS_LAMBDA_FUNCTION_NAME: `PorteVoix-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: name === 'admin-api' ? '1024' : '512',
    TABLE_NAME: 'porte-voix',
    LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: 'porte-voix',
    POWERTOOLS_METRICS_NAMESPACE: 'PorteVoix',
    PUBLIC_URL: 'https://bench.example',
    // This machine runs Node 20; the SDK's end-of-support notice is not part of the init on Node 22.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // lambda-function.ts sets it on every function: Node then reads each bundle's source map as it loads it.
    ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
    ...extra,
  };
}

function probe(file: string, env: NodeJS.ProcessEnv): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [PROBE, file],
      { env, cwd: REPO_ROOT, timeout: 30_000, maxBuffer: 4 << 20 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`init probe of ${file} failed: ${error.message}\n${stderr}`));
        try {
          resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ProbeReport);
        } catch {
          reject(new Error(`init probe of ${file} printed no report: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

export interface InitReport {
  name: LambdaName | ReferenceName;
  variant: string;
  runs: number;
  importMs: Summary;
  /** From the process's start (Node's own boot included) to the same point. */
  sinceProcessStartMs: Summary;
  /** Where the init stopped: the error it threw at the first network step, or `loaded` (no network at init). */
  stoppedAt: string;
  /** The stop is the expected one: the secret read's configuration error, raised from aws-deps.ts by the handler module's top-level await (so every other module was evaluated before), or a complete load exporting `handler`. */
  verified: boolean;
  detail?: string;
}

interface InitCase {
  name: LambdaName | ReferenceName;
  variant: string;
  runs: number;
  env: NodeJS.ProcessEnv;
  expected: string | undefined;
}

const bundleFile = (name: LambdaName | ReferenceName) => join(BUNDLES_DIR, name, 'index.mjs');

function measureInit(
  name: LambdaName | ReferenceName,
  variant: string,
  runs: number,
  env: NodeJS.ProcessEnv,
  expected: string | undefined,
): Promise<InitReport> {
  return measureInterleaved([{ name, variant, runs, env, expected }]).then(([report]) => report!);
}

/** Runs the cases' probes in turn (a, b, c, a, b, c…), so that a change of the machine's load weighs on each alike. */
async function measureInterleaved(cases: InitCase[]): Promise<InitReport[]> {
  for (const c of cases) for (let i = 0; i < WARMUP_RUNS; i++) await probe(bundleFile(c.name), c.env);
  const reports: ProbeReport[][] = cases.map(() => []);
  for (let i = 0; i < Math.max(...cases.map((c) => c.runs)); i++)
    for (const [k, c] of cases.entries()) if (i < c.runs) reports[k]!.push(await probe(bundleFile(c.name), c.env));
  return cases.map((c, k) => initReport(c, reports[k]!));
}

function initReport({ name, variant, runs, env, expected }: InitCase, reports: ProbeReport[]): InitReport {
  const last = reports.at(-1)!;
  const consistent = reports.every((r) => r.stoppedAt === last.stoppedAt && r.message === last.message);
  let verified: boolean;
  let detail: string | undefined;
  if (expected === undefined) {
    verified = consistent && last.stoppedAt === 'loaded' && last.handler === 'function';
    if (!verified) detail = last.message ?? `handler is ${last.handler}`;
  } else {
    // With source maps on, the stack names the TypeScript files: the throw must come from readSecret
    // (aws-deps.ts) called by the Lambda module itself, whose body esbuild places after every import.
    const mapped = env.NODE_OPTIONS?.includes('--enable-source-maps') ?? false;
    const fromReadSecret =
      !mapped ||
      (/functions\/handlers\/lambda\/aws-deps\.ts/.test(last.stack ?? '') &&
        new RegExp(`functions/handlers/lambda/${name}\\.ts`).test(last.stack ?? ''));
    verified = consistent && last.stoppedAt === 'error' && last.message === expected && fromReadSecret;
    if (!verified) detail = `${last.message}\n${last.stack}`;
  }
  return {
    name,
    variant,
    runs,
    importMs: summarize(
      reports.map((r) => r.importMs),
      1,
    ),
    sinceProcessStartMs: summarize(
      reports.map((r) => r.sinceProcessStartMs),
      1,
    ),
    stoppedAt: last.stoppedAt === 'error' ? `error: ${last.message}` : 'loaded (handler exported)',
    verified,
    ...(detail ? { detail } : {}),
  };
}

/**
 * A loopback stand-in for Secrets Manager (GetSecretValue only), so the webhook's init can run to its
 * end — the SDK client, the signed request, createBot and the routes — with no network beyond 127.0.0.1.
 */
async function startFakeSecretsManager(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const secret = JSON.stringify({
    botToken: '7000000001:AAPorteVoixSimulatorToken0000000000',
    webhookSecret: 'bench-webhook-secret_0123',
    subscriberKey: 'bench-subscriber-key-0123456789',
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          ARN: 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:porte-voix-telegram',
          Name: 'porte-voix-telegram',
          SecretString: secret,
          VersionId: 'bench',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface LambdaResults {
  bundles: BundleReport[];
  init: InitReport[];
  reference: string;
}

export async function benchLambdaBundles(): Promise<LambdaResults> {
  const bundles: BundleReport[] = [];
  for (const name of LAMBDAS) bundles.push(await bundle(name));
  bundles.push(
    await bundle('telegram-webhook-before', undefined, { sdkExternal: true }),
    await bundle(
      'sdk-imports-of-webhook',
      {
        contents: `${WEBHOOK_SDK_CLIENTS.map((m, i) => `import * as m${i} from '${m}';`).join('\n')}\nexport const handler = () => [${WEBHOOK_SDK_CLIENTS.map((_, i) => `m${i}`).join(', ')}];`,
        aliasWhatwgUrl: true,
      },
      { sdkExternal: true },
    ),
    await bundle('reference-telegraf', {
      contents: "import { Telegraf } from 'telegraf';\nexport const handler = () => Telegraf;",
      aliasWhatwgUrl: false,
    }),
  );

  const init: InitReport[] = [];
  const secrets = await startFakeSecretsManager();
  try {
    const ready = {
      TELEGRAM_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:porte-voix-telegram',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      // Lambda hands its role's credentials in the environment too.
      AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
      AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key-0000000000000000',
      AWS_SESSION_TOKEN: 'bench-session-token',
    };
    // The target's figure: everything Lambda runs before the first update (since #12 the secret is read within it).
    // Interleaved with the peer and the previous settings, so the three meet the same load.
    const [deployed, before, telegraf] = await measureInterleaved([
      {
        name: WEBHOOK,
        variant: 'as deployed, to handler ready (since #12 the secret is read at the first update, not at init)',
        runs: WEBHOOK_RUNS,
        env: lambdaEnvironment(WEBHOOK, ready, true),
        expected: undefined,
      },
      {
        name: 'telegram-webhook-before',
        variant: 'before #10 (SDK external, map linked), to handler ready',
        runs: WEBHOOK_RUNS,
        env: lambdaEnvironment(WEBHOOK, ready, true),
        expected: undefined,
      },
      {
        name: 'reference-telegraf',
        variant: 'peer: telegraf alone, no alias (DESIGN.md: 408 KB, 41 ms)',
        runs: WEBHOOK_RUNS,
        env: lambdaEnvironment(WEBHOOK, {}, true),
        expected: undefined,
      },
    ]);
    init.push(deployed!, before!, telegraf!);
  } finally {
    await secrets.close();
  }
  init.push(
    await measureInit(
      WEBHOOK,
      'as deployed (--enable-source-maps), module load without a network (the secret is read at the first update)',
      WEBHOOK_RUNS,
      lambdaEnvironment(WEBHOOK, {}, true),
      EXPECTED_STOP[WEBHOOK],
    ),
  );
  init.push(
    await measureInit(
      'sdk-imports-of-webhook',
      `the SDK clients the webhook uses, as the runtime provides them (${WEBHOOK_SDK_CLIENTS.join(', ')})`,
      REFERENCE_RUNS,
      lambdaEnvironment(WEBHOOK, {}, true),
      undefined,
    ),
  );
  for (const name of LAMBDAS.filter((n) => n !== WEBHOOK))
    init.push(
      await measureInit(
        name,
        'as deployed (--enable-source-maps), up to the first network step',
        OTHER_RUNS,
        lambdaEnvironment(name, {}, true),
        EXPECTED_STOP[name],
      ),
    );

  return {
    bundles,
    init,
    reference:
      'DESIGN.md: a naive bundle of telegraf + zod + hono + lib-dynamodb measures 0.9–1.4 MB and 110–125 ms of init on this machine; telegraf alone 408 KB and 41 ms',
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchLambdaBundles(), null, 2));
}
