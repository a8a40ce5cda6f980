// Turns zod failures into the domain's `Invalid` error, naming each field and the rule it breaks,
// so every edge (HTTP, bot, queue) reports bad input the same way. The messages are French and
// already name their field (french-errors.ts).
import type * as z from 'zod';
import { DomainError, type Violation } from './errors';

export function violationsOf(error: z.ZodError): Violation[] {
  return error.issues.flatMap((issue): Violation[] => {
    // One violation per unknown member, named, so `{"sendat":…}` says which field is not ours.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: [...issue.path.map(String), key].join('.'),
        rule: 'unknown_field',
        message: `${[...issue.path.map(String), key].join('.')} : champ inconnu ou non modifiable`,
      }));
    const params = (issue as { params?: { rule?: string } }).params;
    return [{ field: issue.path.map(String).join('.'), rule: params?.rule ?? issue.code, message: issue.message }];
  });
}

/** The domain's `Invalid` for a zod failure: one violation per issue, the first one in the message. */
export function invalidInput(error: z.ZodError, what = 'la requête'): DomainError {
  const violations = violationsOf(error);
  const first = violations[0];
  const others = violations.length - 1;
  const more = others > 0 ? ` (et ${others} autre${others > 1 ? 's' : ''} erreur${others > 1 ? 's' : ''})` : '';
  return new DomainError(
    'Invalid',
    first ? `${what} est invalide : ${first.message}${more}` : `${what} est invalide`,
    violations,
  );
}

/** Parses `input` with `schema`, or throws `Invalid` with one violation per zod issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'la requête'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidInput(parsed.error, what);
}
