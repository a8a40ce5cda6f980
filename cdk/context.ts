// The CDK context values the stack takes (`-c key=value`), validated with zod before anything is
// built: a missing or malformed value stops synth (and `npm run deploy`) with a message naming it,
// instead of a CloudFormation failure ten minutes into a deploy.
import * as z from 'zod';

/** Where citizens' data lives is a GDPR decision: Paris unless the operator says otherwise. */
export const DEFAULT_REGION = 'eu-west-3';
export const DEFAULT_STACK_NAME = 'PorteVoix';

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

// `-c key=value` always gives strings; cdk.json and cdk.context.json may give numbers or booleans.
const text = (schema: z.ZodString) => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), schema);

/** A DNS name of at least two labels, lower case (API Gateway stores it so; ACM matches it so). */
const HOSTNAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** arn:aws:acm:<region>:<account>:certificate/<id> (aws-cn and aws-us-gov partitions included). */
const CERTIFICATE_ARN = /^arn:aws(-cn|-us-gov)?:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

const ContextSchema = z.object({
  /** CloudFormation's rule: a letter, then letters, digits and hyphens, 128 at most. */
  stackName: text(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'a letter, then letters, digits or -')).default(
    DEFAULT_STACK_NAME,
  ),
  region: text(z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'an AWS region such as eu-west-3')).default(
    DEFAULT_REGION,
  ),
  publicUrl: text(z.string())
    .pipe(z.url({ protocol: /^https$/, error: 'an https:// URL' }))
    .refine((url) => !url.endsWith('/'), 'no trailing slash (PUBLIC_URL is a base URL)')
    .optional(),
  logLevel: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).optional(),
  xMonthlyBudgetUsd: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
      z.number({ error: 'a number of dollars ≥ 0' }).min(0, 'a number of dollars ≥ 0').max(1_000_000),
    )
    .optional(),
  // Telegram's rule for usernames, as functions/config.ts checks TELEGRAM_BOT_USERNAME.
  telegramBotUsername: text(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "the bot's username without @: letters, digits, _ (5 to 32)"),
  ).optional(),
  /** `-c reserveConcurrency=false` on an account whose concurrency quota is below what the reservations need (cdk/constructs/concurrency.ts). */
  reserveConcurrency: z
    .preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'true or false' }))
    .default(true),
  domainName: text(z.string().regex(HOSTNAME, 'a lower-case host name such as participation.example.org')).optional(),
  certificateArn: text(
    z.string().regex(CERTIFICATE_ARN, 'an ACM certificate ARN (arn:aws:acm:…:certificate/…)'),
  ).optional(),
});

export interface CustomDomain {
  readonly domainName: string;
  readonly certificateArn: string;
}

export interface StackContext {
  readonly stackName: string;
  readonly region: string;
  /** The public base URL: https://<domainName> with a custom domain, `publicUrl` if given, else the API's own. */
  readonly publicUrl?: string;
  readonly logLevel?: (typeof LOG_LEVELS)[number];
  readonly xMonthlyBudgetUsd?: number;
  readonly telegramBotUsername?: string;
  readonly domain?: CustomDomain;
  /** Reserved concurrency for the webhook and send (default); false on a new account whose quota is still 10. */
  readonly reserveConcurrency: boolean;
}

/** The context keys this app reads: a near miss (`domainname`) is refused rather than ignored. */
export const CONTEXT_KEYS = Object.keys(ContextSchema.shape) as (keyof typeof ContextSchema.shape)[];

export class ContextError extends Error {
  override name = 'ContextError';
}

/**
 * Validates the app's context; throws a `ContextError` naming every bad or missing value (`-c key`).
 * Keys of CDK itself (`@aws-cdk/…`, `aws:cdk:…`, lookups) pass untouched.
 */
export function parseContext(raw: Record<string, unknown>): StackContext {
  const problems = nearMisses(raw);
  const parsed = ContextSchema.safeParse(raw);
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((i) => `-c ${i.path.join('.') || '(context)'}: ${i.message}`));
  if (problems.length === 0 && parsed.success) {
    problems.push(...domainProblems(parsed.data));
    if (problems.length === 0) return build(parsed.data);
  } else {
    // Another value is wrong: the domain's own rules are still checked, so one run names everything.
    const domain = ContextSchema.pick({ region: true, publicUrl: true, domainName: true, certificateArn: true });
    const parsedDomain = domain.safeParse(raw);
    if (parsedDomain.success) problems.push(...domainProblems(parsedDomain.data));
  }
  throw new ContextError(`Invalid CDK context:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

function nearMisses(raw: Record<string, unknown>): string[] {
  const known = new Map(CONTEXT_KEYS.map((k) => [k.toLowerCase(), k]));
  return Object.keys(raw)
    .filter((key) => known.has(key.toLowerCase()) && !(CONTEXT_KEYS as string[]).includes(key))
    .map((key) => `-c ${key}: unknown key; did you mean -c ${known.get(key.toLowerCase())}?`);
}

type Parsed = z.output<typeof ContextSchema>;

function domainProblems(c: Pick<Parsed, 'region' | 'publicUrl' | 'domainName' | 'certificateArn'>): string[] {
  if (c.domainName === undefined && c.certificateArn === undefined) return [];
  if (c.domainName === undefined) return ['-c domainName: missing (-c certificateArn is given; both or neither)'];
  if (c.certificateArn === undefined) return ['-c certificateArn: missing (-c domainName is given; both or neither)'];
  const problems: string[] = [];
  // A regional API Gateway domain takes a certificate from its own region only (not us-east-1's, as CloudFront would).
  const certificateRegion = CERTIFICATE_ARN.exec(c.certificateArn)?.[2];
  if (certificateRegion !== c.region)
    problems.push(
      `-c certificateArn: the certificate is in ${certificateRegion}, the stack in ${c.region}; request or import it in ${c.region}`,
    );
  if (c.publicUrl !== undefined && c.publicUrl !== `https://${c.domainName}`)
    problems.push(`-c publicUrl: with -c domainName the public URL is https://${c.domainName}; leave publicUrl out`);
  return problems;
}

function build(c: Parsed): StackContext {
  const domain =
    c.domainName && c.certificateArn ? { domainName: c.domainName, certificateArn: c.certificateArn } : undefined;
  return {
    stackName: c.stackName,
    region: c.region,
    reserveConcurrency: c.reserveConcurrency,
    ...(domain ? { domain, publicUrl: `https://${domain.domainName}` } : c.publicUrl ? { publicUrl: c.publicUrl } : {}),
    ...(c.logLevel ? { logLevel: c.logLevel } : {}),
    ...(c.xMonthlyBudgetUsd !== undefined ? { xMonthlyBudgetUsd: c.xMonthlyBudgetUsd } : {}),
    ...(c.telegramBotUsername ? { telegramBotUsername: c.telegramBotUsername } : {}),
  };
}
