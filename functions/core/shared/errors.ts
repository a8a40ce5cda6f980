// Errors of the domain: each says which rule was broken, in words an agent or a citizen can act on.
// They are mapped once at each edge (HTTP status, Telegram reply, queue retry), never shown raw.

export type DomainErrorCode =
  | 'Invalid' // a value breaks a rule of the domain (400)
  | 'Unauthenticated' // no or wrong credentials (401)
  | 'Forbidden' // credentials lack the role (403)
  | 'NotFound' // the thing asked for does not exist (404)
  | 'Conflict' // the thing exists already, or changed meanwhile, or its state forbids the change (409)
  | 'Closed'; // the questionnaire or campaign no longer accepts this (409)

export interface Violation {
  /** Dotted path of the field, e.g. `questions.0.options`. Empty for the whole object. */
  field: string;
  /** Machine-readable rule name, e.g. `send_at_in_future`. */
  rule: string;
  /** Human explanation, in French. */
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly violations: Violation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, rule: string, message: string) =>
  new DomainError('Invalid', message, [{ field, rule, message }]);
export const notFound = (what: string, id: string) => new DomainError('NotFound', `${what} introuvable : ${id}`);
export const conflict = (message: string, rule = 'conflict') =>
  new DomainError('Conflict', message, [{ field: '', rule, message }]);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
