// Writing ledger lines. A Telegram line is written once, final, after its send (the job's lease
// guards the sends, job-lease.ts). X and the feeds have one line each per campaign and no lease:
// a worker claims the line as `pending` before posting and updates it with the outcome, so a
// pending line with no note is a post that may be in flight, or was when its worker died.
import type { CoreContext } from '../context';
import type { Delivery } from './delivery';
import { lineState, writeNote } from './ledger';

export type LineKey = Pick<Delivery, 'campaignId' | 'channel' | 'recipient'>;
type Outcome = Omit<Delivery, keyof LineKey | 'createdAt' | 'updatedAt'>;

/**
 * Writes a Telegram recipient's final line: one conditional put. Refused (false) when another
 * worker wrote it meanwhile: a job overlapping this one sent to the same recipient.
 */
export async function writeFinalLine(deps: CoreContext, line: LineKey, createdAt: string, outcome: Outcome) {
  return deps.store.deliveries.claim({ ...line, createdAt, updatedAt: deps.clock.now().toISOString(), ...outcome });
}

/** A public channel's line as the worker that claimed it holds it. */
export interface ClaimedLine {
  createdAt: string;
  attempts: number;
  /** Its last post may have landed (a dead worker, a timeout): a repeat may be a duplicate. */
  uncertain: boolean;
}

export type Claim = { kind: 'mine'; line: ClaimedLine } | { kind: 'done' } | { kind: 'held' };

/**
 * Claims a public channel's line, or takes back one whose worker is gone; a refused claim is never posted blindly.
 * A line claimed before `leasesDeadBefore` is a dead process's (job-lease.ts `ownerIsGone`): taken back at once.
 */
export async function claimLine(
  deps: CoreContext,
  line: LineKey,
  leaseMs: number,
  leasesDeadBefore?: Date,
): Promise<Claim> {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (await deps.store.deliveries.claim({ ...line, status: 'pending', attempts: 0, createdAt: at, updatedAt: at }))
    return { kind: 'mine', line: { createdAt: at, attempts: 0, uncertain: false } };
  const existing = await deps.store.deliveries.get(line.campaignId, line.channel, line.recipient);
  if (!existing) return { kind: 'held' };
  const state = lineState(existing, now, leaseMs);
  if (state.kind === 'final') return { kind: 'done' };
  // A pending line's `updatedAt` is when its worker claimed it (or put it off, which is not in flight).
  const claimedByTheDead =
    leasesDeadBefore !== undefined && Date.parse(existing.updatedAt) < leasesDeadBefore.getTime();
  if (state.kind === 'in_flight' && !claimedByTheDead) return { kind: 'held' };
  // Ours now: stamp a fresh lease (dropping `deferred`) so a concurrent redelivery leaves it alone.
  const uncertain = state.kind === 'deferred' ? state.uncertain : true;
  await deps.store.deliveries.update({
    ...existing,
    status: 'pending',
    updatedAt: at,
    ...writeNote({ deferred: false, uncertain }),
  });
  return { kind: 'mine', line: { createdAt: existing.createdAt, attempts: existing.attempts, uncertain } };
}

/** Writes what became of a claimed line (final, or pending with a note saying it is not in flight). */
export async function recordOutcome(deps: CoreContext, line: LineKey, claimed: ClaimedLine, outcome: Outcome) {
  await deps.store.deliveries.update({
    ...line,
    createdAt: claimed.createdAt,
    updatedAt: deps.clock.now().toISOString(),
    ...outcome,
  });
}

/** An unexpected failure (store, network): the line is marked not in flight so the queue's retry may take it. */
export async function deferAndRethrow(
  deps: CoreContext,
  line: LineKey,
  claimed: ClaimedLine,
  attempts: number,
  error: unknown,
): Promise<never> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'erreur inconnue';
  await recordOutcome(deps, line, claimed, {
    status: 'pending',
    attempts,
    ...writeNote({ deferred: true, uncertain: claimed.uncertain, message }),
  }).catch(() => undefined);
  throw error;
}
