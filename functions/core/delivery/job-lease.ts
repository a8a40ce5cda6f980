// The lease of a Telegram send job: one conditional put says "this worker is sending these
// recipients", one delete releases it once every outcome is written. Recipient lines are written
// only once final, so the lease is what bounds the sends a dead worker may have had in flight: a
// takeover resends those blind and counts them uncertain (the Bot API has no idempotency key).
import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import type { Delivery, JobLease } from './delivery';

/** The key of a job's lease: a hash of its sorted recipients, so any copy of the job (a redelivery, a resume) maps to it. */
export function jobKey(sortedRecipients: readonly string[]): string {
  return createHash('sha256').update(sortedRecipients.join('\n')).digest('base64url').slice(0, 32);
}

export interface TakenLease {
  lease: JobLease;
  /** The expired lease this one replaced: its owner died holding it. */
  previous?: JobLease;
}

/**
 * Takes the job's lease, or takes over one whose owner is gone; undefined while a live worker holds it.
 * A lease taken before `leasesDeadBefore` is a dead process's, however long it had left (see `ownerIsGone`).
 */
export async function takeJobLease(
  deps: CoreContext,
  campaignId: string,
  recipients: string[],
  window: number,
  leaseMs: number,
  round = 0,
  leasesDeadBefore?: Date,
): Promise<TakenLease | undefined> {
  const now = deps.clock.now();
  const job = jobKey(recipients);
  const lease: JobLease = {
    campaignId,
    job,
    recipients,
    owner: deps.ids.next(),
    window,
    ...(round > 0 ? { round } : {}),
    takenAt: now.toISOString(),
    heldUntil: new Date(now.getTime() + leaseMs).toISOString(),
  };
  const current = await deps.store.deliveries.getLease(campaignId, job);
  if (current && !ownerIsGone(current, now, leasesDeadBefore)) return undefined;
  if (!(await deps.store.deliveries.takeLease(lease, current))) return undefined;
  return { lease, previous: current };
}

/**
 * A lease's owner is gone once the lease ran out, or when it was taken before `leasesDeadBefore`:
 * the local runtime is one process per DATA_DIR, so a lease older than its own start is a killed
 * process's. Waiting out its 5 minutes would strand its recipients until the 15-minute resume.
 */
export function ownerIsGone(
  lease: Pick<JobLease, 'takenAt' | 'heldUntil'>,
  now: Date,
  leasesDeadBefore: Date | undefined,
): boolean {
  if (Date.parse(lease.heldUntil) <= now.getTime()) return true;
  return leasesDeadBefore !== undefined && Date.parse(lease.takenAt) < leasesDeadBefore.getTime();
}

/**
 * After a takeover: the recipients the dead owner may have had in flight. It sent in the job's
 * fixed order and started nothing after a deferral, so they are among the first recipients with no
 * line, at most `window` of them. Resending those is blind: a possible duplicate.
 */
export function blindResends(
  previous: Pick<JobLease, 'window'>,
  recipients: readonly string[],
  lines: readonly (Delivery | undefined)[],
): Set<string> {
  const blind = new Set<string>();
  for (const [i, recipient] of recipients.entries()) {
    if (blind.size >= previous.window) break;
    if (!lines[i]) blind.add(recipient);
  }
  return blind;
}

/** No send starts past 80% of the lease: a send begun under it ends well before another worker may take over. */
export const lastStartOf = (lease: Pick<JobLease, 'takenAt'>, leaseMs: number) =>
  Date.parse(lease.takenAt) + leaseMs * 0.8;
