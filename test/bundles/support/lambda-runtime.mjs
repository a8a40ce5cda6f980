// A small Lambda runtime for the bundle tests, run as its own Node process (one per function, as a
// Lambda container): it imports the bundle at the first invocation (Lambda's init), then calls
// `handler(event, context)` for each invocation message its parent sends over IPC, one at a time,
// with a context whose getRemainingTimeInMillis follows the function's timeout. Plain JavaScript and
// Node built-ins only, so nothing of the repository resolves from here: the bundle finds what it
// imports next to itself (a node_modules with only @aws-sdk/*, as Lambda's Node runtime has).
//
// Test machinery beyond Lambda's: `Date` reads the deployment's clock, which the test moves. Each
// invocation brings its time; during the invocation it runs on with real time (senders pace, budgets
// run out), so a test can run dispatch « at » a campaign's time without waiting for it.
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
const RealDate = Date;
/** Where the deployment's clock was when the current invocation began, and when that was in real time. */
let clockAt = RealDate.now();
let realAt = RealDate.now();
const now = () => clockAt + (RealDate.now() - realAt);

function ClockDate(...args) {
  if (!new.target) return new RealDate(now()).toString();
  return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
}
ClockDate.prototype = RealDate.prototype;
ClockDate.now = now;
ClockDate.parse = RealDate.parse;
ClockDate.UTC = RealDate.UTC;
globalThis.Date = ClockDate;

/** @type {((event: unknown, context: object) => Promise<unknown>) | undefined} */
let handler;
let initMs;

const describe = (error) => ({
  errorType: error instanceof Error ? error.name : typeof error,
  errorMessage: error instanceof Error ? error.message : String(error),
  stack: error instanceof Error ? String(error.stack).split('\n') : [],
});

async function init() {
  const started = performance.now();
  const module = await import(pathToFileURL(bundle).href);
  initMs = performance.now() - started;
  if (typeof module.handler !== 'function') throw new TypeError(`${bundle} exports no function "handler"`);
  handler = module.handler;
}

function contextFor(message) {
  const deadline = RealDate.now() + message.timeoutMs;
  const env = process.env;
  return {
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.functionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - RealDate.now()),
  };
}

let current;
process.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  current = message.id;
  clockAt = message.clockMs;
  realAt = RealDate.now();
  process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(now() / 1000).toString(16)}-${message.requestId.replace(/-/g, '').slice(0, 24)}`;
  if (!handler) {
    try {
      await init();
    } catch (error) {
      // Lambda reports the init failure as the invocation's error and starts a fresh sandbox next time.
      process.send({ type: 'result', id: message.id, phase: 'init', error: describe(error) }, () => process.exit(1));
      return;
    }
  }
  try {
    const result = await handler(message.event, contextFor(message));
    process.send({ type: 'result', id: message.id, initMs, result: result ?? null });
  } catch (error) {
    process.send({ type: 'result', id: message.id, initMs, error: describe(error) });
  }
  initMs = undefined;
  current = undefined;
});

// As Lambda's Node runtime: an error nobody catches ends the sandbox, and the invocation fails with it.
for (const event of ['uncaughtException', 'unhandledRejection'])
  process.on(event, (error) => {
    process.send(
      { type: 'result', id: current, phase: 'crash', error: { ...describe(error), errorType: `Runtime.${event}` } },
      () => process.exit(1),
    );
  });

// The parent is gone (a test run stopped): so is this sandbox.
process.on('disconnect', () => process.exit(0));

process.send({ type: 'ready' });
