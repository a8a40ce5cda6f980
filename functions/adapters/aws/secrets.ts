// Reading the stack's Secrets Manager documents from a Lambda (Powertools Parameters): each kept for
// a maximum age, then read again at its next use, so a bot token written after the first deploy, or
// a rotated one, is taken with no redeploy and no container recycled by hand. A failed read is never
// kept: the next use (after a second, so a burst of sends makes one call, not hundreds) reads again.
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type * as z from 'zod';
import { parseSecret } from './secret-shapes';

/** The secret could not be read, or not as the shape it must have: the message names it, never its value. */
export class SecretUnavailable extends Error {
  override name = 'SecretUnavailable';
}

export interface SecretsReaderOptions {
  /** How long a read is kept (SECRETS_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
  /** The SDK client's settings; the endpoint comes from AWS_ENDPOINT_URL_SECRETS_MANAGER where set (tests). */
  clientConfig?: { region?: string; endpoint?: string };
  /** Each failed read, named (`secret <NAME>: …`): the Lambda logs it and counts METRIC.secretReadFailed. */
  onFailure?: (failure: { secret: string; problem: string }) => void;
  /** Time of the retry pause (tests). */
  now?: () => number;
}

export interface SecretsReader {
  /**
   * The secret's document, checked against `schema`. A read that fails (network, permission, a
   * document of another shape) is reported to `onFailure`; the last good document is then returned
   * if there is one (a botched write or a Secrets Manager outage does not take a working bot down),
   * otherwise it throws `SecretUnavailable`.
   */
  read<S extends z.ZodType>(arn: string | undefined, name: string, schema: S): Promise<z.output<S>>;
}

/** After a failure, reads within this pause answer the same without a call (a job's 25 sends ask at once). */
export const RETRY_PAUSE_MS = 1000;

interface Known {
  /** The last document read and checked, and the text it came from (parsed again only when it changes). */
  good?: { text: string; value: unknown };
  failure?: { problem: string; at: number };
  /** The read in progress: concurrent uses share it. */
  pending?: Promise<unknown>;
}

export function createSecretsReader(options: SecretsReaderOptions): SecretsReader {
  const now = options.now ?? Date.now;
  const known = new Map<string, Known>();
  let provider: Promise<SecretsProvider> | undefined;
  // Loaded at the first read, not with the module: a Lambda that reads its secret late (or never) does not pay for the client at init.
  const loadProvider = async () => {
    const { SecretsProvider } = await import('@aws-lambda-powertools/parameters/secrets');
    return new SecretsProvider({ clientConfig: options.clientConfig });
  };

  const fetchText = async (arn: string, forceFetch: boolean): Promise<string | undefined> => {
    const secrets = await (provider ??= loadProvider().catch((error: unknown) => {
      provider = undefined;
      throw error;
    }));
    const value = await secrets.get(arn, { maxAge: options.maxAgeSeconds, forceFetch });
    return typeof value === 'string' ? value : undefined;
  };

  async function readNow(arn: string, name: string, schema: z.ZodType, entry: Known): Promise<unknown> {
    let text: string | undefined;
    try {
      // After a failure the cache holds nothing worth trusting: a bad document is read again, not kept for its max age.
      text = await fetchText(arn, entry.failure !== undefined);
    } catch (error) {
      return fail(entry, name, `secret ${name}: read failed (${errorName(error)})`);
    }
    if (entry.good && entry.good.text === text && !entry.failure) return entry.good.value;
    const parsed = parseSecret(name, text, schema);
    if (!parsed.ok) return fail(entry, name, parsed.problem);
    entry.good = { text: text!, value: parsed.value };
    entry.failure = undefined;
    return parsed.value;
  }

  function fail(entry: Known, secret: string, problem: string) {
    entry.failure = { problem, at: now() };
    options.onFailure?.({ secret, problem });
    return answerAfterFailure(entry);
  }

  function answerAfterFailure(entry: Known) {
    if (entry.good) return entry.good.value;
    throw new SecretUnavailable(entry.failure!.problem);
  }

  return {
    async read<S extends z.ZodType>(arn: string | undefined, name: string, schema: S): Promise<z.output<S>> {
      if (!arn) throw new SecretUnavailable(`configuration: ${name} is not set`);
      let entry = known.get(arn);
      if (!entry) known.set(arn, (entry = {}));
      if (entry.pending) return entry.pending as Promise<z.output<S>>;
      if (entry.failure && now() - entry.failure.at < RETRY_PAUSE_MS) return answerAfterFailure(entry) as z.output<S>;
      const reading = readNow(arn, name, schema, entry).finally(() => (entry.pending = undefined));
      entry.pending = reading;
      return reading as Promise<z.output<S>>;
    },
  };
}

/**
 * The SDK's error name (AccessDeniedException, ResourceNotFoundException, TimeoutError…) and HTTP
 * status: enough to act on. Powertools wraps it (GetParameterError, `cause`).
 */
function errorName(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (!(cause instanceof Error)) return 'unknown error';
  const status = (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status ? `${cause.name}, HTTP ${status}` : cause.name;
}
