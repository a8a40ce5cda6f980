// How long the delivery ledger keeps a line (and a job's lease) once written. Past it AWS deletes them
// through the table's TTL; a finished campaign keeps its counts on its own item (finalize.ts), which is
// what agents then see (progress.ts). The embedded store never deletes them, which changes nothing there.

/**
 * 90 days. A line is what makes a recipient receive a campaign once: a send job parked in the
 * dead-letter queue (kept 14 days) and redriven after a fix must still find its lines, and a campaign is
 * given up after a day of sending. Agents read a campaign's failures in the weeks after it left; past a
 * season, « which message reached which pseudonym » serves no one (GDPR: keep no longer than useful),
 * while the campaign's counts stay.
 */
export const DELIVERY_RETENTION_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a line first written at `createdAt` (ISO-8601) may go: its expiry instant. */
export function deliveryExpiry(createdAt: string): Date {
  return new Date(Date.parse(createdAt) + DELIVERY_RETENTION_DAYS * DAY_MS);
}

/**
 * Whether a campaign's lines may be gone already. Lines are written at or after its `sendAt` (dispatch
 * never sends early), so until `sendAt` + the retention every one of them is still there.
 */
export function linesMayHaveExpired(sendAt: string, now: Date): boolean {
  return now.getTime() >= deliveryExpiry(sendAt).getTime();
}
