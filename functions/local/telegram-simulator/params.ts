// Reads Bot API parameters the ways Telegram accepts them (query string, JSON, url-encoded, multipart) and
// coerces them as Telegram does: form fields all arrive as strings, reply_markup as a JSON string.
import * as z from 'zod';
import { badRequest, chatNotFound } from './errors';

export type Params = Record<string, unknown>;

/**
 * A file sent as a multipart part. The simulator keeps its name and size; its bytes live only while
 * the request is handled (sendDocument keeps a small text file's content for tests to read).
 */
export interface UploadedFile {
  upload: true;
  filename: string;
  size: number;
  mimeType: string;
  bytes: Uint8Array;
}

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && (value as UploadedFile).upload === true;

/** Decodes a request body by its content type; a body the simulator cannot read is a 400, never a crash. */
export async function decodeParams(
  contentType: string | undefined,
  body: Buffer,
  query?: URLSearchParams,
): Promise<Params> {
  const params: Params = query ? Object.fromEntries(query) : {};
  if (body.length === 0) return params;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/json') || (!type && body[0] === 0x7b)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw badRequest("can't parse JSON object");
    return Object.assign(params, parsed);
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  }
  if (type.includes('multipart/form-data')) return Object.assign(params, await decodeMultipart(contentType!, body));
  throw badRequest(`unsupported Content-Type ${contentType}`);
}

async function decodeMultipart(contentType: string, body: Buffer): Promise<Params> {
  let form: FormData;
  try {
    // undici's multipart parser (Node's fetch) keeps the simulator free of a form-data dependency.
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest("can't parse multipart/form-data request body");
  }
  const params: Params = {};
  for (const [key, value] of form.entries()) {
    params[key] =
      typeof value === 'string'
        ? value
        : ({
            upload: true,
            filename: value.name,
            size: value.size,
            mimeType: value.type,
            bytes: new Uint8Array(await value.arrayBuffer()),
          } satisfies UploadedFile);
  }
  return params;
}

/** Validates parameters with a schema whose messages are Telegram descriptions (without "Bad Request: "). */
export function readParams<S extends z.ZodType>(schema: S, params: Params): z.output<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // A custom message is already a Telegram description; zod's own defaults are prefixed with the field.
  const custom = issue.message.startsWith('~') ? issue.message.slice(1) : undefined;
  throw badRequest(custom ?? `field "${issue.path.join('.')}" is invalid: ${issue.message}`);
}

/** Marks a message as a Telegram description for readParams. */
const telegram = (description: string) => `~${description}`;

const numericString = /^-?\d+$/;
const toNumber = (v: unknown) => (typeof v === 'string' && numericString.test(v.trim()) ? Number(v) : v);

export const integer = (emptyDescription: string) =>
  z.preprocess(toNumber, z.number({ error: telegram(emptyDescription) }).int({ error: telegram(emptyDescription) }));

/** chat_id: an integer or its string; a @username means a channel, which this simulator has none of. */
export const chatId = z.preprocess(
  (v) => {
    if (v === undefined || v === '') return undefined;
    const n = toNumber(v);
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw chatNotFound();
    return n;
  },
  z.number({ error: telegram('chat_id is empty') }),
);

export const flag = z
  .preprocess(
    (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : v),
    z.boolean(),
  )
  .optional();

/** A JSON-serialized field (reply_markup, allowed_updates, commands); objects pass as they are. */
export const jsonField = <S extends z.ZodType>(schema: S, unparsable: string) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw badRequest(unparsable);
    }
  }, schema);

export const text = (emptyDescription: string) =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string({ error: telegram(emptyDescription) }));

const PARSE_MODES: Record<string, string> = { html: 'HTML', markdown: 'Markdown', markdownv2: 'MarkdownV2' };

export const parseMode = z
  .preprocess(
    // Telegram reads the mode case-insensitively and an empty one as none.
    (v) => (v === '' ? undefined : typeof v === 'string' ? (PARSE_MODES[v.toLowerCase()] ?? v) : v),
    z.enum(['HTML', 'Markdown', 'MarkdownV2'], { error: telegram('unsupported parse_mode') }).optional(),
  )
  .optional();

/** Entities a bot passes itself instead of a parse_mode (telegraf's `fmt` helpers do). */
export const entityList = jsonField(
  z.array(z.looseObject({ type: z.string(), offset: z.number(), length: z.number() })).optional(),
  "can't parse entities JSON object",
);

export { telegram as telegramDescription };
