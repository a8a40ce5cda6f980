// Ports the core needs from the outside world: time and identifiers. The others live where they
// are used: storage in `core/store.ts` (one repository per entity); the send queue and the Telegram
// sender in `delivery/ports.ts`; the X publisher in `campaigns/x-publisher.ts`; Telegram rendering
// and its length rules in `campaigns/telegram-format.ts`; a scheduled campaign's one-time alarm in
// `campaigns/alarm.ts`. The recurring ticks are no port: the scheduler is an adapter that calls the
// dispatch handler.

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique id, URL- and callback_data-safe, at most 16 characters. */
  next(): string;
}
