// Ports the core needs from the outside world: time and identifiers. Storage ports live with
// their capability (e.g. `campaigns/ports.ts`); channel, queue and scheduler ports with delivery.

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique id, URL- and callback_data-safe, at most 16 characters. */
  next(): string;
}
