// An audit event: who changed what, and when. Transparency and traceability are the team's
// own duty; every change made through the admin API records one.
import * as z from 'zod';
import { Instant } from '../shared/schema';

export const AuditEvent = z.object({
  id: z.string(),
  at: Instant,
  actor: z.object({ agentId: z.string(), name: z.string() }),
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  entity: z.object({ type: z.enum(['demarche', 'questionnaire', 'campaign', 'agent']), id: z.string() }),
  /** Top-level fields that changed, with their value before and after. */
  changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** The fields whose value differs between two versions of an entity (shallow, JSON equality). */
export function diff(before: object | undefined, after: object | undefined): AuditEvent['changes'] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const ignored = new Set(['updatedAt', 'version']);
  const changes: AuditEvent['changes'] = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (ignored.has(key) || JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    changes[key] = { before: b[key], after: a[key] };
  }
  return changes;
}
