// The French an agent reads when a request breaks a rule: one phrase per zod rule, each naming the
// field by its path (« message.title : champ obligatoire »). Written by hand because zod's `fr`
// locale says « chaîne de caractères attendu, indéfini reçu »; that locale is no longer bundled.
import type * as z from 'zod';

type Issue = z.core.$ZodRawIssue;

/** The dotted path of a field, as violations name it (`steps.0.start`); empty for the whole body. */
export const fieldPath = (path: readonly PropertyKey[] | undefined) => (path ?? []).map(String).join('.');

/** `phrase`, preceded by the field it is about when there is one. */
export const atField = (path: readonly PropertyKey[] | undefined, phrase: string) => {
  const field = fieldPath(path);
  return field ? `${field} : ${phrase}` : phrase.charAt(0).toUpperCase() + phrase.slice(1);
};

/** A zod `error` option: the phrase, preceded by the field, wherever the schema is nested. */
export const withField =
  (phrase: string | ((issue: Issue) => string)) =>
  (issue: Issue): string =>
    atField(issue.path, typeof phrase === 'string' ? phrase : phrase(issue));

/** « 1 caractère », « 0 élément », « 12 éléments »: French takes the singular below 2. */
const count = (n: number | bigint, unit: string) => `${n} ${unit}${Number(n) >= 2 ? 's' : ''}`;

/** What a value is, as the phrase « il faut un texte, pas … » ends. */
function described(input: unknown, expectedInteger = false): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'une liste';
  switch (typeof input) {
    case 'string':
      return 'un texte';
    case 'number':
      return expectedInteger && Number.isFinite(input) ? `${input}` : 'un nombre';
    case 'boolean':
      return `${input}`;
    case 'object':
      return 'un objet';
    default:
      return 'une valeur d’un autre type';
  }
}

const EXPECTED: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'true ou false',
  array: 'une liste',
  object: 'un objet',
  date: 'une date',
  null: 'null',
};

function invalidType(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined) return 'champ obligatoire';
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  return `il faut ${expected}, pas ${described(issue.input, issue.expected === 'int')}`;
}

/** « a, b ou c », quoted with French guillemets; long lists are cut so the message stays readable. */
function choices(values: readonly unknown[]): string {
  const shown = values.slice(0, 40).map((v) => `« ${String(v)} »`);
  if (values.length > shown.length) return `${shown.join(', ')}…`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ou ${shown.at(-1)}` : (shown[0] ?? '');
}

const quoted = (input: unknown) => (typeof input === 'string' || typeof input === 'number' ? ` « ${input} »` : '');

function unknownValue(input: unknown, values: readonly unknown[]): string {
  if (input === undefined) return `champ obligatoire : ${choices(values)}`;
  return `valeur inconnue${quoted(input)} ; valeurs possibles : ${choices(values)}`;
}

const lengthOf = (input: unknown) =>
  typeof input === 'string' ? [...input].length : Array.isArray(input) ? input.length : undefined;

function sizeUnit(origin: string): string | undefined {
  if (origin === 'string') return 'caractère';
  if (origin === 'array' || origin === 'set') return 'élément';
  return undefined;
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const unit = sizeUnit(issue.origin);
  const length = lengthOf(issue.input);
  if (unit)
    return length === undefined
      ? `${count(issue.maximum, unit)} au plus`
      : `${count(length, unit)}, ${issue.maximum} au plus`;
  const bound = issue.inclusive ? `au plus ${issue.maximum}` : `moins de ${issue.maximum}`;
  return typeof issue.input === 'number' ? `${bound}, pas ${issue.input}` : bound;
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const unit = sizeUnit(issue.origin);
  const length = lengthOf(issue.input);
  if (unit && Number(issue.minimum) === 1 && length === 0)
    return unit === 'caractère' ? 'ne peut pas être vide' : 'liste vide, il faut au moins 1 élément';
  if (unit)
    return length === undefined
      ? `${count(issue.minimum, unit)} au moins`
      : `${count(length, unit)}, ${issue.minimum} au moins`;
  const bound = issue.inclusive ? `au moins ${issue.minimum}` : `plus de ${issue.minimum}`;
  return typeof issue.input === 'number' ? `${bound}, pas ${issue.input}` : bound;
}

const FORMATS: Record<string, string> = {
  url: 'adresse web invalide : une URL complète est attendue, par exemple https://exemple.fr/page',
  email: 'adresse e-mail invalide',
  datetime: 'date et heure ISO-8601 attendues, par exemple 2026-12-01T09:00',
  date: 'date ISO-8601 attendue, par exemple 2026-12-01',
  time: 'heure attendue, par exemple 09:00',
};

function invalidFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  const known = FORMATS[issue.format];
  if (known) return known;
  if ('prefix' in issue) return `doit commencer par « ${String(issue.prefix)} »`;
  if ('suffix' in issue) return `doit finir par « ${String(issue.suffix)} »`;
  if ('includes' in issue) return `doit contenir « ${String(issue.includes)} »`;
  return 'format invalide';
}

/** A union none of whose forms matched: a tagged one names its tag; otherwise the types it accepts. */
function invalidUnion(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  const tagged = issue as { discriminator?: string; options?: unknown[] };
  if (tagged.discriminator && tagged.options) {
    const input = issue.input as Record<string, unknown> | undefined;
    return unknownValue(typeof input === 'object' && input ? input[tagged.discriminator] : undefined, tagged.options);
  }
  const expected = issue.errors.flatMap((errors) => {
    const first = errors[0];
    return errors.length === 1 && first?.code === 'invalid_type' ? [EXPECTED[first.expected] ?? first.expected] : [];
  });
  if (expected.length === issue.errors.length && expected.length > 1)
    return `il faut ${expected.slice(0, -1).join(', ')}, ou ${expected.at(-1)}, pas ${described(issue.input)}`;
  return 'valeur invalide : elle ne correspond à aucune des formes acceptées';
}

function unrecognizedKeys(keys: readonly string[]): string {
  const names = keys.map((k) => `« ${k} »`).join(', ');
  return keys.length > 1 ? `champs inconnus : ${names}` : `champ inconnu : ${names}`;
}

/** The phrase for one issue, without the field. */
function phrase(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `la valeur « ${String(issue.values[0])} » est attendue`
        : unknownValue(issue.input, issue.values);
    case 'too_big':
      return tooBig(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'not_multiple_of':
      return `doit être un multiple de ${issue.divisor}`;
    case 'unrecognized_keys':
      return unrecognizedKeys(issue.keys);
    case 'invalid_union':
      return invalidUnion(issue);
    case 'invalid_key':
      return 'clé invalide';
    default:
      return 'valeur invalide';
  }
}

/** zod's `customError`: every default message in French, naming the field. */
export const frenchError = (issue: Issue): string => atField(issue.path, phrase(issue));
