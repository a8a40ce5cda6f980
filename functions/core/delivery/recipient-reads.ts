// What a Telegram send job reads and checks per recipient, in batches: each recipient's line and
// subscriber are read together with the next ones in the job's fixed order (one BatchGetItem of
// each kind per chunk, read a little ahead of the sends), and the erasures a send may have raced
// are checked for a chunk of written lines at once. At 1,000 messages/s (paid broadcast) one store
// round trip per message each would cost more than the sends themselves.
import type { CoreContext } from '../context';
import { randomPseudonym } from '../subscribers/pseudonym';
import type { Subscriber } from '../subscribers/subscriber';
import type { Delivery } from './delivery';
import type { LineKey } from './ledger-line';

/** A recipient as the job reads it just before its send: their line (if written) and who they are now. */
export interface RecipientState {
  line?: Delivery;
  subscriber?: Subscriber;
}

export interface RecipientReader {
  /** The recipient's state, read at most one chunk ahead of its send. */
  read(recipient: string): Promise<RecipientState>;
}

/** Reads `recipients` (the job's fixed order) `chunk` at a time, the next chunk starting while the current one is sent. */
export function recipientReader(
  deps: CoreContext,
  campaignId: string,
  recipients: readonly string[],
  chunk: number,
): RecipientReader {
  const position = new Map(recipients.map((r, i) => [r, i]));
  const loaded = new Map<string, Promise<RecipientState>>();
  let requested = 0; // recipients[0 .. requested) have been asked for

  const load = (batch: readonly string[]) => {
    if (batch.length === 0) return;
    const both = Promise.all([
      deps.store.deliveries.getMany(campaignId, 'telegram', batch),
      deps.store.subscribers.getMany(batch),
    ]);
    // A failed read fails each recipient's send that awaits it (the job then fails and is retried).
    both.catch(() => undefined);
    for (const [i, recipient] of batch.entries())
      loaded.set(
        recipient,
        both.then(([lines, subscribers]) => ({ line: lines[i], subscriber: subscribers[i] })),
      );
  };

  return {
    read(recipient) {
      const at = position.get(recipient) ?? -1;
      if (!loaded.has(recipient)) {
        // In order, the chunk from here; out of order (or read twice), this one alone.
        const from = at >= requested ? at : -1;
        load(from < 0 ? [recipient] : recipients.slice(from, from + chunk));
        if (from >= 0) requested = from + chunk;
      }
      // Half a chunk before what was asked for runs out, the next chunk is on its way.
      if (at >= 0 && at + Math.ceil(chunk / 2) >= requested && requested < recipients.length) {
        load(recipients.slice(requested, requested + chunk));
        requested += chunk;
      }
      const state = loaded.get(recipient)!;
      loaded.delete(recipient);
      return state;
    },
  };
}

/**
 * An erasure that began while a send was in flight may have read the campaign before its line
 * existed, and moved nothing. Each written line then follows the person's other lines: to the
 * erasure's random pseudonym, or, when the erasure has already finished, to a fresh one (the line
 * still counts; it is never sent again, as the old pseudonym is no longer anyone's). If the
 * subscriber is there with no erasure begun, an erasure starting later reads the line and moves it
 * itself. Lines are checked `every` at a time (one BatchGetItem), and all of them before the job
 * releases its lease.
 */
export function erasureFollower(deps: CoreContext, every: number) {
  let written: LineKey[] = [];
  const checks: Promise<void>[] = [];

  const check = async (lines: LineKey[]) => {
    const now = await deps.store.subscribers.getMany(lines.map((l) => l.recipient));
    for (const [i, line] of lines.entries()) {
      const subscriber = now[i];
      if (subscriber && !subscriber.erasingAs) continue;
      const stored = await deps.store.deliveries.get(line.campaignId, line.channel, line.recipient);
      if (stored) await deps.store.deliveries.moveTo(stored, subscriber?.erasingAs ?? randomPseudonym());
    }
  };
  const flush = () => {
    if (written.length === 0) return;
    const batch = written;
    written = [];
    const done = check(batch);
    done.catch(() => undefined); // awaited by `settle`
    checks.push(done);
  };

  return {
    /** A line was just written: its recipient is checked with the next ones. */
    written(line: LineKey) {
      written.push(line);
      if (written.length >= every) flush();
    },
    /** Checks what is left and waits for every check; throws the first failure. */
    async settle() {
      flush();
      await Promise.all(checks);
    },
  };
}
