// Text typed by people (agents' titles and messages, citizens' written answers) before it reaches
// Telegram, X, the feeds and the CSV export. Invisible characters are refused where they enter:
// NUL and the other C0/C1 controls, the noncharacters (U+FFFE, U+FFFF…) and lone surrogates are
// not text, break JSON readers and XML feeds, and an agent cannot see them to remove them later.
import * as z from 'zod';
import { withField } from './french-errors';

// \p{Cs} under the u flag matches only a surrogate that is not half of a pair.
const NOT_TEXT = /(?![\t\n\r])\p{Cc}|\p{Noncharacter_Code_Point}|\p{Cs}/u;
// A title or a label is one line: no line break of any kind, no tab.
const NOT_ONE_LINE = /\p{Cc}|\p{Noncharacter_Code_Point}|\p{Cs}|[\u2028\u2029]/u;

const NAMES: Record<string, string> = {
  '\t': 'tabulation',
  '\n': 'retour à la ligne',
  '\r': 'retour à la ligne',
  '\u2028': 'retour à la ligne',
  '\u2029': 'fin de paragraphe',
};

export interface ForbiddenCharacter {
  /** 1-based, in characters as a person counts them (a surrogate pair is one). */
  position: number;
  /** « retour à la ligne », or the code point: « U+0000 ». */
  name: string;
  lineBreak: boolean;
}

/** The first character `text` may not hold, if any; `multiLine` allows tabs and line breaks. */
export function forbiddenCharacter(text: string, multiLine: boolean): ForbiddenCharacter | undefined {
  const match = (multiLine ? NOT_TEXT : NOT_ONE_LINE).exec(text);
  if (!match) return undefined;
  const char = match[0];
  const named = NAMES[char];
  return {
    position: [...text.slice(0, match.index)].length + 1,
    name: named ?? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    lineBreak: named !== undefined,
  };
}

function describe(found: ForbiddenCharacter): string {
  return found.lineBreak
    ? `une seule ligne attendue : ${found.name} en position ${found.position}`
    : `caractère invisible interdit (${found.name}) en position ${found.position} : retirez-le`;
}

const refuseForbidden = (multiLine: boolean) => ({
  params: { rule: 'no_control_characters' },
  error: withField((issue) => {
    const found = typeof issue.input === 'string' ? forbiddenCharacter(issue.input, multiLine) : undefined;
    return found ? describe(found) : 'caractère interdit';
  }),
});

/** A title, a label, a name: one line, trimmed, `min`–`max` characters, no invisible character. */
export const SingleLineText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !NOT_ONE_LINE.test(s), refuseForbidden(false));

/** A summary, a message, a question: trimmed, `min`–`max` characters; tabs and line breaks allowed. */
export const MultiLineText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !NOT_TEXT.test(s), refuseForbidden(true));
